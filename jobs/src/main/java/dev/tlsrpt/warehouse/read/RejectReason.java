package dev.tlsrpt.warehouse.read;

import java.util.Locale;

/**
 * Why a raw object was quarantined. The code is stable (stored in the ledger); the hint says what a
 * person can do about it.
 */
public enum RejectReason {
  UNSUPPORTED_FORMAT(
      "a report is JSON, gzip or a mail message, whatever its name; if this one is a report, store"
          + " it unpacked (not zip, not encrypted), else remove it from the archive"),
  EMPTY_FILE("the object has no bytes: fetch the report again from its source"),
  TOO_LARGE(
      "a real report is far smaller; if this one is genuine, raise the limit"
          + " (--max-report-bytes / limits.max-report-bytes)"),
  TRUNCATED_GZIP("the gzip stream ends early: the upload or download was cut; fetch it again"),
  CORRUPT_GZIP("the gzip stream is damaged: fetch the report again from its source"),
  INVALID_ENCODING("the JSON is not valid UTF-8 text: ask the reporter for a corrected report"),
  NOT_JSON("the body is not a JSON document: check that the file holds a TLS-RPT report"),
  JSON_LIMITS_EXCEEDED(
      "the JSON nests deeper, or holds longer strings or numbers, than any real report does"),
  DUPLICATE_KEY(
      "a JSON object repeats a key, so its value is ambiguous: ask the reporter to fix it"),
  NOT_A_TLSRPT_REPORT(
      "the JSON is not an RFC 8460 report (it needs report-id and a policies array): check what"
          + " sent it"),
  MISSING_FIELD("a field RFC 8460 requires is absent, so the figures cannot be placed or counted"),
  INVALID_COUNT(
      "session counts must be integers from 0 to 10^12; the report's numbers cannot be trusted,"
          + " ask the reporter for a corrected report"),
  INVALID_DATE("a timestamp is not an RFC 3339 date-time"),
  INVALID_DATE_RANGE(
      "the date range ends before it starts, or lies outside 2015-01-01 .. 2100-01-01"),
  NOT_AN_EMAIL("the .eml file is not a readable MIME message"),
  TOO_MANY_PARTS("the email has more MIME parts than any report email has"),
  NO_REPORT_ATTACHMENT(
      "no part of the email is a TLS-RPT report (an application/tlsrpt+gzip, tlsrpt+json, gzip or"
          + " json attachment, or a part whose body is report JSON, plain or gzip): it is not a"
          + " report email; if it forwards one, archive the original message or its attachment"),
  INVALID_NAME(
      "the object's name is not valid UTF-8 (or cannot be represented on this system), so no URI"
          + " names it faithfully: rename it to UTF-8 (e.g. convmv -f latin1 -t utf8 --notest),"
          + " then run the ingest again; its bytes are kept in _quarantine/"),
  READ_ERROR(
      "the object could not be read from storage: check its permissions, then run the ingest"
          + " with --reprocess (an object in the ledger is not read again by a normal run)");

  private final String hint;

  RejectReason(String hint) {
    this.hint = hint;
  }

  /** The stable code stored in the ledger's {@code reason} column. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What a person can do about a file rejected for this reason. */
  public String hint() {
    return hint;
  }
}
