package dev.tlsrpt.warehouse.intake.collect;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * A message's raw bytes as the server stores them (IMAP {@code BODY.PEEK[]}, fetched in chunks),
 * with no parsing or re-encoding on the way, so the archived object is the message byte for byte.
 */
final class RawMessage {
  private RawMessage() {}

  /** The bytes, or null when there are more than {@code limit} (the server's size was wrong). */
  static byte[] read(Message m, long limit) throws MessagingException, IOException {
    int expected = Math.max(0, Math.min(m.getSize(), (int) Math.min(limit, Integer.MAX_VALUE)));
    ByteArrayOutputStream out = new ByteArrayOutputStream(expected + 16);
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = ((IMAPMessage) m).getMimeStream()) {
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          return null;
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }
}
