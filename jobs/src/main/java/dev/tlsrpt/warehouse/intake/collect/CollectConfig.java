package dev.tlsrpt.warehouse.intake.collect;

import java.time.LocalDate;
import java.util.Map;

/**
 * One {@code collect} run, read once from the command line and the config file.
 *
 * @param mailbox the IMAP server, user and folder read
 * @param secret password or OAuth 2 token
 * @param archive where the messages go ({@code ARCHIVE/{yyyy}/{MM}/{dd}/<sha256>.eml})
 * @param doneFolder where archived messages are moved; null leaves the mailbox unchanged
 * @param since only messages that arrived on or after this day; null for all
 * @param maxMessageBytes larger messages are skipped, judged by the server's RFC822.SIZE
 * @param hadoopConf {@code spark.hadoop.*} settings for the archive's file system
 */
public record CollectConfig(
    ImapAddress mailbox,
    ImapSecret secret,
    String archive,
    String doneFolder,
    LocalDate since,
    long maxMessageBytes,
    Map<String, String> hadoopConf) {}
