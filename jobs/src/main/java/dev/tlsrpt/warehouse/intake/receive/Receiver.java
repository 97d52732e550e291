package dev.tlsrpt.warehouse.intake.receive;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.intake.ArchiveStore;
import dev.tlsrpt.warehouse.intake.HadoopSettings;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.ReportReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code receive} service: the RFC 8460 HTTPS reporting endpoint, writing accepted reports to
 * the archive the ingest reads.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} ({@code HttpServer}, {@code HttpsServer}):
 * it ships with every Java runtime and is patched with it, so no dependency comes in; its surface
 * is small; and one POST route needs no routing, sessions or async I/O. What it lacks is added
 * here: a bounded thread pool (so the number of connections waiting is bounded too), a semaphore
 * capping the requests handled at once (503 with {@code Retry-After} past it), a deadline on
 * reading each body, and a stop that lets the requests in flight finish.
 */
public final class Receiver implements AutoCloseable {
  /** Threads beyond the cap, so requests over it still get a quick 503 instead of a wait. */
  private static final int SPARE_THREADS = 4;

  /** Connections with a request ready that wait for a thread, per slot; more are closed. */
  private static final int QUEUE_PER_SLOT = 64;

  private final HttpServer server;
  private final ReportEndpoint endpoint;
  private final InFlight inFlight;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ReceiveConfig config;
  private final AccessLog log;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);

  private Receiver(
      HttpServer server,
      ReportEndpoint endpoint,
      InFlight inFlight,
      ThreadPoolExecutor workers,
      ScheduledThreadPoolExecutor scheduler,
      ReceiveConfig config,
      AccessLog log) {
    this.server = server;
    this.endpoint = endpoint;
    this.inFlight = inFlight;
    this.workers = workers;
    this.scheduler = scheduler;
    this.config = config;
    this.log = log;
  }

  /**
   * Opens the archive, binds the address and starts serving; {@code accessLog} gets one line per
   * request.
   */
  public static Receiver start(ReceiveConfig config, PrintStream accessLog) {
    ArchiveStore archive =
        ArchiveStore.open(config.archive(), HadoopSettings.from(config.hadoopConf()));
    AccessLog log = new AccessLog(accessLog);
    ReportReader reader =
        new ReportReader(ReaderLimits.DEFAULTS.withMaxReportBytes(config.maxBytes()));
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, threads("receive-deadline"));
    scheduler.setRemoveOnCancelPolicy(true);
    int threads = config.maxConcurrent() + SPARE_THREADS;
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(config.maxConcurrent() * QUEUE_PER_SLOT),
            threads("receive-worker"),
            (task, pool) -> {
              log.note("refused a connection: " + pool.getQueue().size() + " requests waiting");
              throw new RejectedExecutionException("receive: too many requests waiting");
            });
    InFlight inFlight = new InFlight();
    ReportEndpoint endpoint =
        new ReportEndpoint(
            new ReportIntake(reader, archive, log), log, scheduler, inFlight, config);
    HttpServer server;
    String address = config.host() + ":" + config.port();
    try {
      InetSocketAddress bind = new InetSocketAddress(config.host(), config.port());
      if (bind.isUnresolved()) {
        throw new IOException("the host name " + config.host() + " does not resolve");
      }
      if (config.tls() != null) {
        HttpsServer https = HttpsServer.create(bind, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(config.tls()));
        server = https;
      } else {
        server = HttpServer.create(bind, 0);
      }
    } catch (IOException | RuntimeException e) {
      workers.shutdownNow();
      scheduler.shutdownNow();
      throw WarehouseException.receiveCannotListen(address, e);
    }
    server.createContext("/", endpoint);
    server.setExecutor(workers);
    server.start();
    return new Receiver(server, endpoint, inFlight, workers, scheduler, config, log);
  }

  /** The address bound (with the real port when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code http://HOST:PORT/} or {@code https://...}: where reporters post. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    return (config.tls() != null ? "https" : "http") + "://" + host + ":" + a.getPort() + "/";
  }

  /**
   * Stops: no new connection is accepted and new requests get 503; requests in flight get up to the
   * grace period to finish; then every connection is closed. Returns when stopped; calling it again
   * waits for the first call.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      awaitStop();
      return;
    }
    endpoint.stopTaking();
    // HttpServer.stop(n) closes the listener at once but then waits the whole n seconds when no
    // exchange is going on (JDK 17); so it closes the listener here, and the wait is our own
    int graceSeconds = (int) Math.max(1, config.grace().toSeconds());
    Thread closer = new Thread(() -> server.stop(graceSeconds), "receive-stop-listening");
    closer.setDaemon(true);
    closer.start();
    int left;
    try {
      left = inFlight.awaitNone(config.grace());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      left = -1;
    }
    server.stop(0);
    workers.shutdownNow();
    scheduler.shutdownNow();
    log.note(
        left == 0
            ? "stopped: every request in flight was answered"
            : "stopped after the grace period of "
                + config.grace().toSeconds()
                + "s with requests still in flight");
    done.countDown();
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setName(name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
