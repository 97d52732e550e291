package dev.tlsrpt.warehouse.alert.channel;

import dev.tlsrpt.warehouse.alert.channel.Channel.DeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a JSON body and tells whether the receiver accepted it (any 2xx). The response body is
 * discarded unread: a receiver's answer is never loaded into memory. 408, 429 and 5xx answers and
 * network errors are worth retrying; other 4xx are not (the URL or the payload is wrong).
 */
final class HttpPost {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private HttpPost() {}

  /**
   * @param what the channel for messages (no secrets: not the URL's path)
   */
  static void post(URI url, byte[] body, Map<String, String> headers, String what)
      throws DeliveryException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "tlsrpt-warehouse-alert")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    int status;
    try {
      status = CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new DeliveryException(what + " unreachable: " + e.getClass().getSimpleName(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(what + ": interrupted", false, e);
    }
    if (status / 100 != 2) {
      boolean retryable = status == 408 || status == 429 || status >= 500;
      throw new DeliveryException(what + " answered HTTP " + status, retryable, null);
    }
  }

  /** Scheme and host of a URL: what may appear in a log (the path of a webhook is its secret). */
  static String hostOf(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
