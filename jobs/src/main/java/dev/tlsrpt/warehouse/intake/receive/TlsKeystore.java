package dev.tlsrpt.warehouse.intake.receive;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS context of {@code receive --tls-keystore FILE}: a PKCS12 keystore holding the server's
 * private key and certificate chain, opened with a password read from the environment ({@link
 * #PASSWORD_ENV}) or a file, never from the command line. The password is kept no longer than it
 * takes to open the keystore.
 */
public final class TlsKeystore {
  /** The environment variable the keystore password comes from. */
  public static final String PASSWORD_ENV = "TLSRPT_TLS_KEYSTORE_PASSWORD";

  private TlsKeystore() {}

  /**
   * Opens {@code keystore} with the password of {@code passwordFile} or, when that is null, of
   * {@link #PASSWORD_ENV} in {@code env}.
   */
  public static SSLContext load(Path keystore, String passwordFile, Map<String, String> env) {
    String fromEnv = env.get(PASSWORD_ENV);
    if (passwordFile != null && fromEnv != null && !fromEnv.isEmpty()) {
      throw WarehouseException.tlsPasswordAmbiguous(PASSWORD_ENV);
    }
    char[] password = passwordFile != null ? readFile(passwordFile) : fromEnvironment(fromEnv);
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      if (keys.getKeyManagers().length == 0 || !hasKey(store)) {
        throw new GeneralSecurityException("the keystore holds no private key");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw WarehouseException.tlsKeystoreUnusable(keystore.toString(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
    for (String alias : java.util.Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return true;
      }
    }
    return false;
  }

  private static char[] fromEnvironment(String value) {
    if (value == null || value.isEmpty()) {
      throw WarehouseException.tlsPasswordMissing(PASSWORD_ENV);
    }
    return value.toCharArray();
  }

  /** The file's content without the line break an editor adds at the end. */
  private static char[] readFile(String file) {
    try {
      String v = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (v.isEmpty()) {
        throw new IOException("the password file " + file + " is empty");
      }
      return v.toCharArray();
    } catch (IOException | RuntimeException e) {
      throw WarehouseException.tlsKeystoreUnusable(file, e);
    }
  }
}
