package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for integration tests: a master and workers started as
 * child JVMs from Spark's own classes on the test classpath (no Spark installation).
 *
 * <p>What a worker needs without a Spark installation: it starts each executor through Spark's
 * launcher, which builds the executor's classpath from {@code $SPARK_HOME/jars} and fails with
 * "Cannot find any build directories" unless it knows the Scala version. So each worker gets {@code
 * SPARK_HOME} pointing at a folder with an empty {@code jars/}, {@code SPARK_SCALA_VERSION=2.13},
 * and {@code SPARK_DIST_CLASSPATH} holding Spark's jars (the launcher appends it to the executor
 * classpath). The JVM flags Spark needs on Java 17 are added to the executor command by Spark
 * itself. The job jar reaches the executors through the driver, as on any cluster.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final long START_SECONDS = 120;

  private final Path dir;
  private final String classpath;
  private final List<String> jvmFlags;
  private final List<Process> processes = new ArrayList<>();
  private final int port;

  private StandaloneCluster(Path dir, String classpath, List<String> jvmFlags) throws IOException {
    this.dir = dir;
    this.classpath = classpath;
    this.jvmFlags = jvmFlags;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  /**
   * Starts a master and {@code workers} workers (1 core, 1 GiB each) and waits until registered.
   */
  static StandaloneCluster start(Path dir, String classpath, List<String> jvmFlags, int workers)
      throws Exception {
    StandaloneCluster c = new StandaloneCluster(dir, classpath, jvmFlags);
    try {
      Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
      c.spawn(
          "master",
          Map.of(),
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          String.valueOf(c.port),
          "--webui-port",
          "0");
      for (int i = 1; i <= workers; i++) {
        c.spawn(
            "worker-" + i,
            Map.of(
                "SPARK_HOME",
                sparkHome.getParent().toString(),
                "SPARK_SCALA_VERSION",
                "2.13",
                "SPARK_DIST_CLASSPATH",
                classpath),
            "org.apache.spark.deploy.worker.Worker",
            c.masterUrl(),
            "--cores",
            "1",
            "--memory",
            "1g",
            "--host",
            "127.0.0.1",
            "--webui-port",
            "0",
            "--work-dir",
            Files.createDirectories(dir.resolve("work-" + i)).toString());
      }
      for (int i = 1; i <= workers; i++) {
        c.awaitLog("worker-" + i, "Successfully registered with master");
      }
      return c;
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  Path log(String name) {
    return dir.resolve(name + ".log");
  }

  private void spawn(String name, Map<String, String> env, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log(name).toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    processes.add(pb.start());
  }

  private void awaitLog(String name, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log(name)) && Files.readString(log(name)).contains(line)) {
        return;
      }
      assertThat(processes.stream().allMatch(Process::isAlive))
          .as("cluster processes alive; %s log:%n%s", name, Files.readString(log(name)))
          .isTrue();
      Thread.sleep(500);
    }
    throw new AssertionError(name + " did not log '" + line + "':\n" + Files.readString(log(name)));
  }

  /** Stops every process, workers first, and waits for them. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
