package dev.tlsrpt.warehouse.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * Which S3 keys are read by their exact key: exactly those whose URI Hadoop's {@code Path} prints
 * differently, checked against Path itself.
 */
class ObjectKeysTest {
  /** Keys Path changes: empty segments, dot segments, a trailing slash. */
  private static final List<String> CHANGED =
      List.of(
          "tlsrpt//3pvd6aq4c8nhk2lmu1f0r9ogs7eb5ti3",
          "/leading.json",
          "a//b.json",
          "triple///c",
          "x/./dot.json",
          "x/../dotdot.json",
          "./here",
          "end/.",
          "end/..",
          "not-a-folder/");

  /** Keys Path keeps, however odd (the ledger's URIs for them must not change). */
  private static final List<String> KEPT =
      List.of(
          "2026/10/01/r1.json.gz",
          "trailing.",
          "folder./name.json",
          "...",
          ".hidden",
          "a/.b/..c/c..",
          "1733011200.M12P34.mx1:2,S",
          "with space.json",
          "100%.json",
          "100%25.json",
          "hash#frag.json",
          "query?x=1.json",
          "café.json.gz",
          "a:b:c");

  @Test
  void keysHadoopPathChangesNeedTheExactKeyAndNoOthers() {
    for (String key : CHANGED) {
      String uri = ObjectKeys.uri("s3a", "bucket", key);
      assertThat(new Path(uri).toString()).as("Path of %s", key).isNotEqualTo(uri);
      assertThat(ObjectKeys.needsExactKey(uri)).as(key).isTrue();
    }
    for (String key : KEPT) {
      String uri = ObjectKeys.uri("s3a", "bucket", key);
      assertThat(new Path(uri).toString()).as("Path of %s", key).isEqualTo(uri);
      assertThat(ObjectKeys.needsExactKey(uri)).as(key).isFalse();
    }
  }

  @Test
  void aLeadingDotDotSegmentIsReadByItsExactKeyToo() {
    // Path keeps it (nothing above the root to resolve it against); the exact read is as good
    String uri = ObjectKeys.uri("s3a", "bucket", "../up");
    assertThat(new Path(uri).toString()).isEqualTo(uri);
    assertThat(ObjectKeys.needsExactKey(uri)).isTrue();
  }

  @Test
  void bucketAndKeyComeBackExactly() {
    for (String key : CHANGED) {
      String uri = ObjectKeys.uri("s3a", "my-bucket", key);
      assertThat(ObjectKeys.bucket(uri)).isEqualTo("my-bucket");
      assertThat(ObjectKeys.key(uri)).isEqualTo(key);
    }
  }
}
