package dev.tlsrpt.warehouse.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Detail;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Policy;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth of the {@link Plants}: where and when each was planted, and what the reports
 * show of it, counted while they are written: per reporter, the reports that quote the old policy
 * after the {@link ModeChange} and the last day they do; per day, the sessions failing with the
 * rollover's result type at the rolled host in the domain's tlsa policy results (the planted ones
 * and any background failure of that type there). One instance per {@link Truth}.
 */
final class PlantTruth {
  private final Plants plants;
  private final Map<String, OldPolicy> oldPolicy = new TreeMap<>();
  private final Map<String, Long> rolloverFailures = new TreeMap<>();

  /** Reports of one reporter kind quoting the old policy after the change. */
  private record OldPolicy(long reports, LocalDate lastDate) {
    OldPolicy plus(OldPolicy o) {
      return new OldPolicy(
          reports + o.reports, lastDate.isAfter(o.lastDate) ? lastDate : o.lastDate);
    }
  }

  PlantTruth(Plants plants) {
    this.plants = plants;
    plants
        .rollover()
        .ifPresent(
            r -> {
              for (LocalDate d = r.day(); !d.isAfter(r.lastFailureDay()); d = d.plusDays(1)) {
                rolloverFailures.put(d.toString(), 0L);
              }
            });
  }

  void add(SyntheticReport r) {
    plants.modeChange().ifPresent(c -> countOldPolicy(c, r));
    plants.rollover().ifPresent(t -> countRolloverFailures(t, r));
  }

  private void countOldPolicy(ModeChange change, SyntheticReport r) {
    if (r.domain().number() != change.domain().number() || r.day().isBefore(change.day())) {
      return;
    }
    String old = "mode: " + change.mode(change.day().minusDays(1));
    for (Policy p : r.policies()) {
      if (p.type().equals("sts") && p.policyString().contains(old)) {
        oldPolicy.merge(r.kind().key(), new OldPolicy(1, r.day()), OldPolicy::plus);
      }
    }
  }

  private void countRolloverFailures(TlsaRollover t, SyntheticReport r) {
    String day = r.day().toString();
    if (r.domain().number() != t.domain().number() || !rolloverFailures.containsKey(day)) {
      return;
    }
    for (Policy p : r.policies()) {
      if (!p.type().equals("tlsa")) {
        continue;
      }
      for (Detail d : p.details()) {
        if (d.resultType().equals(t.resultType()) && t.mxHost().equals(d.receivingMxHostname())) {
          rolloverFailures.merge(day, d.count(), Long::sum);
        }
      }
    }
  }

  void merge(PlantTruth other) {
    other.oldPolicy.forEach((k, v) -> oldPolicy.merge(k, v, OldPolicy::plus));
    other.rolloverFailures.forEach((k, v) -> rolloverFailures.merge(k, v, Long::sum));
  }

  /** The {@code plants} object of the truth file. */
  void write(ObjectNode out, GeneratorConfig config) {
    ObjectNode testing = out.putObject("testing_mode");
    testing.put("policy_domain", plants.testing().domain().name());
    testing.put("mode", TestingMode.TESTING);
    testing.put("first_date", config.startDate().toString());
    testing.put("last_date", config.startDate().plusDays(config.days() - 1L).toString());
    testing.put("other_sts_domains_mode", TestingMode.ENFORCE);
    plants.staleCache().ifPresent(s -> writeModeChange(out, s));
    plants.rollover().ifPresent(t -> writeRollover(out, t));
  }

  private void writeModeChange(ObjectNode out, StaleCache s) {
    ModeChange c = s.change();
    ObjectNode change = out.putObject("mode_change");
    change.put("policy_domain", c.domain().name());
    change.put("date", c.day().toString());
    change.put("mode_before", c.mode(c.day().minusDays(1)));
    change.put("mode_after", c.mode(c.day()));
    change.put("max_age", DomainProfile.STS_MAX_AGE_SECONDS);
    change.put("cache_expires_date", c.cacheExpires().toString());
    ObjectNode stale = out.putObject("stale_cache");
    stale.put("policy_domain", c.domain().name());
    stale.put("stale_reporter", s.stale().key());
    stale.put("late_reporter", s.late().key());
    stale.put("late_reporter_switch_date", s.lateSwitch().toString());
    ObjectNode quoted = stale.putObject("old_policy_after_change");
    oldPolicy.forEach(
        (reporter, o) -> {
          ObjectNode n = quoted.putObject(reporter);
          n.put("reports", o.reports());
          n.put("last_date", o.lastDate().toString());
        });
  }

  private void writeRollover(ObjectNode out, TlsaRollover t) {
    ObjectNode rollover = out.putObject("tlsa_rollover");
    rollover.put("policy_domain", t.domain().name());
    rollover.put("receiving_mx_hostname", t.mxHost());
    rollover.put("date", t.day().toString());
    rollover.put("record_before", t.oldRecord());
    rollover.put("record_after", t.newRecord());
    rollover.put("result_type", t.resultType());
    ObjectNode failed = rollover.putObject("failed_sessions_by_date");
    rolloverFailures.forEach(failed::put);
  }
}
