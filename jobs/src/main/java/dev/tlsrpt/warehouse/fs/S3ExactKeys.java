package dev.tlsrpt.warehouse.fs;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.fs.s3a.S3AUtils;
import org.apache.hadoop.fs.s3a.api.RequestFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists and reads S3 objects by their exact keys, through the S3 client of Hadoop's S3A file system
 * (its endpoint, credentials, retries and request headers): S3A's own listing and open go through
 * Hadoop's {@code Path}, which turns {@code tlsrpt//abc} into {@code tlsrpt/abc}, so such an object
 * was listed under another key and its read found nothing (or another object). The listing costs
 * what S3A's costs (one request per page of keys) and a read is one GET, as through S3A.
 *
 * <p>Only called for {@code s3a://} locations; this class is the only one here that needs
 * hadoop-aws, which a cluster without S3 need not have.
 */
public final class S3ExactKeys {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3ExactKeys.class);
  private static final String PAGE_SIZE = "fs.s3a.paging.maximum";
  private static final String LIST_VERSION = "fs.s3a.list.version";

  private S3ExactKeys() {}

  /** Takes one listed object. */
  public interface Sink {
    void object(String uri, long size, long modifiedMillis) throws IOException;
  }

  /**
   * Whether {@code fs} is S3A, whose client this class uses (a site may map {@code s3a://} to
   * another implementation, which is then listed through Hadoop).
   */
  public static boolean handles(FileSystem fs) {
    return fs instanceof S3AFileSystem;
  }

  /**
   * Lists every object under the folder {@code root} of an S3A file system, recursively, each under
   * its URI with the exact key ({@link ObjectKeys#uri}); folder markers ({@link #isFolderMarker})
   * are left out, as S3A leaves them out.
   */
  public static void list(FileSystem fs, Path root, Sink sink) throws IOException {
    S3AFileSystem s3 = (S3AFileSystem) fs;
    String folder = s3.pathToKey(root);
    String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
    int pageSize = s3.getConf().getInt(PAGE_SIZE, 5000);
    String scheme = root.toUri().getScheme();
    List<String> heldData = new java.util.ArrayList<>();
    Page page =
        keys -> {
          for (S3Object o : keys) {
            if (isFolderMarker(o)) {
              if (o.size() != null && o.size() > 0) {
                heldData.add(o.key());
              }
            } else {
              sink.object(
                  ObjectKeys.uri(scheme, s3.getBucket(), o.key()),
                  o.size(),
                  o.lastModified() == null ? 0 : o.lastModified().toEpochMilli());
            }
          }
        };
    try {
      if (s3.getConf().getInt(LIST_VERSION, 2) == 1) {
        listV1(s3, prefix, pageSize, page);
      } else {
        listV2(s3, prefix, pageSize, page);
      }
    } catch (SdkException e) {
      throw S3AUtils.translateException("list", prefix, e);
    }
    if (!heldData.isEmpty()) {
      LOG.warn(
          "not read: {} key(s) ending in '/' that hold data; S3 tools and S3A take such a key for a"
              + " folder (some stores list every folder so); to ingest one, copy it to a key"
              + " without the trailing '/': {}",
          heldData.size(),
          String.join(", ", heldData.subList(0, Math.min(10, heldData.size()))));
    }
  }

  /**
   * An object that stands for a folder: a key ending in {@code /} (the S3 console's, and every
   * folder of stores that list folders, such as S3Proxy's filesystem store, with a size) or in
   * {@code _$folder$} (old S3N and EMR tools'). S3A leaves both out of its listing whatever their
   * size, and so does this one; those that hold data are named in a warning.
   */
  private static boolean isFolderMarker(S3Object o) {
    return o.key().endsWith("/") || o.key().endsWith("_$folder$");
  }

  /** Takes one page of listed objects. */
  private interface Page {
    void take(List<S3Object> objects) throws IOException;
  }

  private static void listV2(S3AFileSystem s3, String prefix, int pageSize, Page page)
      throws IOException {
    ListObjectsV2Request first =
        requests(s3).newListObjectsV2RequestBuilder(prefix, null, pageSize).build();
    String token = null;
    do {
      ListObjectsV2Response r =
          client(s3).listObjectsV2(first.toBuilder().continuationToken(token).build());
      boolean more = Boolean.TRUE.equals(r.isTruncated());
      page.take(r.contents());
      token = more ? r.nextContinuationToken() : null;
    } while (token != null);
  }

  /** The first version of the listing, for stores that only know it ({@code list.version=1}). */
  private static void listV1(S3AFileSystem s3, String prefix, int pageSize, Page page)
      throws IOException {
    ListObjectsRequest first =
        requests(s3).newListObjectsV1RequestBuilder(prefix, null, pageSize).build();
    String marker = null;
    do {
      ListObjectsResponse r = client(s3).listObjects(first.toBuilder().marker(marker).build());
      boolean more = Boolean.TRUE.equals(r.isTruncated()) && !r.contents().isEmpty();
      page.take(r.contents());
      marker = !more ? null : r.nextMarker() != null ? r.nextMarker() : last(r.contents()).key();
    } while (marker != null);
  }

  private static S3Object last(List<S3Object> objects) {
    return objects.get(objects.size() - 1);
  }

  /** Opens the object of {@code uri} ({@link ObjectKeys#uri}) by its exact key: one GET. */
  public static InputStream open(Configuration conf, String uri) throws IOException {
    S3AFileSystem s3 = fileSystem(conf, uri);
    String key = ObjectKeys.key(uri);
    try {
      return client(s3).getObject(requests(s3).newGetObjectRequestBuilder(key).build());
    } catch (SdkException e) {
      throw S3AUtils.translateException("open", uri, e);
    }
  }

  /** The object's size and modification time now, for a read that ended early. */
  public static long[] sizeAndModified(Configuration conf, String uri) throws IOException {
    S3AFileSystem s3 = fileSystem(conf, uri);
    String key = ObjectKeys.key(uri);
    try {
      HeadObjectResponse head =
          client(s3).headObject(requests(s3).newHeadObjectRequestBuilder(key).build());
      return new long[] {head.contentLength(), head.lastModified().toEpochMilli()};
    } catch (SdkException e) {
      throw S3AUtils.translateException("head", uri, e);
    }
  }

  /**
   * The error of an object whose exact-key read failed: it names the key and the way out, since
   * some S3-compatible stores refuse keys with {@code //} (S3Proxy's signature check does) where
   * AWS S3 serves them.
   */
  public static IOException unreadable(String uri, IOException cause) {
    String key = ObjectKeys.key(uri);
    return new IOException(
        "its key '"
            + key
            + "' holds an empty, '.' or '..' segment, which Hadoop paths cannot name, and reading"
            + " it by that exact key failed ("
            + cause.getMessage()
            + "); if the store refuses such keys, copy the object to a key without them (aws s3"
            + " cp 's3://"
            + ObjectKeys.bucket(uri)
            + "/"
            + key
            + "' 's3://"
            + ObjectKeys.bucket(uri)
            + "/NEW-KEY') and remove it, then run the ingest again",
        cause);
  }

  private static S3AFileSystem fileSystem(Configuration conf, String uri) throws IOException {
    FileSystem fs =
        new Path(uri.substring(0, uri.indexOf("://") + 3) + ObjectKeys.bucket(uri) + "/")
            .getFileSystem(conf);
    if (!handles(fs)) {
      throw new IOException(
          "the object's key has an empty, '.' or '..' segment that only S3A's own client can"
              + " read, but this location is served by "
              + fs.getClass().getName());
    }
    return (S3AFileSystem) fs;
  }

  private static S3Client client(S3AFileSystem s3) {
    return s3.getS3AInternals().getAmazonS3Client("exact key");
  }

  private static RequestFactory requests(S3AFileSystem s3) {
    return s3.getS3AInternals().getStore().getRequestFactory();
  }
}
