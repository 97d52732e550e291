package dev.tlsrpt.warehouse.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * GreenMail's SMTP and IMAP servers on 127.0.0.1 (free ports), one user, raw SMTP delivery of
 * message bytes as a mail system would send them, and an independent IMAP client to look at the
 * folders afterwards.
 */
public final class MailServer implements AutoCloseable {
  public static final String USER = "tlsrpt";
  public static final String PASSWORD = "secret-imap-password-42";
  public static final String ADDRESS = "tlsrpt@example.org";

  private final GreenMail greenMail;
  private final String password;

  public MailServer() {
    this(PASSWORD);
  }

  /** A server whose user logs in with {@code password} (also the XOAUTH2 token GreenMail takes). */
  public MailServer(String password) {
    this.password = password;
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
    greenMail.start();
    greenMail.setUser(ADDRESS, USER, password);
  }

  public int imapPort() {
    return greenMail.getImap().getPort();
  }

  /** {@code imap://tlsrpt@127.0.0.1:PORT/folder}. */
  public String imapUri(String folder) {
    return "imap://" + USER + "@127.0.0.1:" + imapPort() + "/" + folder;
  }

  /**
   * Delivers {@code message} over SMTP as a sending server does: lines ended by CRLF, dots stuffed.
   * Returns the bytes as sent (CRLF line ends), what the mailbox should then hold.
   */
  public byte[] deliver(byte[] message) throws IOException {
    byte[] crlf = crlf(message);
    try (Socket s = new Socket("127.0.0.1", greenMail.getSmtp().getPort())) {
      s.setSoTimeout(30_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      expect(in, "220");
      command(out, in, "EHLO sender.test", "250");
      command(out, in, "MAIL FROM:<noreply@sender.test>", "250");
      command(out, in, "RCPT TO:<" + ADDRESS + ">", "250");
      command(out, in, "DATA", "354");
      out.write(dotStuffed(crlf));
      command(out, in, ".", "250");
      command(out, in, "QUIT", "221");
    }
    return crlf;
  }

  private static void command(OutputStream out, BufferedReader in, String line, String code)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, code);
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null || !line.startsWith(code)) {
        throw new IOException("SMTP: expected " + code + ", got " + line);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
  }

  /** The message with every line ended by CRLF (and a final one). */
  public static byte[] crlf(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
        out.write('\r');
      }
      out.write(b);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length < 2 || bytes[bytes.length - 1] != '\n') {
      out.write('\r');
      out.write('\n');
      bytes = out.toByteArray();
    }
    return bytes;
  }

  private static byte[] dotStuffed(byte[] crlf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(crlf.length + 64);
    boolean lineStart = true;
    for (byte b : crlf) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    return out.toByteArray();
  }

  /**
   * Puts {@code message} straight into the user's INBOX inside GreenMail (no SMTP round trips): for
   * mailboxes of thousands of messages, where SMTP delivery to GreenMail would dominate.
   */
  public void append(byte[] message) throws Exception {
    jakarta.mail.internet.MimeMessage parsed =
        new jakarta.mail.internet.MimeMessage(
            Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(message));
    greenMail
        .getManagers()
        .getImapHostManager()
        .getInbox(greenMail.getManagers().getUserManager().getUser(USER))
        .appendMessage(parsed, new Flags(), new java.util.Date());
  }

  /** An IMAP session of the test's own, to look at the mailbox. */
  private Store store() throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", imapPort(), USER, password);
    return store;
  }

  public void createFolder(String name) throws MessagingException {
    try (Store store = store()) {
      store.getFolder(name).create(Folder.HOLDS_MESSAGES);
    }
  }

  /** Each message of {@code folder}: its Subject and whether it is marked seen. */
  public List<String> subjects(String folder) throws MessagingException {
    try (Store store = store()) {
      Folder f = store.getFolder(folder);
      f.open(Folder.READ_ONLY);
      List<String> out = new ArrayList<>();
      Message[] messages = f.getMessages();
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.ENVELOPE);
      profile.add(FetchProfile.Item.FLAGS);
      f.fetch(messages, profile);
      for (Message m : messages) {
        out.add(String.valueOf(m.getSubject()) + (m.isSet(Flags.Flag.SEEN) ? " [seen]" : ""));
      }
      f.close(false);
      return out;
    }
  }

  public int count(String folder) throws MessagingException {
    try (Store store = store()) {
      return store.getFolder(folder).getMessageCount();
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
