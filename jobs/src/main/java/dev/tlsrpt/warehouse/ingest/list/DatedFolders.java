package dev.tlsrpt.warehouse.ingest.list;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which dated folders of an archive a nightly ingest lists, when the archive keeps each day's
 * objects under a folder named by its date: the input is then a template such as {@code
 * s3a://mail/tlsrpt/{yyyy}/{MM}/{dd}/} and only the folders of the last {@code days} days, up to
 * {@code today}, are listed. Listing a day's folder instead of a million-object archive is what
 * keeps a nightly run short; the ledger still skips what an earlier night read, so overlapping days
 * (a report that arrived late into yesterday's folder) cost nothing.
 *
 * @param days how many days are listed, ending on {@code today} (2: yesterday and today)
 * @param today the last day listed (UTC)
 */
public record DatedFolders(int days, LocalDate today) implements Serializable {
  /** The placeholders a template may hold: four-digit year, two-digit month and day. */
  public static final List<String> PLACEHOLDERS = List.of("{yyyy}", "{MM}", "{dd}");

  /** More days than this are a backfill: list the archive's root instead. */
  public static final int MAX_DAYS = 366;

  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{[^}/]*}");

  public DatedFolders {
    Objects.requireNonNull(today, "today");
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", got " + days);
    }
  }

  /** True when {@code input} holds at least one of the {@link #PLACEHOLDERS}. */
  public static boolean isTemplate(String input) {
    return PLACEHOLDERS.stream().anyMatch(input::contains);
  }

  /**
   * What is wrong with {@code template} as a dated input, or null when nothing is: it needs the day
   * placeholder (or the folders of different days would be one), placeholders only after a fixed
   * root, and no braces other than the {@link #PLACEHOLDERS}.
   */
  public static String problemWith(String template) {
    Matcher m = ANY_PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group())) {
        return "it holds "
            + m.group()
            + "; the placeholders are "
            + String.join(", ", PLACEHOLDERS);
      }
    }
    if (!template.contains("{dd}")) {
      return "it has no {dd}, so the days would not have folders of their own";
    }
    if (fixedRoot(template).isEmpty()) {
      return "it starts with a placeholder; it needs a fixed folder before the first one";
    }
    return null;
  }

  /**
   * The template's part before its first placeholder, up to and including the last {@code /}: the
   * folder that must exist even when a day's folder does not.
   */
  public static String fixedRoot(String template) {
    int first = template.indexOf('{');
    String head = first < 0 ? template : template.substring(0, first);
    int slash = head.lastIndexOf('/');
    return slash < 0 ? "" : head.substring(0, slash + 1);
  }

  /**
   * The folders to list, oldest day first, each once (a template without {@code {MM}} names the
   * same folder on the same day of two months).
   */
  public List<String> folders(String template) {
    Set<String> out = new LinkedHashSet<>();
    for (int back = days - 1; back >= 0; back--) {
      LocalDate day = today.minusDays(back);
      out.add(
          template
              .replace("{yyyy}", String.format("%04d", day.getYear()))
              .replace("{MM}", String.format("%02d", day.getMonthValue()))
              .replace("{dd}", String.format("%02d", day.getDayOfMonth())));
    }
    return List.copyOf(out);
  }
}
