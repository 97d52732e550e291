package dev.tlsrpt.warehouse.intake.receive;

import java.util.Locale;

/**
 * The two media types RFC 8460 section 5.3 posts a report as, and the name ending its object gets
 * in the archive. Parameters ({@code ; charset=utf-8}) and case are ignored.
 */
enum ReportMediaType {
  JSON("application/tlsrpt+json", "json"),
  GZIP("application/tlsrpt+gzip", "json.gz");

  private final String type;
  private final String extension;

  ReportMediaType(String type, String extension) {
    this.type = type;
    this.extension = extension;
  }

  /** The type of a {@code Content-Type} header, or null when it is neither of the two. */
  static ReportMediaType of(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String bare = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
    bare = bare.toLowerCase(Locale.ROOT);
    for (ReportMediaType t : values()) {
      if (t.type.equals(bare)) {
        return t;
      }
    }
    return null;
  }

  String type() {
    return type;
  }

  /** {@code json} or {@code json.gz}: the archive object's name ending. */
  String extension() {
    return extension;
  }
}
