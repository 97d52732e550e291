package dev.tlsrpt.warehouse.error;

import org.apache.hadoop.fs.Path;

/**
 * Every error a user of the jobs can meet, built in one place. Each message says the problem, its
 * likely cause and the fix, so the one line the CLI prints is enough to act on.
 */
public final class WarehouseException extends RuntimeException {
  private WarehouseException(String problem, String cause, String fix, Throwable source) {
    super(problem + " Cause: " + cause + " Fix: " + fix, source);
  }

  public static WarehouseException inputUnreadable(String input, Throwable e) {
    return new WarehouseException(
        "Cannot list the input " + input + ": " + e.getMessage() + ".",
        "the path does not exist, is not readable, or its file system is not configured (for"
            + " s3a://, the endpoint and credentials).",
        "check the --input URI; for S3 pass the fs.s3a.* settings (see README, Object storage).",
        e);
  }

  /** A templated input ({@code {yyyy}/{MM}/{dd}} folders) that cannot be listed as given. */
  public static WarehouseException datedInput(String input, String cause, String fix) {
    return new WarehouseException(
        "Cannot list the dated folders of the input " + input + ".", cause + ".", fix + ".", null);
  }

  public static WarehouseException warehouseUnwritable(String warehouse, Throwable e) {
    return new WarehouseException(
        "Cannot write to the warehouse " + warehouse + ": " + e.getMessage() + ".",
        "the folder or bucket is not writable or does not exist.",
        "check --warehouse and its permissions; the previous tables are unchanged.",
        e);
  }

  public static WarehouseException locked(String lockPath, String holder) {
    return new WarehouseException(
        "Another run holds the warehouse lock " + lockPath + " (" + holder + ").",
        "an ingest and a report write the warehouse, and only one may write it at a time.",
        "wait for that run to finish and start this one again. If no run is going on (it was killed"
            + " on another host), delete "
            + lockPath
            + " and run again: the next run completes the killed run's work.",
        null);
  }

  public static WarehouseException lostStagedFile(Path staged, Path manifest) {
    return new WarehouseException(
        "A staged file of an interrupted run is missing: " + staged + ".",
        "the staging folder was deleted by hand while its manifest " + manifest + " was pending.",
        "delete " + manifest + " and run the ingest with --reprocess to rebuild the tables.",
        null);
  }

  public static WarehouseException outputUnwritable(String output, Throwable e) {
    return new WarehouseException(
        "Cannot write the report to " + output + ": " + e.getMessage() + ".",
        "the folder is not writable, or a file of that name is open or locked.",
        "pass a writable --output folder (it is created when missing).",
        e);
  }

  /** The workbook's rows could not be streamed to a temporary file. */
  public static WarehouseException workbookTempUnwritable(Throwable e) {
    return new WarehouseException(
        "Cannot stream the workbook's rows to a temporary file in "
            + System.getProperty("java.io.tmpdir")
            + ": "
            + e.getMessage()
            + ".",
        "the workbook is written row by row through temporary files, and that folder is full or"
            + " not writable.",
        "free space there, or give Java another temporary folder: -Djava.io.tmpdir=DIR in"
            + " TLSRPT_JAVA_OPTS (scripts/tlsrpt) or spark.driver.extraJavaOptions (spark-submit).",
        e);
  }

  public static WarehouseException badMonth(String month) {
    return new WarehouseException(
        "'" + month + "' is not a month.",
        "--month takes the form YYYY-MM.",
        "pass for example --month 2026-10.",
        null);
  }

  public static WarehouseException noWarehouse(String warehouse) {
    return new WarehouseException(
        "No warehouse tables found under " + warehouse + ".",
        "the ingest has not run on this warehouse yet, or the path is wrong.",
        "run `tlsrpt ingest --input ARCHIVE --warehouse " + warehouse + "` first.",
        null);
  }

  public static WarehouseException olderWarehouse(String warehouse, String missingColumn) {
    return new WarehouseException(
        "The warehouse "
            + warehouse
            + " was written by an older version: its fct_policy_results"
            + " has no column "
            + missingColumn
            + ".",
        "the report counts the policies the ingest marked, which older ingests did not do.",
        "rebuild the tables once from the archive: `tlsrpt ingest --input ARCHIVE --warehouse "
            + warehouse
            + " --reprocess`.",
        null);
  }

  public static WarehouseException configUnreadable(String file, Throwable e) {
    return new WarehouseException(
        "Cannot read the configuration file " + file + ": " + e.getMessage() + ".",
        "the file does not exist, is not readable, or is not a key = value properties file.",
        "check the --config path; see scripts/tlsrpt.example.conf for the format.",
        e);
  }

  public static WarehouseException configUnknownKey(
      String file, String key, java.util.Collection<String> known) {
    return new WarehouseException(
        "Unknown key '" + key + "' in the configuration file " + file + ".",
        "a typo, or an option this version does not have (Spark and Hadoop settings start with"
            + " spark.).",
        "use one of " + String.join(", ", known) + ", or a spark.* / spark.hadoop.* setting.",
        null);
  }

  public static WarehouseException configBadValue(
      String file, String key, String value, String expected) {
    return new WarehouseException(
        "Bad value '" + value + "' for " + key + " in the configuration file " + file + ".",
        key + " takes " + expected + ".",
        "write " + key + " = " + expected.split(" ")[0] + " (or remove the line).",
        null);
  }

  public static WarehouseException badCompressionCodec(String key, String value) {
    return new WarehouseException(
        "Unknown Parquet compression codec '" + value + "' in " + key + ".",
        "the ingest writes its tables with the codec Spark's setting names, and there is none of"
            + " that name.",
        "set " + key + " to zstd (the default), snappy, gzip, lz4_raw or none, or leave it unset.",
        null);
  }

  public static WarehouseException queryFileUnreadable(String file, Throwable e) {
    return new WarehouseException(
        "Cannot read the query file " + file + ": " + e.getMessage() + ".",
        "the file does not exist or is not readable.",
        "check the --file path (a local file holding one Spark SQL query).",
        e);
  }

  /** {@code sql} was given a statement that writes, creates, drops, caches or sets something. */
  public static WarehouseException sqlOnlyReads(String statement) {
    return new WarehouseException(
        "`sql` only reads, and this statement (" + statement + ") would change something.",
        "sql runs queries on the warehouse's tables (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN); it"
            + " never writes, creates, drops, caches or sets anything, so the tables stay as the"
            + " ingest and report wrote them.",
        "to keep a result, run the SELECT with --out PATH (and --format csv|parquet|json); the"
            + " tables are written by `tlsrpt ingest` and `tlsrpt report` only.",
        null);
  }

  /** The {@code sql} query is not one Spark SQL statement. */
  public static WarehouseException sqlUnparsable(Throwable e) {
    return new WarehouseException(
        "The query is not one Spark SQL statement: " + e.getMessage(),
        "a syntax error, more than one statement, or a SQL script (sql runs one query).",
        "fix the query where Spark points; the README lists the tables and their columns.",
        e);
  }

  /** A query names a table the report writes, and no report has run on this warehouse yet. */
  public static WarehouseException noReportYet(String table, String warehouse) {
    return new WarehouseException(
        "The table " + table + " does not exist yet in " + warehouse + ".",
        "the agg_ tables are written by `tlsrpt report`, and no report has run on this"
            + " warehouse.",
        "run `tlsrpt report --warehouse "
            + warehouse
            + " --month YYYY-MM --output DIR` first, or query fct_policy_results and"
            + " fct_failure_details, which the ingest writes.",
        null);
  }

  /**
   * The warehouse and the ingest's input overlap: {@code overlap} is SAME, WAREHOUSE_INSIDE_INPUT
   * or INPUT_INSIDE_WAREHOUSE.
   */
  public static WarehouseException warehouseOverlapsInput(
      String input, String warehouse, String overlap) {
    String problem =
        switch (overlap) {
          case "SAME" ->
              "The warehouse " + warehouse + " and the input " + input + " are the same folder.";
          case "INPUT_INSIDE_WAREHOUSE" ->
              "The input " + input + " is inside the warehouse " + warehouse + ".";
          default -> "The warehouse " + warehouse + " is inside the input " + input + ".";
        };
    return new WarehouseException(
        problem,
        "the ingest reads every object under --input, so it would read the warehouse's own files"
            + " (its lock, staging and Parquet files, its _quarantine/ copies) as reports, and the"
            + " ledger and _quarantine/ would grow on every run.",
        "keep them apart: give --warehouse a folder outside --input (a sibling folder, another"
            + " prefix or another bucket), and keep the raw archive outside the warehouse; nothing"
            + " was written.",
        null);
  }

  /** An S3A call got no answer within its timeouts and retries. */
  public static WarehouseException objectStoreStuck(
      String endpoint, String detail, String bounds, Throwable e) {
    return new WarehouseException(
        "The object store at " + endpoint + " did not answer in time (" + detail + ").",
        "it accepted the connection or the request but sent no reply within the S3A timeouts and"
            + " retries ("
            + bounds
            + "): the store is down or overloaded, or the endpoint, its port or a proxy between is"
            + " wrong.",
        "check that "
            + endpoint
            + " is the store's address and that it answers; for a store that is only slow, raise"
            + " the bounds with --conf spark.hadoop.fs.s3a.connection.request.timeout=60s (and"
            + " fs.s3a.connection.timeout, fs.s3a.retry.limit) or in the config file. The"
            + " warehouse lock was released and nothing was published.",
        e);
  }

  /** A write failed because the device is full. */
  public static WarehouseException noSpace(String path, Throwable e) {
    return new WarehouseException(
        "No space left on the device holding " + path + ".",
        "the disk or volume is full (or the user's quota is spent), so a write failed part way.",
        "free space there (or move the folder to a larger volume) and run the command again: a run"
            + " publishes its tables only once all are written, so the tables are as before and"
            + " the next run does the work again.",
        e);
  }

  public static WarehouseException alertsUndelivered(
      int undelivered, java.util.Map<String, String> channels) {
    return new WarehouseException(
        undelivered + " alert(s) were not delivered.",
        "these channels stayed down after their retries: " + channels + ".",
        "check the channels; the next `tlsrpt alert` run sends what was not delivered (it is not"
            + " recorded as sent).",
        null);
  }

  public static WarehouseException alertSecretMissing(String variable) {
    return new WarehouseException(
        "A --webhook is set but the signing secret is missing.",
        "the environment variable " + variable + " is empty or not set.",
        "export "
            + variable
            + "=<a long random string> and give the receiver the same secret to check the"
            + " X-Tlsrpt-Signature header.",
        null);
  }

  public static WarehouseException alertEnvMissing(String option, String variable) {
    return new WarehouseException(
        option + " names the environment variable " + variable + ", which is not set.",
        "the value env:" + variable + " is read from the environment.",
        "export " + variable + " before the run, or give the value itself.",
        null);
  }

  public static WarehouseException badAlertOption(String option, String value, String expected) {
    return new WarehouseException(
        "'" + value + "' is not a valid value for " + option + ".",
        option + " takes " + expected + ".",
        "pass for example " + option + " " + exampleOf(option) + ".",
        null);
  }

  private static String exampleOf(String option) {
    return switch (option) {
      case "--today" -> "2026-12-06";
      case "--smtp" -> "smtp://mail.example.org:587";
      case "--webhook", "--slack-webhook" -> "https://hooks.example.org/T000/B000";
      default -> "3";
    };
  }

  /** A report read files that an ingest replaced while it ran. */
  public static WarehouseException reportInputReplaced(Throwable e) {
    return new WarehouseException(
        "An ingest replaced the files under this report while it ran.",
        "an ingest published new tables (e.g. with --reprocess) while the report read them.",
        "run it again: the next report reads the new tables whole.",
        e);
  }

  /** The report cannot write its agg_ tables (or its output) at {@code path}. */
  public static WarehouseException reportUnwritable(String path, String detail, Throwable e) {
    return new WarehouseException(
        "Cannot write " + path + ": " + detail + ".",
        "the report takes the warehouse's lock and stores the month's agg_ tables there before it"
            + " writes the workbook (so that both agree), and that location is read-only here (a"
            + " read-only mount or snapshot, or no write permission).",
        "run the report where the warehouse can be written (as its owner, on the read-write"
            + " mount); to only look at the tables, use `tlsrpt sql`. No workbook was written and"
            + " the tables are unchanged.",
        e);
  }

  // --- intake: collect (IMAP) and receive (HTTPS) ---

  /** The archive that collect or receive writes to cannot be reached or written. */
  public static WarehouseException archiveUnwritable(String archive, Throwable e) {
    return new WarehouseException(
        "Cannot write to the archive " + archive + ": " + e.getMessage() + ".",
        "the folder or bucket does not exist or is not writable, or its file system is not"
            + " configured (for s3a://, the endpoint and credentials).",
        "check --archive and its permissions; for S3 pass the fs.s3a.* settings as --conf"
            + " spark.hadoop.fs.s3a.KEY=VALUE. Nothing is marked done in the mailbox or accepted over"
            + " HTTPS before it is written, so running again after the fix loses nothing.",
        e);
  }

  public static WarehouseException imapSecretAmbiguous() {
    return new WarehouseException(
        "More than one IMAP secret was given.",
        "--password-env, --password-file and --oauth2-token-file each name where the secret comes"
            + " from, and only one may.",
        "keep one of them (a password from TLSRPT_IMAP_PASSWORD needs none).",
        null);
  }

  public static WarehouseException imapSecretMissing(String variable) {
    return new WarehouseException(
        "No IMAP password: the environment variable " + variable + " is not set.",
        "collect never takes a password on the command line; it reads it from the environment"
            + " or a file.",
        "export "
            + variable
            + "=... before running (or give --password-file FILE, or --oauth2-token-file FILE"
            + " for Gmail and Microsoft 365).",
        null);
  }

  public static WarehouseException imapSecretUnreadable(String file, Throwable e) {
    return new WarehouseException(
        "Cannot read the IMAP secret from " + file + ": " + e.getMessage() + ".",
        "the file does not exist, is not readable by this user, or is empty.",
        "write the password or access token alone in the file (chmod 600) and check the path.",
        e);
  }

  public static WarehouseException imapLoginRefused(String server, String secret, Throwable e) {
    return new WarehouseException(
        "The IMAP server " + server + " refused the login (" + rootMessage(e) + ").",
        "the user or the "
            + secret
            + " is wrong, or (Gmail, Microsoft 365) an access token"
            + " expired or lacks the IMAP scope.",
        "check the user in --imap and the secret; for XOAUTH2 get a fresh token (docs/intake.md)."
            + " Nothing was collected.",
        e);
  }

  public static WarehouseException imapUnreachable(String server, Throwable e) {
    return new WarehouseException(
        "Cannot reach the IMAP server " + server + ": " + rootMessage(e) + ".",
        "the host or port is wrong, the server is down or a firewall blocks it, or its TLS"
            + " certificate does not match the host name or is not trusted by this Java runtime.",
        "check --imap (imaps:// uses port 993 unless one is given; imap:// 143 with STARTTLS);"
            + " for a private CA add it to a trust store (-Djavax.net.ssl.trustStore=... in"
            + " TLSRPT_JAVA_OPTS). Nothing was collected.",
        e);
  }

  public static WarehouseException imapFolderMissing(String server, String folder, String known) {
    return new WarehouseException(
        "The IMAP folder '" + folder + "' does not exist on " + server + ".",
        "the folder name is wrong (names are case-sensitive apart from INBOX, and nested ones"
            + " use the server's separator), or the done folder was not created.",
        "use one of the folders there are ("
            + (known.isEmpty() ? "none listed" : known)
            + ") or create it in the mail client. Nothing was collected.",
        null);
  }

  public static WarehouseException imapConnectionLost(
      String server, long handled, long total, String counts, Throwable e) {
    return new WarehouseException(
        "The connection to "
            + server
            + " was lost after "
            + handled
            + " of "
            + total
            + " messages ("
            + counts
            + "): "
            + rootMessage(e)
            + ".",
        "the server closed the connection or the network dropped it.",
        "run collect again: what was archived stays archived and is not written twice, and"
            + " messages are moved to the done folder only once archived.",
        e);
  }

  public static WarehouseException collectIncomplete(long errors, String counts) {
    return new WarehouseException(
        errors + " message(s) could not be collected (" + counts + ").",
        "the server could not return them (see the lines above, one per message).",
        "they stay in the folder; the next run tries them again.",
        null);
  }

  /** {@code receive} cannot listen where it was told to. */
  public static WarehouseException receiveCannotListen(String address, Throwable e) {
    return new WarehouseException(
        "Cannot listen on " + address + ": " + rootMessage(e) + ".",
        "another process already uses the port, the address is not one of this host's, or a"
            + " port below 1024 needs privileges this user lacks.",
        "pick a free port in --listen HOST:PORT (behind a reverse proxy, e.g. 127.0.0.1:8460), or"
            + " stop the other process. Nothing was received.",
        e);
  }

  /** {@code receive --access-log FILE} cannot be opened for appending. */
  public static WarehouseException accessLogUnwritable(String file, Throwable e) {
    return new WarehouseException(
        "Cannot open the access log " + file + ": " + rootMessage(e) + ".",
        "its folder does not exist or this user may not write there.",
        "create the folder or pick a writable file (or leave --access-log out: the lines then go"
            + " to stderr, the journal under systemd). Nothing was received.",
        e);
  }

  /** Both sources of the keystore password were given. */
  public static WarehouseException tlsPasswordAmbiguous(String variable) {
    return new WarehouseException(
        "The keystore password is given twice: in "
            + variable
            + " and by --tls-keystore-password-file.",
        "receive reads the password from exactly one place.",
        "unset " + variable + " or drop --tls-keystore-password-file.",
        null);
  }

  public static WarehouseException tlsPasswordMissing(String variable) {
    return new WarehouseException(
        "No password for the TLS keystore: the environment variable " + variable + " is not set.",
        "receive never takes a password on the command line; it reads it from the environment or"
            + " a file.",
        "export "
            + variable
            + "=... before running, or give --tls-keystore-password-file FILE (chmod 600).",
        null);
  }

  /** The keystore or its password file cannot be read, or the password does not open it. */
  public static WarehouseException tlsKeystoreUnusable(String file, Throwable e) {
    return new WarehouseException(
        "Cannot use the TLS keystore " + file + ": " + rootMessage(e) + ".",
        "the file (or the password file) does not exist or is not readable, it is not a PKCS12"
            + " keystore holding a private key and its certificate chain, or the password is"
            + " wrong.",
        "create one with `keytool -genkeypair -storetype PKCS12` or `openssl pkcs12 -export -in"
            + " fullchain.pem -inkey privkey.pem -out receive.p12`, and give its password in"
            + " TLSRPT_TLS_KEYSTORE_PASSWORD or --tls-keystore-password-file. Nothing was received.",
        e);
  }

  /** The innermost message of a chain: the one that names what actually failed. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return message;
  }

  /** {@code sql --out} names a location inside the warehouse. */
  public static WarehouseException sqlOutInsideWarehouse(String out, String warehouse) {
    return new WarehouseException(
        "The result path " + out + " is inside the warehouse " + warehouse + ".",
        "`sql` only reads: a result written there would change the warehouse (and be a stray"
            + " folder beside its tables).",
        "pass an --out path outside the warehouse.",
        null);
  }
}
