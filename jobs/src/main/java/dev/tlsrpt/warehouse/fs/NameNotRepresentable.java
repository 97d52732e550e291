package dev.tlsrpt.warehouse.fs;

import java.io.IOException;

/**
 * An object whose name this system cannot turn into a path to open (Hadoop's {@code Path} or the
 * platform refused it): the object's problem, quarantined as {@code invalid_name}, never the run's.
 */
public final class NameNotRepresentable extends IOException {
  private static final long serialVersionUID = 1L;

  public NameNotRepresentable(String uri, RuntimeException cause) {
    super("its name cannot be represented on this system (" + cause.getMessage() + ")", cause);
  }
}
