package dev.tlsrpt.warehouse.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Dispatches the sub-commands and turns failures into one clear message and an exit status. */
public final class Cli {
  static final String USAGE =
      String.join(
          "\n",
          "usage: tlsrpt COMMAND [OPTIONS]",
          "  ingest --input URI --warehouse URI [--reprocess] [--max-report-bytes N]",
          "                                       read the raw archive into the Parquet warehouse",
          "         [--recent-days N|all [--today YYYY-MM-DD]]  with an input like",
          "                                       s3a://b/{yyyy}/{MM}/{dd}/: list the last N days' folders",
          "  report --warehouse URI --month YYYY-MM --output DIR [--domain D ...] [--per-domain]",
          "         [--baseline-months N]         monthly workbook, issues.md and issues.json",
          "  alert --warehouse URI [--today YYYY-MM-DD] [--days N] [--webhook URL]...",
          "        [--slack-webhook URL]... [--smtp smtp[s]://HOST:PORT --mail-from ADDR",
          "        --mail-to ADDR...] [--dry-run]  send new, worse and resolved issues of the last",
          "                                       days once (docs/alerts.md)",
          "  sql --warehouse URI \"QUERY\"          run Spark SQL on the tables, print CSV",
          "      [--file query.sql] [--format csv|parquet|json --out PATH]",
          "  read PATH...                         read raw files without Spark and print them",
          "  generate --reports N --domains D --days K --output DIR [--seed S]",
          "           [--start-date YYYY-MM-DD]   write a realistic test archive and DIR.truth.json",
          "  collect --imap imap[s]://USER@HOST[:PORT]/FOLDER --archive URI [--done-folder F]",
          "          [--password-env NAME | --password-file FILE | --oauth2-token-file FILE]",
          "          [--since YYYY-MM-DD] [--max-report-bytes N]",
          "                                       copy a mailbox's TLS-RPT messages to the archive",
          "  receive --listen HOST:PORT --archive URI [--tls-keystore FILE] [--max-bytes N]",
          "          [--max-concurrent N] [--read-timeout S] [--access-log FILE]",
          "                                       the RFC 8460 HTTPS endpoint: POSTed reports to",
          "                                       the archive, until SIGTERM (docs/intake.md)",
          "common: --conf key=value               Spark/Hadoop settings (e.g. spark.hadoop.fs.s3a.*)",
          "        --config FILE                  options and spark.* settings as key = value lines;",
          "                                       the command line wins");

  private Cli() {}

  /** Runs a command; returns the process exit status (0 ok, 2 usage error, 1 failed). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "ingest" -> IngestCommand.run(rest, out);
        case "report" -> ReportCommand.run(rest, out);
        case "alert" -> AlertCommand.run(rest, out);
        case "sql" -> SqlCommand.run(rest, out, err);
        case "read" -> ReadCommand.run(rest, out);
        case "generate" -> GenerateCommand.run(rest, out);
        case "collect" -> CollectCommand.run(rest, out);
        case "receive" -> ReceiveCommand.run(rest, out, err);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      };
    } catch (UsageException e) {
      err.println("tlsrpt: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (Exception e) {
      err.println("tlsrpt: " + args[0] + " failed: " + e.getMessage());
      return 1;
    } catch (Error e) {
      // an Error (Hadoop's FSError on a full disk, an OutOfMemoryError) still ends with the line
      err.println("tlsrpt: " + args[0] + " failed: " + e);
      return 1;
    }
  }
}
