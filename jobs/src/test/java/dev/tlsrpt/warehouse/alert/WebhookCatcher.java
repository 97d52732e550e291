package dev.tlsrpt.warehouse.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 that records every POST (path, headers, body) and answers each
 * path with the status a test sets (200 unless told otherwise): the webhook receiver of the alert
 * tests.
 */
final class WebhookCatcher implements AutoCloseable {
  /** One request as received. */
  record Received(String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> status = new ConcurrentHashMap<>();

  WebhookCatcher() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(1 << 20);
            String path = ex.getRequestURI().getPath();
            received.add(new Received(path, Map.copyOf(ex.getRequestHeaders()), body));
            ex.sendResponseHeaders(status.getOrDefault(path, 200), -1);
          } finally {
            ex.close();
          }
        });
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Answers requests to {@code path} with {@code code} from now on. */
  void answer(String path, int code) {
    status.put(path, code);
  }

  List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
