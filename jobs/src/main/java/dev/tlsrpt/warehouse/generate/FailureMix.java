package dev.tlsrpt.warehouse.generate;

import dev.tlsrpt.warehouse.generate.SyntheticReport.Detail;
import dev.tlsrpt.warehouse.model.ResultType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Draws a policy's failure details with a realistic skew: most sessions succeed; failures are
 * dominated by policy fetch errors, missing STARTTLS and certificate problems, while DANE failures
 * (tlsa-invalid, dnssec-invalid, dane-required) are rare. Each detail carries the fields its
 * reporter really fills in.
 */
final class FailureMix {
  static final String[] RESULT_TYPES =
      Stream.of(
              ResultType.STS_POLICY_FETCH_ERROR,
              ResultType.STARTTLS_NOT_SUPPORTED,
              ResultType.CERTIFICATE_EXPIRED,
              ResultType.CERTIFICATE_HOST_MISMATCH,
              ResultType.VALIDATION_FAILURE,
              ResultType.CERTIFICATE_NOT_TRUSTED,
              ResultType.STS_WEBPKI_INVALID,
              ResultType.STS_POLICY_INVALID,
              ResultType.TLSA_INVALID,
              ResultType.DNSSEC_INVALID,
              ResultType.DANE_REQUIRED)
          .map(ResultType::code)
          .toArray(String[]::new);
  private static final double[] WEIGHTS = {30, 22, 12, 12, 10, 6, 3, 2, 1.5, 1, 0.5};

  private FailureMix() {}

  /** Whether a result type can occur under every one of the policy types. */
  static boolean applies(String resultType, List<String> policyTypes) {
    for (String policy : policyTypes) {
      boolean ok =
          switch (policy) {
            case "sts" ->
                !resultType.equals("tlsa-invalid")
                    && !resultType.equals("dnssec-invalid")
                    && !resultType.equals("dane-required");
            case "tlsa" -> !resultType.startsWith("sts-") && !resultType.startsWith("certificate-");
            default -> resultType.equals("starttls-not-supported");
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The failure details of one report's policies (shared by all of them: Microsoft's sts and tlsa
   * policies count the same sessions), failing at most {@code sessions} sessions: the {@code
   * planted} ones first, then the incident's, then the background's.
   */
  static List<Detail> draw(
      SplittableRandom rng,
      Reporter.Sender sender,
      DomainProfile domain,
      List<String> policyTypes,
      long sessions,
      Incident incident,
      boolean inIncident,
      List<Detail> planted) {
    List<Detail> out = new ArrayList<>(planted);
    long left = sessions - planted.stream().mapToLong(Detail::count).sum();
    if (inIncident && policyTypes.contains("sts") && left > 0) {
      long hit = Math.min(left, Math.max(1, Math.round(sessions * Draw.between(rng, 0.25, 0.45))));
      out.add(detail(rng, sender, domain, incident.resultType(), incident.mx(), hit));
      left -= hit;
    }
    double pAny = policyTypes.contains("no-policy-found") ? 0.02 : 0.06 + sessions / 25_000.0;
    if (left <= 0 || !Draw.chance(rng, Math.min(0.5, pAny))) {
      return out;
    }
    double[] weights = new double[RESULT_TYPES.length];
    for (int t = 0; t < RESULT_TYPES.length; t++) {
      weights[t] = applies(RESULT_TYPES[t], policyTypes) ? WEIGHTS[t] : 0;
    }
    int rows = 1 + (Draw.chance(rng, 0.3) ? 1 : 0) + (Draw.chance(rng, 0.1) ? 1 : 0);
    for (int r = 0; r < rows && left > 0; r++) {
      String type = RESULT_TYPES[Draw.weighted(rng, weights)];
      long count =
          Math.min(left, Math.max(1, Math.round(sessions * Draw.between(rng, 0.002, 0.04))));
      out.add(detail(rng, sender, domain, type, Draw.chance(rng, 0.75) ? 1 : 2, count));
      left -= count;
    }
    return out;
  }

  /**
   * The failures of a {@link TlsaRollover} in one report: 20-40% of its sessions, at the rolled
   * host, with the fields the reporter fills in. Its result type must apply under sts and tlsa
   * alike, as Microsoft reports both policies for the same sessions.
   */
  static Detail rollover(
      SplittableRandom rng, Reporter.Sender sender, TlsaRollover rollover, long sessions) {
    long count =
        Math.min(sessions, Math.max(1, Math.round(sessions * Draw.between(rng, 0.2, 0.4))));
    return detail(rng, sender, rollover.domain(), rollover.resultType(), rollover.mx(), count);
  }

  private static Detail detail(
      SplittableRandom rng,
      Reporter.Sender sender,
      DomainProfile domain,
      String type,
      int mx,
      long count) {
    boolean policyLevel = type.startsWith("sts-policy") || type.equals("sts-webpki-invalid");
    String ip = sendingIp(rng, sender);
    String host = policyLevel ? null : domain.mx(mx);
    String receivingIp = policyLevel ? null : domain.mxIp(mx);
    return switch (sender.kind()) {
      case MAILRU -> new Detail(type, null, null, null, count, goError(type, domain, mx));
      case MICROSOFT ->
          policyLevel
              ? new Detail(type, null, null, null, count, null)
              : new Detail(type, ip, host, receivingIp, count, null);
      case GOOGLE -> new Detail(type, ip, host, receivingIp, count, null);
      case WEBMAIL -> new Detail(type, ip, host, receivingIp, count, type.toUpperCase(Locale.ROOT));
      case SMALL_MTA -> new Detail(type, ip, host, null, count, opensslError(type));
    };
  }

  /** The reporter's own outbound addresses, all in documentation ranges. */
  static String sendingIp(SplittableRandom rng, Reporter.Sender sender) {
    int r = rng.nextInt(1 << 16);
    return switch (sender.kind()) {
      case GOOGLE ->
          r % 4 == 0
              ? String.format(Locale.ROOT, "2001:db8:4860:4864::%x", 0x10 + r % 64)
              : "192.0.2." + (10 + r % 40);
      case MICROSOFT -> "198.51.100." + (10 + r % 60);
      case MAILRU -> "198.51.100." + (200 + r % 20);
      case WEBMAIL -> "203.0.113." + (100 + r % 50);
      case SMALL_MTA ->
          sender.style() == 1
              ? String.format(Locale.ROOT, "2001:db8:25:%x::1", sender.number() & 0xffff)
              : "203.0.113." + (1 + sender.number() % 90);
    };
  }

  /** Mail.ru's failure-reason-code: the text of a Go error. */
  private static String goError(String type, DomainProfile domain, int mx) {
    String host = domain.mx(mx);
    return switch (type) {
      case "sts-policy-fetch-error" ->
          "unable to do http request: Get \"https://mta-sts."
              + domain.name()
              + "/.well-known/mta-sts.txt\": context deadline exceeded"
              + " (Client.Timeout exceeded while awaiting headers)";
      case "sts-policy-invalid" -> "invalid policy: unknown mode";
      case "sts-webpki-invalid" -> "x509: certificate signed by unknown authority";
      case "starttls-not-supported" -> "smtp: " + host + " does not support STARTTLS";
      case "certificate-expired" -> "x509: certificate has expired or is not yet valid";
      case "certificate-host-mismatch" ->
          "x509: certificate is valid for mail.hosting.example, not " + host;
      case "certificate-not-trusted" -> "x509: certificate signed by unknown authority";
      default -> "tls: handshake failure";
    };
  }

  /** A Postfix-style reason, as small MTAs with tlsrpt-reporter write it. */
  private static String opensslError(String type) {
    return switch (type) {
      case "certificate-expired" -> "certificate verify failed: certificate has expired";
      case "certificate-not-trusted" -> "certificate verify failed: unable to get local issuer";
      case "certificate-host-mismatch" -> "certificate verify failed: hostname mismatch";
      case "tlsa-invalid" -> "no TLSA record matched the certificate";
      case "dnssec-invalid" -> "DNSSEC validation of the TLSA lookup failed";
      case "dane-required" -> "TLSA records found but TLS not offered";
      case "starttls-not-supported" -> "STARTTLS not offered";
      default -> null;
    };
  }
}
