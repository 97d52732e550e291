package dev.tlsrpt.warehouse.report.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * What a finding was concluded from: the month's failures of one result type ({@link
 * MonthlyFacts.FailureStat}) and the issues built on them carry the same record. Lists are in order
 * of sessions, most first: at most 20 sending IPs and MX hosts, at most 5 reason codes.
 */
public record Evidence(
    List<String> reporters,
    List<String> sendingIps,
    List<String> mxHosts,
    List<String> reasonCodes,
    LocalDate firstDay,
    LocalDate lastDay,
    int daysAffected) {
  public Evidence {
    reporters = List.copyOf(reporters);
    sendingIps = List.copyOf(sendingIps);
    mxHosts = List.copyOf(mxHosts);
    reasonCodes = List.copyOf(reasonCodes);
  }
}
