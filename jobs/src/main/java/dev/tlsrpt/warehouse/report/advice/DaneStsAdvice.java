package dev.tlsrpt.warehouse.report.advice;

import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice.Advice;
import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice.Subject;
import dev.tlsrpt.warehouse.report.issues.Text;
import java.util.List;

/**
 * Diagnosis and fix for DANE (RFC 7672: tlsa-invalid, dnssec-invalid, dane-required), MTA-STS (RFC
 * 8461: sts-policy-fetch-error, sts-policy-invalid, sts-webpki-invalid) and result types RFC 8460
 * does not define.
 */
public final class DaneStsAdvice {
  private DaneStsAdvice() {}

  static Advice advise(Subject s) {
    return switch (s.resultType()) {
      case "tlsa-invalid" -> tlsaInvalid(s);
      case "dnssec-invalid" -> dnssecInvalid(s);
      case "dane-required" -> daneRequired(s);
      case "sts-policy-fetch-error" -> stsFetch(s);
      case "sts-policy-invalid" -> stsInvalid(s);
      case "sts-webpki-invalid" -> stsWebPki(s);
      default -> unknown(s);
    };
  }

  /** {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} (RFC 8461 section 3.3). */
  public static String policyUrl(String domain) {
    return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
  }

  private static String tlsaName(Subject s) {
    return "_25._tcp." + s.host();
  }

  private static Advice tlsaInvalid(Subject s) {
    return new Advice(
        "TLSA records do not match the certificate of " + s.where(),
        "The DANE TLSA records at "
            + tlsaName(s)
            + " match none of the certificates "
            + s.where()
            + " presents, usually after a certificate renewal with a new key. DANE senders do not"
            + " deliver to this host. "
            + s.reasons(),
        List.of(
            "Compare dig +short TLSA "
                + tlsaName(s)
                + " with the certificate the host serves ("
                + s.opensslCheck()
                + "); for 3 1 1 records the data is the SHA-256 of the public key.",
            "Publish a TLSA record for the key the host serves now; on the next rollover publish"
                + " the new key's record before switching the certificate and keep both during"
                + " the DNS TTL.",
            s.watchStep()));
  }

  private static Advice dnssecInvalid(Subject s) {
    return new Advice(
        "DNSSEC validation fails for " + s.domain(),
        "Senders' validating resolvers got bogus answers when looking up the MX or TLSA records"
            + " of "
            + s.domain()
            + " ("
            + s.where()
            + "): expired signatures, or a DS record at the parent that matches no DNSKEY after a"
            + " key rollover. "
            + s.reasons(),
        List.of(
            "Check the DNSSEC chain of "
                + s.domain()
                + " and of the MX host names with a DNSSEC analyser (e.g. dnsviz.net, or delv).",
            "Fix what it shows: re-sign the zone (expired RRSIGs), or update the DS record at the"
                + " registrar to match the current key signing key.",
            s.watchStep()));
  }

  private static Advice daneRequired(Subject s) {
    return new Advice(
        "No usable DANE TLSA records for " + s.where(),
        "These senders require DANE for "
            + s.domain()
            + " but found no DNSSEC-validated TLSA records for "
            + s.where()
            + ", so they did not deliver. "
            + s.reasons(),
        List.of(
            "Publish TLSA records at " + tlsaName(s) + " for every MX host of " + s.domain() + ".",
            "Make sure the zones of the MX host names are DNSSEC-signed and validate (check with"
                + " dnsviz.net or delv).",
            s.watchStep()));
  }

  private static Advice stsFetch(Subject s) {
    String url = policyUrl(s.domain());
    return new Advice(
        "MTA-STS policy of " + s.domain() + " cannot be fetched",
        "Senders found the _mta-sts."
            + s.domain()
            + " TXT record but could not fetch the policy at "
            + url
            + ". "
            + s.reasons(),
        List.of(
            "Check that "
                + url
                + " is reachable over HTTPS from the internet (curl -v "
                + url
                + " must return 200 with the policy as text/plain, without redirects).",
            "Check that mta-sts."
                + s.domain()
                + " resolves and serves a valid, publicly trusted certificate for mta-sts."
                + s.domain()
                + ".",
            "Use the reason codes: a timeout points at a firewall or an unreachable web server, a"
                + " 404 at a missing file, a TLS error at the certificate.",
            "If you no longer use MTA-STS, remove the _mta-sts."
                + s.domain()
                + " TXT record too: senders keep trying while it exists.",
            s.watchStep()));
  }

  private static Advice stsInvalid(Subject s) {
    String url = policyUrl(s.domain());
    return new Advice(
        "MTA-STS policy of " + s.domain() + " is invalid",
        "Senders fetched " + url + " but could not parse the policy. " + s.reasons(),
        List.of(
            "Fix the syntax of "
                + url
                + ": one key: value per line, version: STSv1 first, mode: enforce, testing or"
                + " none, one mx: line per MX host or *.domain pattern, max_age: in seconds (at"
                + " most 31557600).",
            "Serve it as text/plain (UTF-8) without HTML around it.",
            "Change the id in the _mta-sts."
                + s.domain()
                + " TXT record so senders fetch it again.",
            s.watchStep()));
  }

  private static Advice stsWebPki(Subject s) {
    return new Advice(
        "Certificate of mta-sts." + s.domain() + " is not valid",
        "Senders could not validate the certificate of the policy host mta-sts."
            + s.domain()
            + " when fetching "
            + policyUrl(s.domain())
            + ". "
            + s.reasons(),
        List.of(
            "Install a publicly trusted certificate whose SAN includes mta-sts."
                + s.domain()
                + ", with the full chain.",
            "If a CDN or hosting provider serves the policy, add mta-sts."
                + s.domain()
                + " as a custom host name there so its certificate covers it.",
            "Check its expiry and the renewal automation.",
            s.watchStep()));
  }

  private static Advice unknown(Subject s) {
    return new Advice(
        "Failures of type \"" + s.resultType() + "\" for " + s.domain(),
        "Reporters used the result type \""
            + s.resultType()
            + "\", which RFC 8460 does not define, for sessions to "
            + s.where()
            + ". "
            + s.reasons(),
        List.of(
            "Look up \""
                + s.resultType()
                + "\" and the reason codes in the documentation of "
                + Text.list(s.reporters(), 5)
                + ", or ask them at the contact address in their reports.",
            "Check TLS on " + s.where() + ": " + s.opensslCheck() + ".",
            s.watchStep()));
  }
}
