package dev.tlsrpt.warehouse.intake.collect;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.util.Locale;

/**
 * Tells a TLS-RPT message (RFC 8460 section 5.3) from the rest of a mailbox by what the server
 * already knows of it (headers and BODYSTRUCTURE), without fetching its body: a {@code
 * TLS-Report-Domain} header, a {@code multipart/report; report-type=tlsrpt} type, or a part that is
 * a tlsrpt media type or a {@code .json}/{@code .json.gz} file. DMARC reports ({@code .xml.gz},
 * {@code .zip}) that often share the mailbox are not reports here.
 */
final class ReportMessages {
  /** Nesting a report never needs; deeper structures are judged by their outer levels only. */
  private static final int MAX_DEPTH = 8;

  private final int maxParts;

  ReportMessages(int maxParts) {
    this.maxParts = maxParts;
  }

  /** Whether {@code message} is a report; {@code reportDomain} is its TLS-Report-Domain header. */
  boolean isReport(Part message, String reportDomain) throws MessagingException, IOException {
    if (reportDomain != null && !reportDomain.isBlank()) {
      return true;
    }
    ContentType type = contentType(message);
    if (type != null
        && type.match("multipart/report")
        && "tlsrpt".equalsIgnoreCase(strip(type.getParameter("report-type")))) {
      return true;
    }
    return hasReportPart(message, 0, new int[] {0});
  }

  private boolean hasReportPart(Part part, int depth, int[] seen)
      throws MessagingException, IOException {
    if (++seen[0] > maxParts || depth > MAX_DEPTH) {
      return false;
    }
    ContentType type = contentType(part);
    if (type != null && type.getPrimaryType().equalsIgnoreCase("multipart")) {
      Object content = part.getContent();
      if (content instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount() && seen[0] <= maxParts; i++) {
          BodyPart child = multipart.getBodyPart(i);
          if (hasReportPart(child, depth + 1, seen)) {
            return true;
          }
        }
      }
      return false;
    }
    return isReportAttachment(type, fileName(part));
  }

  /** A part holding a report, by its media type or its file name. */
  static boolean isReportAttachment(ContentType type, String fileName) {
    if (type != null) {
      String base = type.getBaseType().toLowerCase(Locale.ROOT);
      if (base.contains("tlsrpt") || base.equals("application/json")) {
        return true;
      }
    }
    if (fileName != null) {
      String name = fileName.strip().toLowerCase(Locale.ROOT);
      return name.endsWith(".json") || name.endsWith(".json.gz");
    }
    return false;
  }

  private static ContentType contentType(Part part) throws MessagingException {
    String raw = part.getContentType();
    if (raw == null) {
      return null;
    }
    try {
      return new ContentType(raw);
    } catch (ParseException e) {
      return null;
    }
  }

  private static String fileName(Part part) {
    try {
      return part.getFileName();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
