package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.intake.collect.CollectConfig;
import dev.tlsrpt.warehouse.intake.collect.CollectCounts;
import dev.tlsrpt.warehouse.intake.collect.ImapAddress;
import dev.tlsrpt.warehouse.intake.collect.ImapSecret;
import dev.tlsrpt.warehouse.intake.collect.MailboxCollector;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tlsrpt collect --imap imap[s]://USER@HOST[:PORT]/FOLDER --archive URI [--password-env
 * NAME] [--password-file FILE] [--oauth2-token-file FILE] [--done-folder FOLDER] [--since
 * YYYY-MM-DD] [--max-report-bytes N]}: the mailbox's TLS-RPT messages into the archive. The secret
 * comes from the environment ({@code TLSRPT_IMAP_PASSWORD} by default) or a file, never from here.
 */
final class CollectCommand {
  private CollectCommand() {}

  static int run(List<String> argv, PrintStream out) {
    return run(argv, out, System.getenv());
  }

  static int run(List<String> argv, PrintStream out, Map<String, String> env) {
    Args args =
        Args.parse(
            argv,
            Set.of(
                "imap",
                "archive",
                "password-env",
                "password-file",
                "oauth2-token-file",
                "done-folder",
                "since",
                "max-report-bytes"),
            Set.of());
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    ImapAddress mailbox;
    try {
      mailbox = ImapAddress.parse(args.required("imap"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--imap " + e.getMessage());
    }
    String archive = args.required("archive");
    String done = args.get("done-folder", null);
    if (done != null && done.equals(mailbox.folder())) {
      throw new UsageException("--done-folder must differ from the folder collected");
    }
    long maxReport = args.bytes("max-report-bytes", ReaderLimits.DEFAULTS.maxReportBytes());
    ReaderLimits limits;
    try {
      limits = ReaderLimits.DEFAULTS.withMaxReportBytes(maxReport);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--max-report-bytes: " + e.getMessage());
    }
    ImapSecret secret =
        ImapSecret.resolve(
            args.get("password-env", null),
            args.get("password-file", null),
            args.get("oauth2-token-file", null),
            env);
    CollectConfig config =
        new CollectConfig(
            mailbox,
            secret,
            archive,
            done,
            since(args.get("since", null)),
            limits.maxRawBytes(),
            args.conf());
    CollectCounts counts = new MailboxCollector(config, out).run();
    out.println(counts.line());
    if (counts.errors() > 0) {
      throw WarehouseException.collectIncomplete(counts.errors(), counts.line());
    }
    return 0;
  }

  private static LocalDate since(String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException("--since takes YYYY-MM-DD, got '" + value + "'");
    }
  }
}
