package dev.tlsrpt.warehouse.generate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The header block of a report email, as each reporter writes it: Google's Report-ID subject in its
 * own dotted form (which differs from the body's report-id), Microsoft's subject folded before the
 * bare report id, Mail.ru's subject folded over four lines, RFC 8460 TLS-Report-Domain and
 * TLS-Report-Submitter everywhere, plus the receiving server's Received line and a (fake)
 * DKIM-Signature. Lines end in {@code \n}; {@link ReportEmail} converts them where the reporter
 * uses CRLF.
 */
final class MailHeaders {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  private static final DateTimeFormatter GOOGLE_ID =
      DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT);

  private static final String GOOGLE =
      """
      Return-Path: <${token}@smtp-tls-reporting.bounces.google.com>
      ${received}${dkim}MIME-Version: 1.0
      Date: ${date}
      TLS-Report-Domain: ${domain}
      TLS-Report-Submitter: google.com
      Message-ID: <${short}.050a0220.${short2}.1e8dtls@google.com>
      Subject: Report Domain: ${domain} Submitter: google.com Report-ID: <${googleId}>
      From: noreply-smtp-tls-reporting@google.com
      To: tlsrpt@${domain}
      Content-Type: multipart/report; boundary="${boundary}"; report-type=tlsrpt
      """;
  private static final String MICROSOFT =
      """
      ${received}From: <tlsrpt-noreply@microsoft.com>
      To: "tlsrpt@${domain}" <tlsrpt@${domain}>
      Date: ${date}
      Subject: Report Domain: ${domain} Submitter: microsoft.com Report-ID:
       ${reportId}
      TLS-Report-Domain: ${domain}
      TLS-Report-Submitter: microsoft.com
      MIME-Version: 1.0
      Message-ID: <${reportId}@${domain}>
      Content-Type: multipart/report;
      \tboundary="${boundary}"; report-type=tlsrpt
      X-OriginatorOrg: microsoft.com
      """;
  private static final String MAILRU =
      """
      Return-Path: noreply-smtp-tls-reporting@corp.mail.ru
      ${received}${dkim}From: noreply-smtp-tls-reporting@corp.mail.ru
      Date: ${date}
      To: tlsrpt@${domain}
      Subject: Report
       Domain: ${domain}
       Submitter: mail.ru
       Report-ID: <${reportId}>
      Auto-Submitted: auto-generated
      TLS-Report-Domain: ${domain}
      TLS-Report-Submitter: mail.ru
      Message-Id: <${reportId}>
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type="tlsrpt";
       boundary="${boundary}"
      """;
  private static final String GENERIC =
      """
      Return-Path: <tlsrpt-noreply@${submitter}>
      ${received}From: TLS Reporting <tlsrpt-noreply@${submitter}>
      To: tlsrpt@${domain}
      Date: ${date}
      Subject: Report Domain: ${domain} Submitter: ${submitter} Report-ID: <${reportId}>
      Message-ID: <${token}@${submitter}>
      TLS-Report-Domain: ${domain}
      TLS-Report-Submitter: ${submitter}
      Auto-Submitted: auto-generated
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type="tlsrpt";
       boundary="${boundary}"
      """;

  private MailHeaders() {}

  /** The header lines, ending with Content-Type (whose boundary the caller supplies). */
  static String of(SyntheticReport r, Instant sent, String boundary, SplittableRandom rng) {
    String domain = r.domain().name();
    String submitter = r.sender().submitter();
    String token = Draw.hex(rng.nextLong(), 16);
    String template;
    String received;
    String dkim = "";
    String zone = "UTC";
    switch (r.kind()) {
      case GOOGLE -> {
        template = GOOGLE;
        received = received("mail-ot1-f71.google.com", "192.0.2.71", domain, sent, rng);
        dkim = dkim("google.com", "20230601", sent, rng);
        zone = "America/Los_Angeles";
      }
      case MICROSOFT -> {
        template = MICROSOFT;
        String host = "mail-bl2nam06.outbound.protection.outlook.com";
        received = received(host, "2001:db8:10b6::17", domain, sent, rng);
      }
      case MAILRU -> {
        template = MAILRU;
        received = received("relay6.m.smailru.net", "198.51.100.201", domain, sent, rng);
        dkim = dkim("corp.mail.ru", "mail4", sent, rng);
        zone = "Europe/Moscow";
      }
      default -> {
        template = GENERIC;
        String ip = FailureMix.sendingIp(rng, r.sender());
        received = received("mx." + submitter, ip, domain, sent, rng);
      }
    }
    return template
        .replace("${received}", received)
        .replace("${dkim}", dkim)
        .replace("${date}", date(sent, zone))
        .replace("${googleId}", GOOGLE_ID.format(r.day()) + "T00.00.00Z+" + domain + "@google.com")
        .replace("${short}", token.substring(0, 8))
        .replace("${short2}", token.substring(8, 13))
        .replace("${token}", token)
        .replace("${reportId}", r.reportId())
        .replace("${boundary}", boundary)
        .replace("${submitter}", submitter)
        .replace("${domain}", domain);
  }

  private static String received(
      String host, String ip, String domain, Instant sent, SplittableRandom rng) {
    String id = Draw.hex(rng.nextLong(), 10).toUpperCase(Locale.ROOT);
    return "Received: from %s (%s [%s])\n\tby mx1.%s (Postfix) with ESMTPS id %s\n\tfor <tlsrpt@%s>; %s\n"
        .formatted(host, host, ip, domain, id, domain, date(sent.plusSeconds(2), "UTC"));
  }

  private static String dkim(String d, String selector, Instant sent, SplittableRandom rng) {
    byte[] bh = new byte[32];
    byte[] b = new byte[96];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rng.nextInt(256);
      if (i < bh.length) {
        bh[i] = (byte) rng.nextInt(256);
      }
    }
    Base64.Encoder base64 = Base64.getEncoder();
    return ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=%s; t=%d;\n"
            + "\th=to:from:subject:message-id:tls-report-submitter:tls-report-domain:date;\n"
            + "\tbh=%s;\n\tb=%s\n")
        .formatted(
            d,
            selector,
            sent.getEpochSecond(),
            base64.encodeToString(bh),
            base64.encodeToString(b));
  }

  static String date(Instant instant, String zone) {
    return DATE.format(instant.atZone(ZoneId.of(zone)));
  }
}
