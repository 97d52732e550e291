package dev.tlsrpt.warehouse.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Finds the report attachments of a TLS-RPT email (RFC 8460 section 5.3) with Apache James mime4j,
 * and the envelope values beside them: TLS-Report-Domain, TLS-Report-Submitter and the subject's
 * Report-ID. Reads in one streaming pass with every size bounded.
 */
final class EmailParts {
  private static final Set<String> REPORT_TYPES =
      Set.of(
          "application/tlsrpt+gzip",
          "application/tlsrpt+json",
          "application/gzip",
          "application/x-gzip",
          "application/json");

  /**
   * Media types some senders put a report under: read when the email is a TLS-RPT report and the
   * part starts as JSON or gzip, or in any email when its body is plainly a report.
   */
  private static final Set<String> LOOSE_TYPES =
      Set.of(
          "application/tlsrpt",
          "application/x-tlsrpt",
          "application/octet-stream",
          "application/x-json",
          "text/json",
          "text/plain");

  /** Enough of a part to see it start as gzip or JSON (past a BOM and some white space). */
  private static final int LEADING_BYTES = 256;

  private static final Pattern REPORT_NAME = Pattern.compile("(?i).*\\.(json|json\\.gz|gz)$");
  private static final Pattern SUBJECT_ID = Pattern.compile("(?i)Report-ID:\\s*<?([^<>\\s]+)>?");

  /** One report attachment, still encoded as it was sent (gzip or JSON). */
  record Attachment(String fileName, byte[] content) {}

  /**
   * The parts of an email that matter for reading its reports.
   *
   * @param partTypes the media types of the parts not read, for a rejection's message
   */
  record Email(
      String reportDomain,
      String reportSubmitter,
      String subjectReportId,
      List<Attachment> parts,
      Set<String> partTypes) {}

  private final ReaderLimits limits;

  EmailParts(ReaderLimits limits) {
    this.limits = limits;
  }

  Email parse(byte[] raw) throws ReadException {
    Handler handler = new Handler();
    MimeConfig config =
        new MimeConfig.Builder()
            .setMaxLineLen(100_000)
            .setMaxHeaderCount(2_000)
            .setMaxHeaderLen(200_000)
            .setMaxContentLen(limits.maxRawBytes())
            .build();
    MimeStreamParser parser = new MimeStreamParser(config, DecodeMonitor.SILENT, new PartHeaders());
    parser.setContentDecoding(true);
    parser.setRecurse();
    parser.setContentHandler(handler);
    try {
      parser.parse(new ByteArrayInputStream(raw));
    } catch (StopParsing stop) {
      throw stop.cause;
    } catch (MimeException | IOException | RuntimeException e) {
      throw new ReadException(
          RejectReason.NOT_AN_EMAIL, "MIME parsing failed: " + Text.preview(e.getMessage()));
    }
    if (handler.topLevelFields == 0) {
      throw new ReadException(
          RejectReason.NOT_AN_EMAIL, "the file has no mail header fields before its body");
    }
    return new Email(
        handler.domain,
        handler.submitter,
        handler.subjectId,
        handler.attachments,
        handler.otherTypes);
  }

  static boolean isReportPart(String mimeType, String fileName) {
    String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
    if (REPORT_TYPES.contains(type)) {
      return true;
    }
    return type.equals("application/octet-stream")
        && fileName != null
        && REPORT_NAME.matcher(fileName).matches();
  }

  /** Carries a rejection out of mime4j's callback, which may only throw MimeException. */
  private static final class StopParsing extends MimeException {
    private final transient ReadException cause;

    StopParsing(ReadException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
  }

  private final class Handler extends AbstractContentHandler {
    private final List<Attachment> attachments = new ArrayList<>();
    private String domain;
    private String submitter;
    private String subjectId;
    private int parts;
    private int topLevelFields;
    private boolean topLevelHeaderDone;
    private boolean tlsrptReport;
    private final Set<String> otherTypes = new LinkedHashSet<>();

    @Override
    public void startMultipart(BodyDescriptor bd) {
      if (bd instanceof PartHeaders.Part part && part.tlsrptReport()) {
        tlsrptReport = true; // also when forwarded inside another message
      }
    }

    @Override
    public void endHeader() {
      topLevelHeaderDone = true;
    }

    @Override
    public void startBodyPart() throws MimeException {
      if (++parts > limits.maxMimeParts()) {
        throw new StopParsing(
            new ReadException(
                RejectReason.TOO_MANY_PARTS,
                "the email has more than " + limits.maxMimeParts() + " MIME parts"));
      }
    }

    @Override
    public void field(Field field) {
      if (!topLevelHeaderDone) {
        topLevelFields++;
      }
      // only the three fields read are unfolded and decoded (not Received, DKIM-Signature, ...)
      String name = field.getName();
      if (name.equalsIgnoreCase("tls-report-domain") && domain == null) {
        domain = Text.emptyToNull(decoded(field.getBody()));
      } else if (name.equalsIgnoreCase("tls-report-submitter") && submitter == null) {
        submitter = Text.emptyToNull(decoded(field.getBody()));
      } else if (name.equalsIgnoreCase("subject") && subjectId == null) {
        Matcher m = SUBJECT_ID.matcher(decoded(field.getBody()));
        subjectId = m.find() ? m.group(1) : null;
      }
    }

    @Override
    public void body(BodyDescriptor bd, InputStream is) throws MimeException, IOException {
      String fileName = bd instanceof PartHeaders.Part part ? part.fileName() : null;
      String type = bd.getMimeType();
      try {
        InputStream body = is;
        if (!isReportPart(type, fileName)) {
          byte[] head = LOOSE_TYPES.contains(type) ? looseHead(is) : null;
          if (head == null || !isLooseReport(head)) {
            if (otherTypes.size() < 8) {
              otherTypes.add(Text.preview(type));
            }
            return;
          }
          body = new SequenceInputStream(new ByteArrayInputStream(head), is);
        }
        byte[] content =
            Payloads.readBounded(body, limits.maxReportBytes(), "the attachment", 4096);
        attachments.add(new Attachment(fileName == null ? null : decoded(fileName), content));
      } catch (ReadException e) {
        throw new StopParsing(e);
      }
    }

    /**
     * The first bytes of a part of a loose media type, as many as {@link #isLooseReport} needs: in
     * a TLS-RPT report email a few (every such email has a text part, read here for each one),
     * elsewhere the sniffing window.
     */
    private byte[] looseHead(InputStream is) throws IOException {
      return is.readNBytes(tlsrptReport ? LEADING_BYTES : ContentSniff.WINDOW);
    }

    /**
     * Whether a part of a loose media type holds a report, from its first bytes: in a TLS-RPT
     * report email a part that starts as gzip or JSON is its report (and is quarantined with the
     * reason if it is a broken one); elsewhere only a body that is plainly a report is taken.
     */
    private boolean isLooseReport(byte[] head) {
      return tlsrptReport
          ? Payloads.isGzip(head) || ContentSniff.startsLikeJson(head)
          : ContentSniff.plainlyReport(head);
    }
  }

  private static String decoded(String headerValue) {
    String unfolded = MimeUtil.unfold(headerValue == null ? "" : headerValue);
    try {
      return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT).strip();
    } catch (IllegalArgumentException e) {
      return unfolded.strip();
    }
  }
}
