package dev.tlsrpt.warehouse.generate;

import java.util.Locale;

/**
 * The kinds of reporting organisation in the archive, each with the habits its real reports show
 * (see the shared samples): names, contact, time stamps, policy fields, delivery and file mix.
 */
enum Reporter {
  /** Google: one report per domain and day, mostly by email, report-id {@code <start>_<domain>}. */
  GOOGLE("Google Inc.", "google.com", "smtp-tls-reporting@google.com", 35, 0.40, 0.60, 0.00),
  /** Microsoft: time stamps without zone; sts and tlsa policies counting the same sessions. */
  MICROSOFT(
      "Microsoft Corporation",
      "microsoft.com",
      "tlsrpt-noreply@microsoft.com",
      25,
      0.70,
      0.15,
      0.15),
  /** Mail.ru: end = next midnight, contact at corp.mail.ru, failure details without IP or MX. */
  MAILRU("Mail.ru", "mail.ru", "tls_support@corp.mail.ru", 12, 0.70, 0.20, 0.10),
  /** A Yahoo-like large webmail service: clean RFC 8460 .json.gz files, delivered over HTTPS. */
  WEBMAIL("Example Webmail Inc.", "webmail.example", "tlsrpt@webmail.example", 13, 1.00, 0, 0),
  /** Small MTAs (Postfix tlsrpt-reporter and alike): contact-info null, odd mx-host forms. */
  SMALL_MTA(null, null, null, 15, 0.70, 0.20, 0.10);

  private final String organization;
  private final String submitter;
  private final String contact;
  private final double weight;
  private final double[] containerShares;

  Reporter(
      String organization,
      String submitter,
      String contact,
      double weight,
      double gzipShare,
      double emailShare,
      double jsonShare) {
    this.organization = organization;
    this.submitter = submitter;
    this.contact = contact;
    this.weight = weight;
    this.containerShares = new double[] {gzipShare, emailShare, jsonShare};
  }

  /** How likely this kind is to be among a domain's first reporters of a day. */
  double weight() {
    return weight;
  }

  /** Shares of .json.gz, .eml and .json files, in {@link Container} order. */
  double[] containerShares() {
    return containerShares.clone();
  }

  /** The stable key used in the ground truth ({@code google}, {@code small_mta}, ...). */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One reporting organisation: a kind and, for small MTAs, which one. */
  record Sender(Reporter kind, int number) {
    String organization() {
      return kind == SMALL_MTA ? "mail.sender-" + number + ".example" : kind.organization;
    }

    /** The domain in TLS-Report-Submitter and in RFC 8460 file names. */
    String submitter() {
      return kind == SMALL_MTA ? organization() : kind.submitter;
    }

    /** contact-info, or null (small MTAs send {@code "contact-info": null}). */
    String contact() {
      return kind.contact;
    }

    /** Which of the small-MTA report styles this sender writes: 0, 1 or 2. */
    int style() {
      return number % 3;
    }
  }
}
