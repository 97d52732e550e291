package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link SourceListing#localUri} and {@link SourceListing#localPath}: a path is
 * plain only if building its URI as a string gives what Hadoop's {@link org.apache.hadoop.fs.Path}
 * gives, and the URI leads back to the same file.
 */
class PlainPathTest {
  /** The definition, written independently: plain segments, none empty, "." or "..". */
  private static final Pattern SEGMENTS = Pattern.compile("(/[A-Za-z0-9._!+=,@~-]+)+");

  private static boolean plainBySpec(String path) {
    return SEGMENTS.matcher(path).matches()
        && Arrays.stream(path.substring(1).split("/", -1))
            .noneMatch(s -> s.equals(".") || s.equals(".."));
  }

  @Test
  void dotSegmentsEmptySegmentsAndOtherCharactersAreNotPlain() {
    List<String> paths =
        List.of(
            "/a/b.json",
            "/",
            "",
            "a/b",
            "/a/./b",
            "/a/../b",
            "/a//b",
            "/a/b/",
            "/a/b/.",
            "/a/b/..",
            "/a/.b",
            "/a/..b",
            "/a/b..",
            "/a/...",
            "/.",
            "/..",
            "/a b",
            "/caf\u00e9",
            "/x%41",
            "/q?",
            "/c:d",
            "/tilde~plus+eq=comma,at@_-.json");
    for (String path : paths) {
      assertThat(SourceListing.isPlain(path)).as(path).isEqualTo(plainBySpec(path));
    }
    assertThat(paths.stream().filter(SourceListing::isPlain)).isNotEmpty();
  }

  @Test
  void randomPathsAgreeWithTheDefinition() {
    Random random = new Random(11);
    char[] alphabet = {'/', '/', '.', '.', 'a', 'Z', '7', '-', ' ', '%', '\u00e9', ':'};
    List<String> plain = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder path = new StringBuilder();
      for (int n = random.nextInt(10); n >= 0; n--) {
        path.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String p = path.toString();
      assertThat(SourceListing.isPlain(p)).as(p).isEqualTo(plainBySpec(p));
      if (plainBySpec(p)) {
        plain.add(p);
      }
    }
    assertThat(plain).hasSizeGreaterThan(100); // the random paths reach the plain branch
  }

  @Test
  void aPlainPathsUriIsHadoopsAndLeadsBack() {
    for (String p : List.of("/tmp/a/b.json.gz", "/x/..y/z.", "/google.com!e.com!1!2.json")) {
      assertThat(SourceListing.isPlain(p)).as(p).isTrue();
      String uri = SourceListing.localUri(Path.of(p));
      assertThat(uri).isEqualTo(new org.apache.hadoop.fs.Path(Path.of(p).toUri()).toString());
      assertThat(SourceListing.localPath(uri)).isEqualTo(Path.of(p));
    }
  }
}
