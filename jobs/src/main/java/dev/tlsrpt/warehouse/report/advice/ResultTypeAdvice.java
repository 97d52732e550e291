package dev.tlsrpt.warehouse.report.advice;

import dev.tlsrpt.warehouse.model.ResultType;
import dev.tlsrpt.warehouse.report.issues.Text;
import java.util.List;

/**
 * Dispatches a result type (RFC 8460 section 4.3) to its diagnosis and fix: {@link TlsAdvice} for
 * the MX hosts' STARTTLS and certificates, {@link DaneStsAdvice} for DANE, DNSSEC, MTA-STS and
 * types the RFC does not define.
 */
public final class ResultTypeAdvice {
  private ResultTypeAdvice() {}

  /**
   * What an issue is about; all strings already passed through {@link Text#value}.
   *
   * @param where the place in words: one host with its IPs ({@code mx2.example.com (192.0.2.2)}),
   *     or the domain's MX hosts
   * @param hostNames host names for commands, may be empty when reporters did not name them
   */
  public record Subject(
      String domain,
      String resultType,
      String where,
      List<String> hostNames,
      List<String> reporters,
      List<String> reasonCodes) {

    /** The host in words: its name, or every MX host of the domain when reporters named none. */
    String host() {
      return hostNames.isEmpty() ? "each MX host of " + domain : hostNames.get(0);
    }

    /** Sentence quoting the failure-reason-codes, or saying there were none. */
    String reasons() {
      return reasonCodes.isEmpty()
          ? "The reporters gave no failure-reason-code."
          : "Failure-reason-codes reported: " + Text.quoted(reasonCodes, 5) + ".";
    }

    /** The last step of every fix: watch the same reporters. */
    String watchStep() {
      return "Watch the next reports from "
          + Text.list(reporters, 5)
          + ": the "
          + resultType
          + " failures should stop from the day after the fix.";
    }

    /** The openssl command that shows what the host serves on port 25. */
    String opensslCheck() {
      if (hostNames.isEmpty()) {
        return "for each host HOST listed by dig +short MX "
            + domain
            + ": openssl s_client -starttls smtp -connect HOST:25 -servername HOST -showcerts";
      }
      return "openssl s_client -starttls smtp -connect "
          + host()
          + ":25 -servername "
          + host()
          + " -showcerts";
    }
  }

  /** Title (one line), what the result type means here, and the fix as steps. */
  public record Advice(String title, String meaning, List<String> steps) {}

  public static Advice advise(Subject s) {
    ResultType type = ResultType.of(s.resultType());
    return type != null && type.tlsHandshake() ? TlsAdvice.advise(s) : DaneStsAdvice.advise(s);
  }
}
