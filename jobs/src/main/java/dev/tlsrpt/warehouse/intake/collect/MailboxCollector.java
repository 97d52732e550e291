package dev.tlsrpt.warehouse.intake.collect;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.intake.ArchiveStore;
import dev.tlsrpt.warehouse.intake.HadoopSettings;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * {@code collect}: copies the TLS-RPT messages of one IMAP folder into the archive, each raw
 * message byte for byte as {@code {yyyy}/{MM}/{dd}/<sha256>.eml} dated by its arrival
 * (INTERNALDATE, UTC). Messages are handled in batches: the batch's headers and structure in one
 * FETCH, each report read and stored, then (with a done folder) the batch's stored reports moved. A
 * message is moved only once its object is durable, so a run stopped anywhere loses nothing, and
 * its re-run finds the stored ones already there and moves them.
 */
public final class MailboxCollector {
  private static final int BATCH = 100;
  private static final String REPORT_DOMAIN = "TLS-Report-Domain";

  /** Mailboxes larger than this get a progress line every this many messages. */
  private static final int PROGRESS_EVERY = 1000;

  private final CollectConfig config;
  private final PrintStream log;
  private final ReportMessages selector = new ReportMessages(ReaderLimits.DEFAULTS.maxMimeParts());

  public MailboxCollector(CollectConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
  }

  /** Runs the collection; the counts when every message was looked at. */
  public CollectCounts run() {
    ArchiveStore archive =
        ArchiveStore.open(config.archive(), HadoopSettings.from(config.hadoopConf()));
    CollectCounts counts = new CollectCounts();
    try (MailboxConnection mail = MailboxConnection.open(config.mailbox(), config.secret())) {
      Folder folder;
      Folder done;
      try {
        folder = mail.folder(config.mailbox().folder());
        done = config.doneFolder() == null ? null : mail.folder(config.doneFolder());
        // without a done folder the mailbox is not changed at all: EXAMINE, not SELECT
        folder.open(done == null ? Folder.READ_ONLY : Folder.READ_WRITE);
      } catch (MessagingException e) {
        throw WarehouseException.imapUnreachable(config.mailbox().server(), e);
      }
      Message[] messages = new Message[0];
      try {
        messages = select(folder);
        log.println(
            "collect: "
                + messages.length
                + " message(s) in "
                + folder.getFullName()
                + (config.since() == null ? "" : " since " + config.since()));
        Mover mover = done == null ? null : new Mover(mail, folder, done);
        for (int start = 0; start < messages.length; start += BATCH) {
          Message[] batch =
              Arrays.copyOfRange(messages, start, Math.min(messages.length, start + BATCH));
          collectBatch(folder, batch, archive, counts, mover);
          if (messages.length > PROGRESS_EVERY
              && (start + BATCH) % PROGRESS_EVERY == 0
              && start + BATCH < messages.length) {
            log.println(
                "collect: " + (start + BATCH) + "/" + messages.length + " " + counts.line());
          }
        }
      } catch (MessagingException e) {
        throw WarehouseException.imapConnectionLost(
            config.mailbox().server(), counts.messages, messages.length, counts.line(), e);
      } finally {
        closeQuietly(folder);
      }
    }
    return counts;
  }

  /** The folder's messages, or those that arrived since {@code --since} (IMAP SEARCH SINCE). */
  private Message[] select(Folder folder) throws MessagingException {
    if (config.since() == null) {
      return folder.getMessages();
    }
    Date since = Date.from(config.since().atStartOfDay(ZoneOffset.UTC).toInstant());
    return folder.search(new ReceivedDateTerm(ComparisonTerm.GE, since));
  }

  private void collectBatch(
      Folder folder, Message[] batch, ArchiveStore archive, CollectCounts counts, Mover mover)
      throws MessagingException {
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.CONTENT_INFO);
    profile.add(FetchProfile.Item.SIZE);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(REPORT_DOMAIN);
    folder.fetch(batch, profile);
    List<Message> stored = new ArrayList<>();
    for (Message m : batch) {
      counts.messages++;
      try {
        if (collectOne(folder, m, archive, counts)) {
          stored.add(m);
        }
      } catch (MessagingException | IOException e) {
        if (!folder.isOpen()) {
          throw e instanceof MessagingException me ? me : new MessagingException("lost", e);
        }
        counts.errors++;
        log.println("collect: " + describe(folder, m) + " not collected: " + e.getMessage());
      }
    }
    if (mover != null && !stored.isEmpty()) {
      counts.moved += mover.move(stored.toArray(Message[]::new));
    }
  }

  /** Archives {@code m} when it is a report; true when its object is (now or already) stored. */
  private boolean collectOne(Folder folder, Message m, ArchiveStore archive, CollectCounts counts)
      throws MessagingException, IOException {
    String[] domain = m.getHeader(REPORT_DOMAIN);
    if (!selector.isReport(m, domain == null ? null : domain[0])) {
      counts.notReports++;
      return false;
    }
    long limit = config.maxMessageBytes();
    byte[] raw = m.getSize() > limit ? null : RawMessage.read(m, limit);
    if (raw == null) {
      counts.tooLarge++;
      log.println(
          "collect: skipped "
              + describe(folder, m)
              + ": "
              + Math.max(m.getSize(), limit + 1)
              + " bytes, over the limit of "
              + limit
              + " (raise --max-report-bytes to take it; it stays in the folder)");
      return false;
    }
    Date arrived = m.getReceivedDate();
    LocalDate day =
        (arrived == null ? new Date() : arrived).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    ArchiveStore.Stored stored;
    try {
      stored = archive.store(day, "eml", raw);
    } catch (IOException e) {
      throw WarehouseException.archiveUnwritable(archive.root(), e);
    }
    if (stored.isNew()) {
      counts.archived++;
    } else {
      counts.alreadyArchived++;
    }
    return true;
  }

  /** {@code message 12 (UID 345)}: names a message in a log line without any of its content. */
  private static String describe(Folder folder, Message m) {
    String uid = "";
    try {
      uid = " (UID " + ((UIDFolder) folder).getUID(m) + ")";
    } catch (MessagingException | RuntimeException e) {
      // the number alone
    }
    return "message " + m.getMessageNumber() + uid;
  }

  private static void closeQuietly(Folder folder) {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      // a dropped connection: the server forgets the session itself
    }
  }
}
