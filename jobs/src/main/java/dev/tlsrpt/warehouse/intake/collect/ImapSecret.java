package dev.tlsrpt.warehouse.intake.collect;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What logs in to the mailbox: a password or an OAuth 2 access token (XOAUTH2, for Gmail and
 * Microsoft 365), read from the environment or a file, never from the command line. {@link
 * #toString} never shows the value, so a logged config cannot leak it.
 */
public final class ImapSecret {
  /** The environment variable a password comes from when no other source is given. */
  public static final String DEFAULT_ENV = "TLSRPT_IMAP_PASSWORD";

  private final String value;
  private final boolean oauth2;
  private final String source;

  private ImapSecret(String value, boolean oauth2, String source) {
    this.value = value;
    this.oauth2 = oauth2;
    this.source = source;
  }

  /**
   * The secret from one of: {@code oauth2TokenFile}, {@code passwordFile}, the variable {@code
   * passwordEnv} (default {@link #DEFAULT_ENV}). Giving more than one is an error.
   */
  public static ImapSecret resolve(
      String passwordEnv, String passwordFile, String oauth2TokenFile, Map<String, String> env) {
    int given = (passwordEnv != null ? 1 : 0) + (passwordFile != null ? 1 : 0);
    given += oauth2TokenFile != null ? 1 : 0;
    if (given > 1) {
      throw WarehouseException.imapSecretAmbiguous();
    }
    if (oauth2TokenFile != null) {
      return new ImapSecret(readFile(oauth2TokenFile), true, "the file " + oauth2TokenFile);
    }
    if (passwordFile != null) {
      return new ImapSecret(readFile(passwordFile), false, "the file " + passwordFile);
    }
    String name = passwordEnv != null ? passwordEnv : DEFAULT_ENV;
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      throw WarehouseException.imapSecretMissing(name);
    }
    return new ImapSecret(v, false, "the environment variable " + name);
  }

  /** The file's content without the line break an editor adds at the end. */
  private static String readFile(String file) {
    String v;
    try {
      v = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw WarehouseException.imapSecretUnreadable(file, e);
    }
    v = v.strip();
    if (v.isEmpty()) {
      throw WarehouseException.imapSecretUnreadable(file, new IOException("the file is empty"));
    }
    return v;
  }

  String value() {
    return value;
  }

  /** An OAuth 2 access token, sent with XOAUTH2 (otherwise a password, sent with LOGIN/PLAIN). */
  public boolean isOauth2() {
    return oauth2;
  }

  /** Where it came from, for messages: never the value. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return (oauth2 ? "OAuth 2 token" : "password") + " from " + source;
  }
}
