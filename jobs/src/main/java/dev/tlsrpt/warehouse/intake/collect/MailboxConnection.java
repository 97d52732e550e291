package dev.tlsrpt.warehouse.intake.collect;

import dev.tlsrpt.warehouse.error.WarehouseException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;

/**
 * An IMAP session through Jakarta Mail (Eclipse Angus Mail): {@code imaps} with the server's
 * certificate and host name checked against the JDK's trust store, {@code imap} with STARTTLS
 * (required unless the host is loopback), timeouts so a silent server cannot hang a cron job, and
 * XOAUTH2 alone when the secret is a token. Failures to log in, to connect or to find a folder
 * become the problem/cause/fix errors of {@link WarehouseException}.
 */
final class MailboxConnection implements AutoCloseable {
  private static final String CONNECT_TIMEOUT_MS = "30000";
  private static final String READ_TIMEOUT_MS = "120000";

  /** Bytes fetched per BODY.PEEK[]<offset.size> request: fewer round trips than the 16 KiB. */
  private static final String FETCH_SIZE = String.valueOf(256 * 1024);

  private final ImapAddress mailbox;
  private final Store store;

  private MailboxConnection(ImapAddress mailbox, Store store) {
    this.mailbox = mailbox;
    this.store = store;
  }

  static MailboxConnection open(ImapAddress mailbox, ImapSecret secret) {
    String protocol = mailbox.secure() ? "imaps" : "imap";
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.setProperty("mail.store.protocol", protocol);
    p.setProperty(prefix + "connectiontimeout", CONNECT_TIMEOUT_MS);
    p.setProperty(prefix + "timeout", READ_TIMEOUT_MS);
    p.setProperty(prefix + "writetimeout", READ_TIMEOUT_MS);
    // BODY.PEEK: reading a message never sets \Seen (the mailbox is left as it was)
    p.setProperty(prefix + "peek", "true");
    p.setProperty(prefix + "fetchsize", FETCH_SIZE);
    if (mailbox.secure()) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    } else {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", String.valueOf(!mailbox.isLoopback()));
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    if (secret.isOauth2()) {
      p.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
      p.setProperty(prefix + "auth.login.disable", "true");
      p.setProperty(prefix + "auth.plain.disable", "true");
    }
    Session session = Session.getInstance(p);
    Store store;
    try {
      store = session.getStore(protocol);
    } catch (MessagingException e) {
      throw new IllegalStateException("Angus Mail's " + protocol + " provider is missing", e);
    }
    try {
      store.connect(mailbox.host(), mailbox.port(), mailbox.user(), secret.value());
    } catch (AuthenticationFailedException e) {
      throw WarehouseException.imapLoginRefused(mailbox.server(), secret.toString(), e);
    } catch (MessagingException e) {
      throw WarehouseException.imapUnreachable(mailbox.server(), e);
    }
    return new MailboxConnection(mailbox, store);
  }

  /** The folder, which must exist (an error names the top-level folders there are). */
  Folder folder(String name) throws MessagingException {
    Folder folder = store.getFolder(name);
    if (!folder.exists()) {
      StringBuilder names = new StringBuilder();
      Folder[] top = store.getDefaultFolder().list("*");
      for (int i = 0; i < top.length && i < 30; i++) {
        names.append(i == 0 ? "" : ", ").append(top[i].getFullName());
      }
      throw WarehouseException.imapFolderMissing(mailbox.server(), name, names.toString());
    }
    return folder;
  }

  /** Whether the server moves messages itself (RFC 6851), rather than copy, flag and expunge. */
  boolean canMove() throws MessagingException {
    return ((org.eclipse.angus.mail.imap.IMAPStore) store).hasCapability("MOVE");
  }

  /** Whether the server expunges chosen messages only (UID EXPUNGE, RFC 4315). */
  boolean canExpungeChosen() throws MessagingException {
    return ((org.eclipse.angus.mail.imap.IMAPStore) store).hasCapability("UIDPLUS");
  }

  boolean isConnected() {
    return store.isConnected();
  }

  @Override
  public void close() {
    try {
      store.close();
    } catch (MessagingException e) {
      // closing a dropped connection: nothing left to release
    }
  }
}
