package dev.tlsrpt.warehouse.report.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.Onset;
import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.issues.EnforceReadiness;
import dev.tlsrpt.warehouse.report.issues.IssueOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The issues as JSON for machines, in the Markdown summary's order:
 *
 * <pre>{@code
 * {"month": "2024-05", "generated_at": "2024-06-01T02:00:00Z", "baseline_start": "2024-02-01",
 *  "counts": {"error": 1, "warning": 2, "info": 0, "total": 3},
 *  "issues": [{"id", "domain", "rule", "severity": "error|warning|info",
 *              "failure_rate": 0.42 or null, "sessions", "title", "diagnosis",
 *              "fix" (steps, one per line), "fix_steps": [...],
 *              "evidence": {"reporters": [], "sending_ips": [], "mx_hosts": [],
 *                           "reason_codes": [], "first_day": "2024-05-10" or null,
 *                           "last_day", "days_affected"},
 *              "verdict": "ready|not_ready|not_enough_data" (enforce_readiness only),
 *              "onset": {"first_seen", "ongoing", "change": {"kind", "day", "subject", "before",
 *                        "after"} or null} (failure issues only),
 *              "details": {...} (the rule's own figures, when it has any)}],
 *  "readiness": [{"domain", "mode", "verdict", "reason", "report_days", "clean_report_days",
 *                 "clean_reporters", "last_refused_day", "sessions", "refused_sessions"}]}
 * }</pre>
 *
 * Strings are written as they are (JSON escaping only), with {@code < > & '} as {@code \}{@code
 * u00XX} escapes so the document can be embedded in HTML. The stream is flushed, not closed.
 */
public final class IssuesJson {
  private static final ObjectMapper MAPPER = mapper();

  private IssuesJson() {}

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    m.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return m;
  }

  /** Writes the issues (reordered with {@link IssueOrder}) and the month's header. */
  public static void write(List<Issue> issues, MonthlyFacts facts, OutputStream out)
      throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("month", facts.month().toString());
    root.put("generated_at", facts.generatedAt() == null ? null : facts.generatedAt().toString());
    root.put("baseline_start", date(facts.baselineStart()));
    ObjectNode counts = root.putObject("counts");
    IssueOrder.counts(issues).forEach((s, n) -> counts.put(name(s), n));
    counts.put("total", issues.size());
    ArrayNode list = root.putArray("issues");
    IssueOrder.sorted(issues).forEach(i -> issue(list.addObject(), i));
    ArrayNode ready = root.putArray("readiness");
    for (Readiness r : EnforceReadiness.assess(facts)) {
      ObjectNode o = ready.addObject();
      o.put("domain", r.domain());
      o.put("mode", r.mode());
      o.put("verdict", r.verdict());
      o.put("reason", r.reason());
      o.put("report_days", r.reportDays());
      o.put("clean_report_days", r.cleanDays());
      strings(o, "clean_reporters", r.cleanReporters());
      o.put("last_refused_day", date(r.lastRefusedDay()));
      o.put("sessions", r.sessions());
      o.put("refused_sessions", r.refused());
    }
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    out.flush();
  }

  private static void issue(ObjectNode o, Issue i) {
    o.put("id", i.id());
    o.put("domain", i.domain());
    o.put("rule", i.rule());
    o.put("severity", name(i.severity()));
    o.put("failure_rate", i.failureRate());
    o.put("sessions", i.sessions());
    o.put("title", i.title());
    o.put("diagnosis", i.diagnosis());
    o.put("fix", i.fix());
    ArrayNode steps = o.putArray("fix_steps");
    if (i.fix() != null) {
      Arrays.stream(i.fix().split("\n")).filter(s -> !s.isBlank()).forEach(steps::add);
    }
    Evidence e = i.evidence();
    ObjectNode ev = o.putObject("evidence");
    strings(ev, "reporters", e.reporters());
    strings(ev, "sending_ips", e.sendingIps());
    strings(ev, "mx_hosts", e.mxHosts());
    strings(ev, "reason_codes", e.reasonCodes());
    ev.put("first_day", date(e.firstDay()));
    ev.put("last_day", date(e.lastDay()));
    ev.put("days_affected", e.daysAffected());
    if (i.verdict() != null) {
      o.put("verdict", i.verdict());
    }
    if (i.onset() != null) {
      ObjectNode on = o.putObject("onset");
      on.put("first_seen", date(i.onset().firstSeen()));
      on.put("ongoing", i.onset().ongoing());
      Onset.Change c = i.onset().change();
      if (c == null) {
        on.putNull("change");
      } else {
        ObjectNode ch = on.putObject("change");
        ch.put("kind", c.kind());
        ch.put("day", date(c.day()));
        ch.put("subject", c.subject());
        ch.put("before", c.before());
        ch.put("after", c.after());
      }
    }
    if (!i.details().isEmpty()) {
      o.set("details", MAPPER.valueToTree(plain(i.details())));
    }
  }

  /** Dates as ISO strings; maps and lists walked; other values as they are. */
  private static Object plain(Object v) {
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(IssuesJson::plain).toList();
    }
    return v;
  }

  private static void strings(ObjectNode o, String key, List<String> values) {
    ArrayNode a = o.putArray(key);
    values.forEach(a::add);
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static String name(Severity s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** JSON escapes plus {@code < > & '} as unicode escapes. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
