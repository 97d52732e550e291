package dev.tlsrpt.warehouse.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hand-written file name parser against the RFC 8460 grammar written as a regular expression
 * (the parser's former form): both must agree on every name, hostile ones included.
 */
class ReportFileNameTest {
  private static final Pattern GRAMMAR =
      Pattern.compile("^([^!]+)!([^!]+)!(\\d{1,12})!(\\d{1,12})(?:![^.!]*)?(?:\\..*)?$");

  /** What the grammar makes of a name: its four parts, or null. */
  private static ReportFileName byGrammar(String pathOrName) {
    String name = pathOrName.substring(pathOrName.lastIndexOf('/') + 1).replace("%21", "!");
    Matcher m = GRAMMAR.matcher(name);
    if (!m.matches()) {
      return null;
    }
    return new ReportFileName(
        m.group(1),
        Text.domain(m.group(2)),
        Instant.ofEpochSecond(Long.parseLong(m.group(3))),
        Instant.ofEpochSecond(Long.parseLong(m.group(4))));
  }

  @Test
  void namesOfTheFixturesAndOfKnownFormsParseAsTheGrammarSays() throws Exception {
    List<String> names = new ArrayList<>();
    Path fixtures = Path.of(ReportFileNameTest.class.getResource("/fixtures").toURI());
    try (Stream<Path> files = Files.walk(fixtures)) {
      files.filter(Files::isRegularFile).forEach(f -> names.add(f.toString()));
    }
    names.addAll(
        List.of(
            "google.com!example.com!1725321600!1725407999!001.json.gz",
            "s3a://bucket/in/google.com%21example.com%211725321600%211725407999.json",
            "mail.ru!Example.COM.!1725321600!1725407999.json",
            "a!b!1!2",
            "a!b!1!2!",
            "a!b!1!2.",
            "a!b!123456789012!123456789012!x.json",
            "a!b!1234567890123!2.json",
            "a!b!1!2!id!more.json",
            "a!b!1!2!id.json!x",
            "a!b!1!2.json\n",
            "a!b!1!2.json\r\n",
            "a!b!1!2.json\n\n",
            "a!b!1!2.js\non",
            "a!b!1!2!id\r\n",
            "a!b!1!2\u2028",
            "a!b!١!2.json",
            "!b!1!2.json",
            "a!!1!2.json",
            "a!b!!2.json",
            "a!b!1!.json",
            "20261103T193325Z.microsoft.com.f8380e4d73f7.eml",
            ""));

    int parsed = 0;
    for (String name : names) {
      ReportFileName expected = byGrammar(name);
      assertThat(ReportFileName.parse(name)).as("%s", name).isEqualTo(expected);
      parsed += expected == null ? 0 : 1;
    }
    assertThat(parsed).as("names that follow the RFC").isGreaterThan(5);
  }

  @Test
  void randomNamesBuiltFromTheGrammarsCharactersParseAsTheGrammarSays() {
    String[] pieces = {
      "!",
      ".",
      "0",
      "7",
      "123",
      "99999999999",
      "a",
      "Z",
      "-",
      "json",
      "gz",
      "%21",
      "/",
      "\n",
      "\r",
      "\r\n",
      "\u2028",
      "\u0085",
      " ",
      "é",
      "١"
    };
    Random random = new Random(8460);
    int parsed = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder name = new StringBuilder();
      if (i % 2 == 0) { // half start like a real name, so the later parts are reached
        name.append("g.com!ex.com!").append(random.nextInt(100_000)).append('!');
      }
      int length = 1 + random.nextInt(8);
      for (int p = 0; p < length; p++) {
        name.append(pieces[random.nextInt(pieces.length)]);
      }
      ReportFileName expected = byGrammar(name.toString());
      assertThat(ReportFileName.parse(name.toString())).as("%s", name).isEqualTo(expected);
      parsed += expected == null ? 0 : 1;
    }
    assertThat(parsed).as("random names the grammar accepts").isGreaterThan(1_000);
  }

  @Test
  void nullIsNoName() {
    assertThat(ReportFileName.parse(null)).isNull();
  }
}
