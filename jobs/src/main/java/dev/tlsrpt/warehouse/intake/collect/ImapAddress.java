package dev.tlsrpt.warehouse.intake.collect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The mailbox of {@code --imap imap[s]://USER@HOST[:PORT]/FOLDER}. The user may hold an {@code @}
 * (the host follows the last one before the folder) or be percent-encoded ({@code %40}); the folder
 * may hold {@code /} ({@code INBOX/tlsrpt}) and defaults to INBOX.
 *
 * @param secure {@code imaps}: TLS from the first byte, the server's certificate checked
 */
public record ImapAddress(boolean secure, String user, String host, int port, String folder) {

  /** Parses the address; an IllegalArgumentException says what is wrong with it. */
  public static ImapAddress parse(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    boolean secure;
    String rest;
    if (lower.startsWith("imaps://")) {
      secure = true;
      rest = uri.substring("imaps://".length());
    } else if (lower.startsWith("imap://")) {
      secure = false;
      rest = uri.substring("imap://".length());
    } else {
      throw new IllegalArgumentException("takes imaps://USER@HOST[:PORT]/FOLDER");
    }
    int at = rest.lastIndexOf('@', firstSlashAfterLastAt(rest));
    if (at <= 0) {
      throw new IllegalArgumentException("names no user: imaps://USER@HOST/FOLDER");
    }
    String user = decode(rest.substring(0, at));
    String hostPortFolder = rest.substring(at + 1);
    int slash = hostPortFolder.indexOf('/');
    String hostPort = slash < 0 ? hostPortFolder : hostPortFolder.substring(0, slash);
    String folder = slash < 0 ? "" : decode(hostPortFolder.substring(slash + 1));
    String host = hostPort;
    int port = secure ? 993 : 143;
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && hostPort.indexOf(']') < colon) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "has a bad port '" + hostPort.substring(colon + 1) + "'");
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("names no host");
    }
    return new ImapAddress(secure, user, host, port, folder.isEmpty() ? "INBOX" : folder);
  }

  /** Where the authority of {@code rest} may end: the first slash after its last {@code @}. */
  private static int firstSlashAfterLastAt(String rest) {
    int slash = rest.indexOf('/');
    int at = slash < 0 ? rest.lastIndexOf('@') : rest.lastIndexOf('@', slash);
    if (at < 0) {
      return rest.length();
    }
    int after = rest.indexOf('/', at);
    return after < 0 ? rest.length() : after;
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }

  /** A loopback host, where an unencrypted connection crosses no network. */
  boolean isLoopback() {
    return host.equals("127.0.0.1") || host.equals("::1") || host.equalsIgnoreCase("localhost");
  }

  /** The address without the folder, for messages ({@code imaps://user@host:993}). */
  public String server() {
    return (secure ? "imaps://" : "imap://") + user + "@" + host + ":" + port;
  }
}
