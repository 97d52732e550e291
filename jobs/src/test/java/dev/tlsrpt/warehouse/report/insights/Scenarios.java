package dev.tlsrpt.warehouse.report.insights;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the scenario archive of {@link PolicyInsightsScenarioTest}: one domain per situation the
 * readiness, onset, stale-cache and TLSA rules were built for, and keeps the figures the test
 * expects, summed from the reports as they are written.
 */
final class Scenarios {
  static final LocalDate SEP_20 = LocalDate.of(2026, 9, 20);
  static final LocalDate OCT_1 = LocalDate.of(2026, 10, 1);
  static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);
  static final String GOOGLE = "Google Inc.";
  static final String MICROSOFT = "Microsoft Corporation";
  static final LocalDate STALE_CHANGE = LocalDate.of(2026, 10, 5);
  static final LocalDate STALE_LAST_OLD = LocalDate.of(2026, 10, 20);
  static final long STALE_MAX_AGE = 604800;

  private final ArchiveBuilder archive;
  private int n;

  /** The last day ready.test had a failure enforce would refuse. */
  LocalDate readyLastRefused;

  long readySessionsOctober;
  long notReadyRefused;
  long onsetMismatch;
  long daneFailedAfterChange;

  Scenarios(ArchiveBuilder archive) {
    this.archive = archive;
  }

  private ObjectNode sts(
      String org,
      LocalDate day,
      String domain,
      long ok,
      long failed,
      String mode,
      List<String> mx,
      long maxAge) {
    ObjectNode r = report(org, org.charAt(0) + "-" + (n++), day, domain, ok, failed);
    ObjectNode policy = (ObjectNode) r.get("policies").get(0).get("policy");
    ArrayNode lines = policy.putArray("policy-string");
    lines.add("version: STSv1").add("mode: " + mode);
    mx.forEach(h -> lines.add("mx: " + h));
    lines.add("max_age: " + maxAge);
    ArrayNode hosts = policy.putArray("mx-host");
    mx.forEach(hosts::add);
    return r;
  }

  private void write(ObjectNode r) {
    archive.json("r" + n + ".json", r);
  }

  private static List<LocalDate> days(LocalDate first, LocalDate last) {
    return first.datesUntil(last.plusDays(1)).toList();
  }

  /** testing; two reporters daily from Sep 20; refused failures only on Sep 25. */
  void ready() {
    String d = "ready.test";
    List<String> mx = List.of("mx1." + d);
    for (LocalDate day : days(SEP_20, OCT_31)) {
      for (String org : List.of(GOOGLE, MICROSOFT)) {
        boolean refused = day.equals(LocalDate.of(2026, 9, 25)) && org.equals(GOOGLE);
        boolean fetch = day.equals(LocalDate.of(2026, 10, 20)) && org.equals(MICROSOFT);
        ObjectNode r = sts(org, day, d, 100, refused || fetch ? 3 : 0, "testing", mx, 86400);
        if (refused) {
          detail(r, 0, "starttls-not-supported", "192.0.2.1", "mx1." + d, 3);
          readyLastRefused = day;
        }
        if (fetch) {
          detail(r, 0, "sts-policy-fetch-error", "192.0.2.2", null, 3);
        }
        if (!day.isBefore(OCT_1)) {
          readySessionsOctober += 100 + (refused || fetch ? 3 : 0);
        }
        write(r);
      }
    }
  }

  /** testing; two reporters; certificate-expired at mx2 on Oct 25 to 27 from Google. */
  void notReady() {
    String d = "notready.test";
    List<String> mx = List.of("mx1." + d, "mx2." + d);
    for (LocalDate day : days(OCT_1, OCT_31)) {
      for (String org : List.of(GOOGLE, MICROSOFT)) {
        boolean expired =
            org.equals(GOOGLE)
                && !day.isBefore(LocalDate.of(2026, 10, 25))
                && !day.isAfter(LocalDate.of(2026, 10, 27));
        long f = expired ? 10 + day.getDayOfMonth() : 0;
        ObjectNode r = sts(org, day, d, 200, f, "testing", mx, 86400);
        if (expired) {
          detail(r, 0, "certificate-expired", "192.0.2.9", "mx2." + d, f);
          notReadyRefused += f;
        }
        write(r);
      }
    }
  }

  /** testing; one reporter for the last twelve days. */
  void sparse() {
    String d = "sparse.test";
    for (LocalDate day : days(LocalDate.of(2026, 10, 20), OCT_31)) {
      write(sts(GOOGLE, day, d, 50, 0, "testing", List.of("mx1." + d), 86400));
    }
  }

  /** enforce; the mx lines gain mx3 on Oct 10; mx3's certificate mismatches from Oct 11 to 13. */
  void onsetAfterMxChange() {
    String d = "onset.test";
    for (LocalDate day : days(SEP_20, OCT_31)) {
      List<String> mx =
          day.isBefore(LocalDate.of(2026, 10, 10))
              ? List.of("mx1." + d)
              : List.of("mx1." + d, "mx3." + d);
      for (String org : List.of(GOOGLE, MICROSOFT)) {
        boolean bad =
            !day.isBefore(LocalDate.of(2026, 10, 11)) && !day.isAfter(LocalDate.of(2026, 10, 13));
        ObjectNode r = sts(org, day, d, 300, bad ? 40 : 0, "enforce", mx, 604800);
        if (bad) {
          detail(r, 0, "certificate-host-mismatch", "192.0.2.5", "mx3." + d, 40);
          onsetMismatch += 40;
        }
        write(r);
      }
    }
  }

  /** enforce; mx lines change on Oct 5; Microsoft quotes the old policy until Oct 20. */
  void staleCache() {
    String d = "stale.test";
    List<String> old = List.of("mx1." + d);
    List<String> now = List.of("mx1." + d, "mx2." + d);
    for (LocalDate day : days(SEP_20, OCT_31)) {
      boolean googleNew = !day.isBefore(STALE_CHANGE);
      boolean microsoftNew = day.isAfter(STALE_LAST_OLD);
      write(sts(GOOGLE, day, d, 100, 0, "enforce", googleNew ? now : old, STALE_MAX_AGE));
      write(sts(MICROSOFT, day, d, 100, 0, "enforce", microsoftNew ? now : old, STALE_MAX_AGE));
    }
  }

  /** tlsa only, one record for mx1; the record changes on Oct 15, validation failures follow. */
  void daneRollover() {
    String d = "dane.test";
    for (LocalDate day : days(OCT_1, OCT_31)) {
      boolean after = !day.isBefore(LocalDate.of(2026, 10, 15));
      boolean failing = after && day.isBefore(LocalDate.of(2026, 10, 17));
      ObjectNode r = report("Small MTA", "s-" + (n++), day, d, 0, 0);
      ((ArrayNode) r.get("policies")).removeAll();
      ObjectNode p = addPolicy(r, "tlsa", d, 80, failing ? 20 : 0);
      ObjectNode policy = (ObjectNode) p.get("policy");
      policy
          .putArray("policy-string")
          .add(after ? "3 1 1 " + "BB".repeat(32) : "3 1 1 " + "AA".repeat(32));
      policy.putArray("mx-host").add("mx1." + d);
      if (failing) {
        detail(r, 0, "validation-failure", "192.0.2.3", "mx1." + d, 20);
        daneFailedAfterChange += 20;
      }
      write(r);
    }
  }
}
