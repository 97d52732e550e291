package dev.tlsrpt.warehouse.testing;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dev.tlsrpt.warehouse.Main} in a child JVM, as {@code scripts/tlsrpt} does: the test
 * JVM's classpath, Spark's JVM flags (failsafe passes them as {@code tlsrpt.spark.jvm.flags}), a 1
 * GiB heap, loopback only, no UI. Output (stdout and stderr) goes to a log file per run.
 */
public final class ChildCli {
  private static final long TIMEOUT_MINUTES = 5;

  private final Path logDir;
  private int runs;

  public ChildCli(Path logDir) {
    this.logDir = logDir;
  }

  /** A started child: its process and the file its output goes to. */
  public record Child(Process process, Path log) {
    /** Waits for the end; returns the exit status (killing the child after the timeout). */
    public int await() throws InterruptedException {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        kill();
        throw new AssertionError("child did not finish in " + TIMEOUT_MINUTES + " minutes: " + log);
      }
      return process.exitValue();
    }

    /** SIGKILL on Linux; waits until the process is gone (and reaped). */
    public void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() throws IOException {
      return Files.readString(log);
    }
  }

  /** The result of a child run to its end. */
  public record Result(int status, String output) {}

  /** Starts {@code Main} with these arguments (plus {@code --conf spark.ui.enabled=false}). */
  public synchronized Child start(String... args) throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(String.format("run-%02d-%s.log", ++runs, args[0]));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("tlsrpt.spark.jvm.flags", "").trim();
    if (!flags.isEmpty()) {
      command.addAll(Arrays.asList(flags.split("\\s+")));
    }
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC"));
    URL logConfig = ChildCli.class.getResource("/log4j2-test.properties");
    if (logConfig != null) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add("dev.tlsrpt.warehouse.Main");
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("--conf", "spark.ui.enabled=false"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return new Child(pb.start(), log);
  }

  /** Runs {@code Main} to its end. */
  public Result run(String... args) throws IOException, InterruptedException {
    Child child = start(args);
    int status = child.await();
    return new Result(status, child.output());
  }
}
