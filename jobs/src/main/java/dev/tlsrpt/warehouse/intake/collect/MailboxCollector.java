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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final int BATCH = 500;

  /** Most bytes of messages fetched in one command (and so held at once). */
  private static final long GROUP_BYTES = 32L << 20;

  private final int batchSize;
  private final long groupBytes;

  private static final String REPORT_DOMAIN = "TLS-Report-Domain";

  /** Mailboxes larger than this get a progress line every this many messages. */
  private static final int PROGRESS_EVERY = 1000;

  private final CollectConfig config;
  private final PrintStream log;
  private final ReportMessages selector = new ReportMessages(ReaderLimits.DEFAULTS.maxMimeParts());

  public MailboxCollector(CollectConfig config, PrintStream log) {
    this(config, log, BATCH, GROUP_BYTES);
  }

  /**
   * With other batch and fetch-group sizes: tests that stop a run inside a batch use small ones.
   */
  MailboxCollector(CollectConfig config, PrintStream log, int batchSize, long groupBytes) {
    this.config = config;
    this.log = log;
    this.batchSize = batchSize;
    this.groupBytes = groupBytes;
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
        long progressAt = PROGRESS_EVERY;
        for (int start = 0; start < messages.length; start += batchSize) {
          int end = Math.min(messages.length, start + batchSize);
          collectBatch(folder, Arrays.copyOfRange(messages, start, end), archive, counts, mover);
          if (messages.length > PROGRESS_EVERY && end >= progressAt && end < messages.length) {
            log.println("collect: " + end + "/" + messages.length + " " + counts.line());
            progressAt += PROGRESS_EVERY;
          }
        }
      } catch (MessagingException e) {
        throw WarehouseException.imapConnectionLost(
            config.mailbox().server(), counts.messages(), messages.length, counts.line(), e);
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
    List<Message> reports = new ArrayList<>();
    for (Message m : batch) {
      try {
        if (isWanted(folder, m, counts)) {
          reports.add(m);
        }
      } catch (MessagingException | IOException e) {
        failed(folder, m, e, counts);
      }
    }
    List<Message> stored = new ArrayList<>();
    for (List<Message> group : groups(reports)) {
      Map<Long, byte[]> raw = new HashMap<>();
      try {
        raw = RawFetch.fetch((IMAPFolder) folder, group, counts.moved);
      } catch (MessagingException e) {
        if (!folder.isOpen()) {
          throw e;
        }
        // one bad message fails the group's FETCH: each is fetched alone below
      }
      for (Message m : group) {
        try {
          // removed as it is stored, so a group's bytes are released message by message
          byte[] bytes = raw.remove(((UIDFolder) folder).getUID(m));
          if (bytes == null) {
            bytes = RawMessage.read(m, config.maxMessageBytes());
          }
          if (bytes == null || bytes.length > config.maxMessageBytes()) {
            tooLarge(folder, m, counts);
          } else {
            store(m, bytes, archive, counts);
            stored.add(m);
          }
        } catch (MessagingException | IOException e) {
          failed(folder, m, e, counts);
        }
      }
    }
    if (mover != null && !stored.isEmpty()) {
      counts.moved += mover.move(stored.toArray(Message[]::new));
    }
  }

  /** A message that could not be read: counted, or the end of the run if the connection went. */
  private void failed(Folder folder, Message m, Exception e, CollectCounts counts)
      throws MessagingException {
    if (!folder.isOpen()) {
      throw e instanceof MessagingException me ? me : new MessagingException(e.getMessage(), e);
    }
    counts.errors++;
    log.println("collect: " + describe(folder, m) + " not collected: " + e.getMessage());
  }

  /**
   * Consecutive runs of {@code reports} whose sizes (RFC822.SIZE) add up to at most the group bytes
   * (32 MiB by default), each fetched in one command: memory stays bounded by that, not by the
   * batch.
   */
  private List<List<Message>> groups(List<Message> reports) throws MessagingException {
    List<List<Message>> groups = new ArrayList<>();
    List<Message> group = new ArrayList<>();
    long bytes = 0;
    for (Message m : reports) {
      long size = Math.max(0, m.getSize());
      if (!group.isEmpty() && bytes + size > groupBytes) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(m);
      bytes += size;
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /** Whether {@code m} is a report within the size limit (counting it when it is not). */
  private boolean isWanted(Folder folder, Message m, CollectCounts counts)
      throws MessagingException, IOException {
    String[] domain = m.getHeader(REPORT_DOMAIN);
    if (!selector.isReport(m, domain == null ? null : domain[0])) {
      counts.notReports++;
      return false;
    }
    if (m.getSize() > config.maxMessageBytes()) {
      tooLarge(folder, m, counts);
      return false;
    }
    return true;
  }

  private void tooLarge(Folder folder, Message m, CollectCounts counts) throws MessagingException {
    counts.tooLarge++;
    log.println(
        "collect: skipped "
            + describe(folder, m)
            + ": "
            + m.getSize()
            + " bytes, over the limit of "
            + config.maxMessageBytes()
            + " (raise --max-report-bytes to take it; it stays in the folder)");
  }

  /** Stores the raw message under the day it arrived (INTERNALDATE, UTC). */
  private static void store(Message m, byte[] raw, ArchiveStore archive, CollectCounts counts)
      throws MessagingException {
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
