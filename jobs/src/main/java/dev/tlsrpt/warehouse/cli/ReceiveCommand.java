package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.intake.receive.ReceiveConfig;
import dev.tlsrpt.warehouse.intake.receive.Receiver;
import dev.tlsrpt.warehouse.intake.receive.TlsKeystore;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * {@code tlsrpt receive --listen HOST:PORT --archive URI [--tls-keystore FILE
 * [--tls-keystore-password-file FILE]] [--max-bytes N] [--max-concurrent N] [--read-timeout S]
 * [--access-log FILE]}: the RFC 8460 HTTPS reporting endpoint, run until SIGTERM. The keystore
 * password comes from {@code TLSRPT_TLS_KEYSTORE_PASSWORD} or a file, never from here.
 */
final class ReceiveCommand {
  private ReceiveCommand() {}

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    return run(argv, out, err, System.getenv());
  }

  static int run(List<String> argv, PrintStream out, PrintStream err, Map<String, String> env) {
    Args args = parse(argv);
    ReceiveConfig config = config(args, env);
    String logFile = args.get("access-log", null);
    PrintStream accessLog = logFile == null ? err : open(logFile);
    useRequestTimeouts(config.readTimeout());
    Receiver receiver = Receiver.start(config, accessLog);
    Runtime.getRuntime().addShutdownHook(new Thread(receiver::stop, "receive-shutdown"));
    out.println(
        "receive: listening on "
            + receiver.url()
            + " archive="
            + config.archive()
            + " max_bytes="
            + config.maxBytes()
            + " max_concurrent="
            + config.maxConcurrent());
    out.flush();
    receiver.awaitStop();
    return 0;
  }

  static Args parse(List<String> argv) {
    return Args.parse(
        argv,
        Set.of(
            "listen",
            "archive",
            "tls-keystore",
            "tls-keystore-password-file",
            "max-bytes",
            "max-concurrent",
            "read-timeout",
            "access-log"),
        Set.of());
  }

  /** The service's settings from the command line and config file, checked before it starts. */
  static ReceiveConfig config(Args args, Map<String, String> env) {
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    String listen = args.required("listen");
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageException("--listen takes HOST:PORT, got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = (int) number(args, "listen", listen.substring(colon + 1), 0, 65535);
    String archive = args.required("archive");
    long maxBytes = args.bytes("max-bytes", ReaderLimits.DEFAULTS.maxReportBytes());
    if (maxBytes < 1024 || maxBytes > Integer.MAX_VALUE - 16L) {
      throw new UsageException("--max-bytes must be between 1024 and 2147483631");
    }
    int concurrent =
        (int)
            number(
                args,
                "max-concurrent",
                args.get("max-concurrent", "" + ReceiveConfig.DEFAULT_MAX_CONCURRENT),
                1,
                1024);
    long timeout =
        number(
            args,
            "read-timeout",
            args.get("read-timeout", "" + ReceiveConfig.DEFAULT_READ_TIMEOUT.toSeconds()),
            1,
            3600);
    String keystore = args.get("tls-keystore", null);
    String passwordFile = args.get("tls-keystore-password-file", null);
    if (keystore == null && passwordFile != null) {
      throw new UsageException("--tls-keystore-password-file needs --tls-keystore");
    }
    SSLContext tls =
        keystore == null ? null : TlsKeystore.load(Path.of(keystore), passwordFile, env);
    return new ReceiveConfig(
        host,
        port,
        archive,
        tls,
        maxBytes,
        concurrent,
        Duration.ofSeconds(timeout),
        ReceiveConfig.DEFAULT_PERMIT_WAIT,
        ReceiveConfig.DEFAULT_GRACE,
        args.conf());
  }

  private static long number(Args args, String option, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " takes a number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new UsageException("--" + option + " must be between " + min + " and " + max);
    }
    return n;
  }

  /**
   * The JDK server's own limits for the request line and headers, read before the handler runs (the
   * body's deadline is {@code Receiver}'s): a client trickling its headers is cut off too, and an
   * idle new connection is closed. Set unless given with -D; read once per JVM, when the first
   * server is made.
   */
  private static void useRequestTimeouts(Duration timeout) {
    String seconds = Long.toString(timeout.toSeconds());
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", seconds);
    }
  }

  private static PrintStream open(String file) {
    try {
      return new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw WarehouseException.accessLogUnwritable(file, e);
    }
  }
}
