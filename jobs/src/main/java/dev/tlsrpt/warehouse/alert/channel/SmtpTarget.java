package dev.tlsrpt.warehouse.alert.channel;

import java.net.URI;
import java.util.List;

/**
 * Where alert mail goes: {@code smtp://HOST:PORT} (STARTTLS) or {@code smtps://HOST:PORT} (TLS from
 * the first byte), the envelope sender and the recipients. Credentials come from the environment.
 *
 * @param starttlsRequired with {@code smtp://}, refuse to send when the server offers no STARTTLS
 *     (default); off only for a relay on the same host or a test server
 * @param user SMTP AUTH user, or null for no authentication
 * @param password SMTP AUTH password, or null
 */
public record SmtpTarget(
    URI server,
    String from,
    List<String> to,
    boolean starttlsRequired,
    String user,
    String password) {
  public SmtpTarget {
    to = List.copyOf(to);
  }

  /** True for {@code smtps://}. */
  public boolean implicitTls() {
    return "smtps".equalsIgnoreCase(server.getScheme());
  }

  /** The port, or the scheme's default (587 for smtp, 465 for smtps). */
  public int port() {
    return server.getPort() > 0 ? server.getPort() : implicitTls() ? 465 : 587;
  }

  @Override
  public String toString() {
    return "SmtpTarget[" + server + ", from=" + from + ", to=" + to + "]"; // never the password
  }
}
