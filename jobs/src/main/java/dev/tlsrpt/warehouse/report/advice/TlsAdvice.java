package dev.tlsrpt.warehouse.report.advice;

import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice.Advice;
import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice.Subject;
import dev.tlsrpt.warehouse.report.issues.Text;
import java.util.List;

/**
 * Diagnosis and fix for the result types about an MX host's STARTTLS and certificate:
 * starttls-not-supported, certificate-host-mismatch, certificate-expired, certificate-not-trusted
 * and validation-failure.
 */
final class TlsAdvice {
  private TlsAdvice() {}

  static Advice advise(Subject s) {
    return switch (s.resultType()) {
      case "starttls-not-supported" -> starttls(s);
      case "certificate-host-mismatch" -> hostMismatch(s);
      case "certificate-expired" -> expired(s);
      case "certificate-not-trusted" -> notTrusted(s);
      default -> validationFailure(s);
    };
  }

  private static Advice starttls(Subject s) {
    return new Advice(
        "STARTTLS not offered by " + s.where(),
        "Sending MTAs connected to "
            + s.where()
            + " and found no STARTTLS in the EHLO response, or the TLS handshake failed. Mail to"
            + " these hosts travels unencrypted, and senders enforcing MTA-STS or DANE do not"
            + " deliver at all. "
            + s.reasons(),
        List.of(
            "Enable STARTTLS on "
                + s.where()
                + ": configure a certificate and key for the host (Postfix: smtpd_tls_chain_files"
                + " and smtpd_tls_security_level = may; Exim: tls_certificate, tls_privatekey and"
                + " tls_advertise_hosts = *).",
            "Check that no firewall or load balancer in front of these hosts strips STARTTLS"
                + " from the EHLO response (SMTP inspection features do this).",
            "Verify from outside: " + s.opensslCheck() + " must complete a TLS handshake.",
            s.watchStep()));
  }

  private static Advice hostMismatch(Subject s) {
    return new Advice(
        "Certificate on " + s.where() + " does not name the MX host",
        "The certificate presented by "
            + s.where()
            + " does not list the MX host name in its subject alternative names (SAN), so"
            + " senders that validate it against the MX name (MTA-STS, DANE with name checks)"
            + " reject it. "
            + s.reasons(),
        List.of(
            "Issue a certificate whose SAN includes "
                + s.host()
                + " (the exact name, or a wildcard for its parent domain) and install it on "
                + s.where()
                + ".",
            "If the MX record points at a provider's host, use the host name the provider's"
                + " certificate covers in the MX record and in the mx lines of the MTA-STS"
                + " policy.",
            "Verify: " + s.opensslCheck() + " shows " + s.host() + " in the certificate's SAN.",
            s.watchStep()));
  }

  private static Advice expired(Subject s) {
    return new Advice(
        "Expired certificate on " + s.where(),
        "The certificate presented by "
            + s.where()
            + " has expired. Senders enforcing MTA-STS or DANE do not deliver to this host;"
            + " others deliver over a connection they cannot verify. "
            + s.reasons(),
        List.of(
            "Renew the certificate of " + s.where() + ", install it and reload the MTA.",
            "Check the renewal automation of "
                + s.host()
                + " (ACME client timer or cron job, and the deploy hook that reloads the MTA): it"
                + " failed or did not reload the MTA; if several IPs serve the host, check every"
                + " node.",
            "Verify: " + s.opensslCheck() + " shows a notAfter date in the future.",
            s.watchStep()));
  }

  private static Advice notTrusted(Subject s) {
    return new Advice(
        "Untrusted certificate on " + s.where(),
        "The certificate presented by "
            + s.where()
            + " does not chain to a publicly trusted CA: it is self-signed, from a private CA,"
            + " or the intermediate certificates are missing. "
            + s.reasons(),
        List.of(
            "Install a certificate from a public CA on " + s.where() + ".",
            "Serve the full chain (the host's certificate followed by the intermediates, e.g."
                + " fullchain.pem), not the host's certificate alone.",
            "Verify: " + s.opensslCheck() + " ends with \"Verify return code: 0 (ok)\".",
            s.watchStep()));
  }

  private static Advice validationFailure(Subject s) {
    return new Advice(
        "TLS validation failure at " + s.where(),
        "Senders could not validate the TLS connection to "
            + s.where()
            + " for a reason RFC 8460 has no specific result type for; the reason codes say"
            + " which. "
            + s.reasons(),
        List.of(
            s.reasonCodes().isEmpty()
                ? "The reporters gave no reason code: check the certificate, chain and protocol"
                    + " versions of "
                    + s.where()
                    + "."
                : "Look up the reason codes "
                    + Text.quoted(s.reasonCodes(), 5)
                    + " in the documentation of "
                    + Text.list(s.reporters(), 5)
                    + " and check "
                    + s.where()
                    + " for that cause.",
            "Check what the host serves: "
                + s.opensslCheck()
                + " (certificate names, expiry, chain, TLS version).",
            s.watchStep()));
  }
}
