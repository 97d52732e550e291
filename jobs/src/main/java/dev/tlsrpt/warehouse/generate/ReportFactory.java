package dev.tlsrpt.warehouse.generate;

import dev.tlsrpt.warehouse.generate.SyntheticReport.Detail;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Policy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds report number {@code i} of a run: sessions scaled by reporter and domain size (fewer at
 * weekends), the policies the domain publishes that day as the reporter applies them (see {@link
 * Plants}), failures from {@link FailureMix}, and the reporter's report-id, date range, delivery
 * delay and container.
 */
final class ReportFactory {
  private static final long FILETIME_EPOCH_OFFSET = 11_644_473_600L;

  private final ArchivePlan plan;
  private final long seed;

  ReportFactory(ArchivePlan plan) {
    this.plan = plan;
    this.seed = plan.config().seed();
  }

  SyntheticReport build(long index) {
    ArchivePlan.Slot slot = plan.slot(index);
    Reporter.Sender sender = slot.sender();
    Reporter kind = sender.kind();
    DomainProfile domain = slot.domain();
    LocalDate day = slot.day();
    SplittableRandom rng = Draw.random(seed, 0x2E9, index);

    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    boolean nextMidnight = kind == Reporter.MAILRU || kind == Reporter.SMALL_MTA;
    Instant end = start.plus(Duration.ofDays(1)).minusSeconds(nextMidnight ? 0 : 1);
    long sessions = sessions(rng, kind, domain, day);
    List<String> types = policyTypes(kind, domain);
    boolean inIncident = plan.incident().covers(domain, day);
    List<Detail> planted = List.of();
    if (plan.plants().rolloverFails(domain, day, types)) {
      // its own random stream, so the report's other draws stay as they were without the plant
      SplittableRandom own = Draw.random(seed, 0xDA7E, index);
      planted = List.of(FailureMix.rollover(own, sender, plan.plants().rollover().get(), sessions));
    }
    List<Detail> details =
        FailureMix.draw(rng, sender, domain, types, sessions, plan.incident(), inIncident, planted);
    long failed = details.stream().mapToLong(Detail::count).sum();
    long summaryFailure = failed;
    if (kind == Reporter.MAILRU && failed > 1 && Draw.chance(rng, 0.1)) {
      summaryFailure = failed - 1;
    }
    List<Policy> policies = new ArrayList<>();
    for (String type : types) {
      policies.add(
          new Policy(
              type,
              policyString(kind, domain, day, type),
              mxHost(kind, domain, type),
              sessions - failed,
              summaryFailure,
              details));
    }
    Instant delivered = delivered(rng, kind, end);
    Container container = Container.values()[Draw.weighted(rng, kind.containerShares())];
    Ids ids = ids(rng, sender, domain, day, delivered);
    String stem =
        String.join(
            "!",
            sender.submitter(),
            domain.name(),
            Long.toString(start.getEpochSecond()),
            Long.toString(end.getEpochSecond()),
            ids.fileId());
    return new SyntheticReport(
        index,
        sender,
        domain,
        day,
        ids.reportId(),
        start,
        end,
        policies,
        container,
        delivered,
        stem,
        rng.nextLong());
  }

  private static long sessions(
      SplittableRandom rng, Reporter kind, DomainProfile domain, LocalDate day) {
    double base =
        switch (kind) {
          case GOOGLE -> 4000 * domain.volume();
          case MICROSOFT -> 1500 * domain.volume();
          case WEBMAIL -> 600 * domain.volume();
          case MAILRU -> 120 * domain.volume();
          case SMALL_MTA -> 20;
        };
    double weekday =
        day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
            ? 0.6
            : 1.0;
    double sigma = kind == Reporter.SMALL_MTA ? 0.9 : 0.35;
    return Math.max(1, Math.round(base * weekday * Draw.logNormal(rng, sigma)));
  }

  /** The policies a reporter reports for a domain. */
  static List<String> policyTypes(Reporter kind, DomainProfile domain) {
    return switch (kind) {
      case MICROSOFT -> {
        List<String> types = new ArrayList<>();
        if (domain.sts()) {
          types.add("sts");
        }
        if (domain.tlsa()) {
          types.add("tlsa");
        }
        yield types.isEmpty() ? List.of("no-policy-found") : types;
      }
      case SMALL_MTA -> List.of(domain.tlsa() ? "tlsa" : domain.sts() ? "sts" : "no-policy-found");
      default -> List.of(domain.sts() ? "sts" : "no-policy-found");
    };
  }

  private List<String> policyString(
      Reporter kind, DomainProfile domain, LocalDate day, String type) {
    if (kind == Reporter.MAILRU || type.equals("no-policy-found")) {
      return List.of();
    }
    return type.equals("tlsa")
        ? plan.plants().tlsaRecords(domain, day)
        : plan.plants().stsPolicy(kind, domain, day);
  }

  private static List<String> mxHost(Reporter kind, DomainProfile domain, String type) {
    boolean listsMx =
        kind == Reporter.GOOGLE || kind == Reporter.WEBMAIL || kind == Reporter.SMALL_MTA;
    if (!listsMx || type.equals("no-policy-found")) {
      return List.of();
    }
    return List.of(domain.mx(1), domain.mx(2));
  }

  private static Instant delivered(SplittableRandom rng, Reporter kind, Instant end) {
    long hour = 3600;
    long delay =
        switch (kind) {
          case GOOGLE -> hour + rng.nextLong(13 * hour);
          case MICROSOFT ->
              2 * hour
                  + rng.nextLong(20 * hour)
                  + (Draw.chance(rng, 0.08) ? (1 + rng.nextLong(10)) * 24 * hour : 0);
          case MAILRU -> 300 + rng.nextLong(3 * hour);
          case WEBMAIL -> hour / 2 + rng.nextLong(6 * hour);
          case SMALL_MTA -> 60 + rng.nextLong(2 * hour);
        };
    return end.plusSeconds(delay);
  }

  /** The report-id, and the id part of the RFC 8460 file name. */
  private record Ids(String reportId, String fileId) {}

  private static Ids ids(
      SplittableRandom rng,
      Reporter.Sender sender,
      DomainProfile domain,
      LocalDate day,
      Instant delivered) {
    return switch (sender.kind()) {
      case GOOGLE -> new Ids(day + "T00:00:00Z_" + domain.name(), "001");
      case MICROSOFT -> {
        long ticks =
            (delivered.getEpochSecond() - 90 + FILETIME_EPOCH_OFFSET) * 10_000_000L
                + rng.nextInt(10_000_000);
        yield new Ids(ticks + "+" + domain.name(), Long.toString(ticks));
      }
      case MAILRU -> new Ids(Draw.uuid(rng) + "@mail.ru", "001");
      case WEBMAIL -> {
        String id = Draw.uuid(rng);
        yield new Ids(id, id.substring(0, 8));
      }
      case SMALL_MTA -> {
        String id = Long.toUnsignedString(rng.nextLong());
        long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        yield new Ids(start + "_" + id, id);
      }
    };
  }
}
