package dev.tlsrpt.warehouse.fs;

/**
 * URIs of S3 objects that keep the object's key exactly ({@code s3a://bucket/} then the key), and
 * the test for the keys Hadoop's {@code Path} would turn into another key: it drops empty segments
 * ({@code tlsrpt//abc}, a key starting with {@code /}), resolves {@code .} and {@code ..} segments
 * and a trailing {@code /}. An SES receipt rule with the prefix {@code tlsrpt/} writes such keys
 * when the message key starts with {@code /}. Those objects are read by their exact key ({@link
 * S3ExactKeys}); every other key's URI is the string Hadoop's {@code Path} prints for it.
 */
public final class ObjectKeys {
  private ObjectKeys() {}

  /** {@code scheme://bucket/key}, the key as it is. */
  public static String uri(String scheme, String bucket, String key) {
    return scheme + "://" + bucket + "/" + key;
  }

  /** The bucket of a {@code scheme://bucket/key} URI. */
  public static String bucket(String uri) {
    int start = uri.indexOf("://") + 3;
    int slash = uri.indexOf('/', start);
    return slash < 0 ? uri.substring(start) : uri.substring(start, slash);
  }

  /** The exact key of a {@code scheme://bucket/key} URI (empty for the bucket itself). */
  public static String key(String uri) {
    int start = uri.indexOf("://") + 3;
    int slash = uri.indexOf('/', start);
    return slash < 0 ? "" : uri.substring(slash + 1);
  }

  /**
   * Whether {@code uri}'s key is one Hadoop's {@code Path} would change: an empty, {@code .} or
   * {@code ..} segment, or a trailing {@code /} (also a leading {@code ..}, which Path keeps: the
   * exact read is as good). One pass over the string, no copy: it runs for every object read.
   */
  public static boolean needsExactKey(String uri) {
    int start = uri.indexOf("://");
    if (start < 0) {
      return false;
    }
    int bucketEnd = uri.indexOf('/', start + 3);
    if (bucketEnd < 0) {
      return false;
    }
    int n = uri.length();
    int segment = bucketEnd + 1; // where the current segment starts
    for (int i = segment; i <= n; i++) {
      if (i < n && uri.charAt(i) != '/') {
        continue;
      }
      int length = i - segment;
      boolean dots =
          (length == 1 || length == 2) && uri.charAt(segment) == '.' && uri.charAt(i - 1) == '.';
      if (length == 0 || dots) {
        return true;
      }
      segment = i + 1;
    }
    return false;
  }
}
