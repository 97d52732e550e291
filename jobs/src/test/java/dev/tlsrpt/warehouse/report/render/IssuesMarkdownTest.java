package dev.tlsrpt.warehouse.report.render;

import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.may;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.issues.DetectIssues;
import dev.tlsrpt.warehouse.report.issues.FactsBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuesMarkdownTest {
  private static Issue issue(String id, String domain, Severity s, Double rate, String fix) {
    return new Issue(
        id,
        domain,
        id.substring(0, id.indexOf(':')),
        s,
        rate,
        42,
        "Title of " + id,
        "Diagnosis of " + id,
        fix,
        new Evidence(
            List.of("google.com"),
            List.of("203.0.113.7"),
            List.of("mx1." + domain),
            List.of("code-1"),
            may(10),
            may(12),
            3));
  }

  @Test
  void groupsByDomainMostSevereFirst() {
    List<Issue> issues =
        List.of(
            issue("r1:a.example", "a.example", Severity.WARNING, 0.2, "Step A1\nStep A2"),
            issue("r2:b.example", "b.example", Severity.INFO, null, "Step B1"),
            issue("r3:b.example", "b.example", Severity.ERROR, 0.6, "Step B3"),
            issue("r4:a.example", "a.example", Severity.INFO, 0.01, "Step A4"));

    String md = IssuesMarkdown.render(issues, new FactsBuilder().build());

    assertThat(md).startsWith("# TLS-RPT issues: May 2024\n");
    assertThat(md).contains("**4 issues** for 2 domains: 1 error, 1 warning, 2 info.");
    assertThat(md.indexOf("## b.example")).isPositive().isLessThan(md.indexOf("## a.example"));
    assertThat(md.indexOf("### ERROR: Title of r3:b.example"))
        .isGreaterThan(md.indexOf("## b.example"))
        .isLessThan(md.indexOf("### INFO: Title of r2:b.example"));
    assertThat(md.indexOf("### WARNING: Title of r1:a.example"))
        .isGreaterThan(md.indexOf("## a.example"))
        .isLessThan(md.indexOf("### INFO: Title of r4:a.example"));
    assertThat(md).contains("1. Step A1\n2. Step A2\n");
    assertThat(md).contains("- Seen from 2024-05-10 to 2024-05-12 (3 days)");
    assertThat(md).contains("- Reporters: google.com", "- Failure reason codes: `code-1`");
    assertThat(md).contains("60.0 %").contains("Diagnosis of r3:b.example");
  }

  @Test
  void domainLineSummarisesTheMonth() {
    MonthlyFacts facts =
        new FactsBuilder()
            .day("a.example", may(3), 300, 100, Map.of())
            .day("a.example", java.time.LocalDate.of(2024, 4, 3), 1000, 1000, Map.of())
            .build();

    String md =
        IssuesMarkdown.render(
            List.of(issue("r:a.example", "a.example", Severity.ERROR, 0.5, "Fix")), facts);

    assertThat(md).contains("This month: 400 sessions, 100 failed (25.0 %).");
  }

  @Test
  void noIssues() {
    assertThat(IssuesMarkdown.render(List.of(), new FactsBuilder().build()))
        .contains("No issues found.")
        .doesNotContain("##");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "# heading => \\# heading",
        "1. item => 1\\. item",
        "- item => \\- item",
        "+ item => \\+ item",
        "*bold* _em_ => \\*bold\\* \\_em\\_",
        "[x](http://evil) => \\[x\\]\\(http://evil\\)",
        "a|b ~~c~~ => a\\|b \\~\\~c\\~\\~",
        "<script>alert('x')</script> => &lt;script&gt;alert\\(&#39;x&#39;\\)&lt;/script&gt;",
        "\"q\" & r => &quot;q&quot; &amp; r",
        "mx-1.example.com => mx-1.example.com",
        "203.0.113.7 => 203.0.113.7",
        "12. => 12\\.",
      })
  void escapesMarkdownAndHtml(String hostile, String expected) {
    assertThat(Markdown.text(hostile)).isEqualTo(expected);
  }

  @Test
  void controlCharactersAndNewlinesBecomeOneLine() {
    assertThat(Markdown.text("a\r\n# b\u0000c\u202Ed\u2028e")).isEqualTo("a \\# b c d e");
  }

  @Test
  void codeSpansSurviveBackticks() {
    assertThat(Markdown.code("a`b``c")).isEqualTo("```a`b``c```");
    assertThat(Markdown.code("`tick")).isEqualTo("`` `tick ``");
    assertThat(Markdown.code("<b>")).isEqualTo("&lt;b&gt;");
  }

  @Test
  void hostileReportValuesCannotInjectMarkupOrBlocks() {
    String domain = "<script>alert(1)</script>.example";
    FactsBuilder b =
        new FactsBuilder()
            .day(domain, may(10), 10, 90, Map.of("certificate-expired", 90L))
            .mx(
                domain,
                "[x](http://evil)",
                "<img src=x onerror=alert(1)>",
                Map.of("certificate-expired", 90L));
    b.failure(domain, "certificate-expired", 90)
        .reporters("evil\r\n## injected", "![img](http://evil/pixel)")
        .ips("1.2.3.4\n- injected list")
        .reasons("# heading", "a`b``c", "`tick", "line\n\n<div>x</div>");
    MonthlyFacts facts = b.build();
    List<Issue> issues = DetectIssues.detect(facts);

    String md = IssuesMarkdown.render(issues, facts);

    assertThat(issues).isNotEmpty();
    assertThat(md)
        .doesNotContain("<script", "<img", "<div", "[x](", "](http", "![img]")
        .contains("&lt;script&gt;", "\\[x\\]\\(http://evil\\)", "```a`b``c```", "`` `tick ``");
    List<String> lines = md.lines().toList();
    assertThat(lines)
        .noneMatch(l -> l.startsWith("## injected"))
        .noneMatch(l -> l.startsWith("- injected"))
        .noneMatch(l -> l.startsWith("# heading"));
    assertThat(lines.stream().filter(l -> l.startsWith("#")))
        .allMatch(
            l ->
                l.startsWith("# TLS-RPT issues: ")
                    || l.startsWith("## &lt;script&gt;")
                    || l.matches("### (ERROR|WARNING|INFO): .*"));
    assertThat(lines.stream().filter(l -> l.startsWith("### "))).hasSize(issues.size());
    assertThat(lines.stream().filter(l -> l.startsWith("## "))).hasSize(1);
  }
}
