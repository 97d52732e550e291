package dev.tlsrpt.warehouse.generate;

import dev.tlsrpt.warehouse.generate.ArchiveFile.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one report into the files the archive holds for it: the report in its container (named per
 * RFC 8460, or for emails by arrival time and sender), maybe a duplicate copy, maybe a bad file
 * beside it. Duplicates are the ones real archives collect: the attachment saved out of the email
 * beside it, the email sent again a day later, or the identical file fetched again into the next
 * day's folder. One instance per thread (it holds a {@link Gzip}).
 */
final class ReportFiles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Duration NEXT_DAY = Duration.ofDays(1);

  private final Gzip gzip = new Gzip();

  /**
   * @param duplicate the duplicate copy number, or -1 for none
   * @param bad the bad file number, or -1 for none
   */
  List<ArchiveFile> files(SyntheticReport r, long duplicate, long bad) {
    byte[] json = ReportJson.render(r);
    byte[] gz =
        r.container() == Container.JSON
            ? gzip.compress(ReportJson.compact(ReportJson.tree(r)))
            : gzip.compress(json);
    Instant at = r.deliveredAt();
    List<ArchiveFile> out = new ArrayList<>(3);
    ArchiveFile primary =
        switch (r.container()) {
          case JSON_GZ -> ArchiveFile.report(r.fileStem() + ".json.gz", gz, at, Outcome.ACCEPTED);
          case JSON -> ArchiveFile.report(r.fileStem() + ".json", json, at, Outcome.ACCEPTED);
          case EML ->
              ArchiveFile.report(
                  emailName(at, r, 0),
                  ReportEmail.build(r, gz, at.minusSeconds(7), 0, true),
                  at,
                  Outcome.ACCEPTED);
        };
    out.add(primary);
    if (duplicate >= 0) {
      out.add(duplicate(r, primary, gz, duplicate));
    }
    if (bad >= 0) {
      out.add(BadFile.of(r, gz, bad));
    }
    return out;
  }

  private static ArchiveFile duplicate(
      SyntheticReport r, ArchiveFile primary, byte[] gz, long number) {
    Instant at = r.deliveredAt();
    if (r.container() != Container.EML) {
      String name = primary.path().substring(primary.path().lastIndexOf('/') + 1);
      return ArchiveFile.report(name, primary.content(), at.plus(NEXT_DAY), Outcome.DUPLICATE);
    }
    if (number % 2 == 0) {
      return ArchiveFile.report(
          r.fileStem() + ".json.gz", gz, at.plusSeconds(300), Outcome.DUPLICATE);
    }
    Instant again = at.plus(NEXT_DAY);
    return ArchiveFile.report(
        emailName(again, r, 1),
        ReportEmail.build(r, gz, again.minusSeconds(7), 1, true),
        again,
        Outcome.DUPLICATE);
  }

  /**
   * An email's file name: arrival time, sender, a hash; e.g. {@code
   * 20261002T071512Z.google.com.3fa9c1d2e4b5.eml}.
   */
  static String emailName(Instant at, SyntheticReport r, int copy) {
    return STAMP.format(at)
        + "."
        + r.sender().submitter()
        + "."
        + Draw.hex(Draw.mix(r.token(), copy), 12)
        + ".eml";
  }
}
