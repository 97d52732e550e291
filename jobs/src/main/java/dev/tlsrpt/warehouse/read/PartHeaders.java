package dev.tlsrpt.warehouse.read;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * Collects what {@link EmailParts} needs from a MIME entity's {@code Content-*} fields: the type
 * and its boundary and charset, the transfer encoding, and the attachment's file name. It uses
 * mime4j's light field tokenizer; mime4j's full descriptor runs a generated grammar parser per
 * field, which made an email cost far more to read than a gzip file.
 */
final class PartHeaders implements BodyDescriptorBuilder {
  private final String parentMimeType;
  private final Map<String, String> type = new HashMap<>();
  private final Map<String, String> disposition = new HashMap<>();
  private String mimeType;
  private String transferEncoding;
  private long contentLength;

  PartHeaders() {
    this(null);
  }

  private PartHeaders(String parentMimeType) {
    this.parentMimeType = parentMimeType;
    reset();
  }

  /**
   * A MIME entity's descriptor, with the file name its headers give, if any, and whether it is a
   * TLS-RPT report ({@code multipart/report; report-type=tlsrpt}, RFC 8460 section 5.3).
   */
  record Part(
      String getMimeType,
      String getMediaType,
      String getSubType,
      String getBoundary,
      String getCharset,
      String getTransferEncoding,
      long getContentLength,
      String fileName,
      boolean tlsrptReport)
      implements BodyDescriptor {}

  @Override
  public void reset() {
    type.clear();
    disposition.clear();
    mimeType = null;
    transferEncoding = null;
    contentLength = -1;
  }

  @Override
  public BodyDescriptorBuilder newChild() {
    return new PartHeaders(mimeType);
  }

  @Override
  public Field addField(RawField field) {
    String raw = field.getName();
    if (raw.length() < 12 || !raw.regionMatches(true, 0, "content-", 0, 8)) {
      return field; // only Content-* fields are read: no lower-casing of every Received, DKIM...
    }
    String name = raw.toLowerCase(Locale.ROOT);
    switch (name) {
      case "content-type" -> {
        if (mimeType == null) {
          contentType(field);
        }
      }
      case "content-disposition" -> {
        if (disposition.isEmpty()) {
          params(RawFieldParser.DEFAULT.parseRawBody(field), disposition);
        }
      }
      case "content-transfer-encoding" -> {
        String value = field.getBody() == null ? "" : field.getBody().strip();
        if (transferEncoding == null && !value.isEmpty()) {
          transferEncoding = value.toLowerCase(Locale.ROOT);
        }
      }
      case "content-length" -> {
        if (contentLength == -1) {
          try {
            contentLength = Long.parseLong(String.valueOf(field.getBody()).strip());
          } catch (NumberFormatException e) {
            contentLength = -1; // a hint only: ignored when wrong
          }
        }
      }
      default -> {}
    }
    return field;
  }

  @Override
  public Part build() {
    String mime = mimeType;
    if (mime == null) {
      mime = "multipart/digest".equals(parentMimeType) ? "message/rfc822" : "text/plain";
    }
    int slash = mime.indexOf('/');
    String media = mime.substring(0, slash);
    String charset = type.get("charset");
    if (charset == null && media.equals("text")) {
      charset = "us-ascii";
    }
    String fileName = fileName(disposition, "filename");
    return new Part(
        mime,
        media,
        mime.substring(slash + 1),
        mime.startsWith("multipart/") ? type.get("boundary") : null,
        charset,
        transferEncoding == null ? "7bit" : transferEncoding,
        contentLength,
        fileName != null ? fileName : fileName(type, "name"),
        mime.equals("multipart/report")
            && "tlsrpt".equalsIgnoreCase(stripped(type, "report-type")));
  }

  private void contentType(RawField field) {
    RawBody body = RawFieldParser.DEFAULT.parseRawBody(field);
    params(body, type);
    String value = body.getValue() == null ? "" : body.getValue().strip().toLowerCase(Locale.ROOT);
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1) {
      return; // not type/subtype: the default applies
    }
    String media = value.substring(0, slash).strip();
    String subtype = value.substring(slash + 1).strip();
    // usually "type/subtype" already: no new string built for every part
    String mime =
        media.length() + subtype.length() + 1 == value.length()
            ? value
            : media.concat("/").concat(subtype);
    if (!mime.startsWith("multipart/") || type.get("boundary") != null) {
      mimeType = mime; // a multipart type without boundary cannot be split: read as text
    }
  }

  private static String stripped(Map<String, String> params, String name) {
    String value = params.get(name);
    return value == null ? null : value.strip();
  }

  private static void params(RawBody body, Map<String, String> into) {
    for (NameValuePair p : body.getParams()) {
      into.putIfAbsent(p.getName().toLowerCase(Locale.ROOT), p.getValue());
    }
  }

  /** {@code name}, or its RFC 2231 form {@code name*=charset'lang'percent-encoded}. */
  private static String fileName(Map<String, String> params, String name) {
    String plain = params.get(name);
    if (plain != null) {
      return plain;
    }
    String extended = params.get(name + "*");
    if (extended == null) {
      return null;
    }
    String[] parts = extended.split("'", 3);
    if (parts.length < 3) {
      return extended;
    }
    try {
      Charset charset = parts[0].isEmpty() ? StandardCharsets.US_ASCII : Charset.forName(parts[0]);
      return URLDecoder.decode(parts[2].replace("+", "%2B"), charset);
    } catch (IllegalArgumentException e) {
      return parts[2];
    }
  }
}
