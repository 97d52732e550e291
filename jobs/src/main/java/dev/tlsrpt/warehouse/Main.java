package dev.tlsrpt.warehouse;

import dev.tlsrpt.warehouse.cli.Cli;

/**
 * Entry point of the job jar: {@code spark-submit --class dev.tlsrpt.warehouse.Main jar CMD ...}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int status = Cli.run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }
}
