package dev.tlsrpt.warehouse.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Where each report index goes, computed from the index alone so the archive can be generated in
 * any order, in parallel, in constant memory.
 *
 * <p>The indices fill the (day, domain) cells round-robin: index {@code i} lands in cell {@code i
 * mod cells}, as that cell's {@code i / cells}-th reporter. A cell's reporters are a seeded,
 * weighted shuffle of Google, Microsoft, Mail.ru, the webmail service and a first small MTA,
 * followed by further small MTAs; so a reporter sends at most one report per domain and day, as
 * real ones do, and report ids never collide.
 *
 * <p>About 1% of the reports get a duplicate copy and about 0.5% a bad file beside them (at least
 * one of each kind of bad file in archives of 120 reports or more); which ones is decided by seeded
 * affine permutations of the indices, so the counts are exact.
 */
final class ArchivePlan {
  private static final Reporter[] FIRST = {
    Reporter.GOOGLE, Reporter.MICROSOFT, Reporter.MAILRU, Reporter.WEBMAIL, Reporter.SMALL_MTA
  };

  /** Where one report index goes. */
  record Slot(LocalDate day, DomainProfile domain, Reporter.Sender sender) {}

  private final GeneratorConfig config;
  private final long cells;
  private final Incident incident;
  private final Plants plants;
  private final long duplicates;
  private final long badFiles;
  private final Affine duplicateOrder;
  private final Affine badOrder;

  ArchivePlan(GeneratorConfig config) {
    this.config = config;
    this.cells = (long) config.days() * config.domains();
    this.incident = Incident.plan(config.domains(), config.startDate(), config.days());
    this.plants = Plants.plan(config, incident);
    long n = config.reports();
    this.duplicates = (n + 99) / 100;
    this.badFiles = Math.max((n + 199) / 200, Math.min(BadFile.Kind.values().length, n / 20));
    this.duplicateOrder = Affine.of(n, Draw.mix(config.seed(), 0xD0B1E));
    this.badOrder = Affine.of(n, Draw.mix(config.seed(), 0xBAD));
  }

  GeneratorConfig config() {
    return config;
  }

  Incident incident() {
    return incident;
  }

  Plants plants() {
    return plants;
  }

  long duplicates() {
    return duplicates;
  }

  long badFiles() {
    return badFiles;
  }

  Slot slot(long index) {
    long cell = index % cells;
    long rank = index / cells;
    LocalDate day = config.startDate().plusDays(cell / config.domains());
    DomainProfile domain = DomainProfile.of((int) (cell % config.domains()) + 1);
    return new Slot(day, domain, sender(cell, rank));
  }

  /** The duplicate copy number of a report (0 .. duplicates-1), or -1 when it has none. */
  long duplicateNumber(long index) {
    long p = duplicateOrder.apply(index);
    return p < duplicates ? p : -1;
  }

  /** The bad file number beside a report (0 .. badFiles-1), or -1 when it has none. */
  long badFileNumber(long index) {
    long p = badOrder.apply(index);
    return p < badFiles ? p : -1;
  }

  private Reporter.Sender sender(long cell, long rank) {
    if (rank >= FIRST.length) {
      return new Reporter.Sender(Reporter.SMALL_MTA, (int) (rank - FIRST.length + 1));
    }
    SplittableRandom rng = Draw.random(config.seed(), 0x11E0, cell);
    double[] weights = new double[FIRST.length];
    for (int k = 0; k < FIRST.length; k++) {
      weights[k] = FIRST[k].weight();
    }
    int pick = 0;
    for (int r = 0; r <= rank; r++) {
      pick = Draw.weighted(rng, weights);
      weights[pick] = 0;
    }
    return new Reporter.Sender(FIRST[pick], 0);
  }

  /** A bijection {@code i -> (a*i + b) mod n} of 0..n-1. */
  record Affine(long a, long b, long n) {
    static Affine of(long n, long hash) {
      long a = Math.floorMod(hash, n) | 1;
      while (gcd(a % n, n) != 1) {
        a += 2;
      }
      return new Affine(a % n, Math.floorMod(Draw.mix(hash, n), n), n);
    }

    long apply(long i) {
      return Math.floorMod(Math.floorMod(a * i, n) + b, n);
    }

    private static long gcd(long x, long y) {
      return y == 0 ? x : gcd(y, x % y);
    }
  }
}
