package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --config FILE} of every command: a {@code key = value} properties file holding what a
 * scheduled run would otherwise pass as options, so a cron line stays short. Keys are the option
 * names without {@code --} ({@code input}, {@code recent-days}, {@code warehouse}, {@code
 * max-report-bytes}, {@code output}, {@code domains} comma-separated, {@code per-domain}, {@code
 * baseline-months}; for {@code alert}: {@code webhook}, {@code slack-webhook}, {@code mail-to}
 * comma-separated, {@code smtp}, {@code smtp-starttls}, {@code mail-from}, {@code alert-days},
 * {@code alert-baseline-days}, {@code alert-retries}, {@code alert-retry-delay-ms}; for collect
 * {@code imap}, {@code archive}, {@code password-env}, {@code password-file}, {@code
 * oauth2-token-file}, {@code done-folder}; for receive {@code listen}, {@code tls-keystore}, {@code
 * tls-keystore-password-file}, {@code max-bytes}, {@code max-concurrent}, {@code read-timeout},
 * {@code access-log}); keys starting with {@code spark.} are Spark/Hadoop settings, as {@code
 * --conf} takes them. Options on the command line win over the file. Unknown keys are errors, so a
 * typo is never silently ignored.
 */
final class ConfigFile {
  /** Every option a file may hold; a command takes the ones it knows and ignores the others. */
  static final Set<String> KEYS =
      Set.of(
          "input",
          "recent-days",
          "warehouse",
          "max-report-bytes",
          "output",
          "domains",
          "per-domain",
          "baseline-months",
          "alert-days",
          "alert-baseline-days",
          "webhook",
          "slack-webhook",
          "smtp",
          "smtp-starttls",
          "mail-from",
          "mail-to",
          "alert-retries",
          "alert-retry-delay-ms",
          "imap",
          "archive",
          "password-env",
          "password-file",
          "oauth2-token-file",
          "done-folder",
          "listen",
          "tls-keystore",
          "tls-keystore-password-file",
          "max-bytes",
          "max-concurrent",
          "read-timeout",
          "access-log");

  /** Keys whose value is {@code true} or {@code false}. */
  static final Set<String> BOOLEAN_KEYS = Set.of("per-domain");

  private final Map<String, String> options;
  private final Map<String, String> conf;

  private ConfigFile(Map<String, String> options, Map<String, String> conf) {
    this.options = options;
    this.conf = conf;
  }

  static ConfigFile load(String file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.configUnreadable(file, e);
    }
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> conf = new LinkedHashMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key).strip();
      if (key.startsWith("spark.")) {
        conf.put(key, value);
      } else if (!KEYS.contains(key)) {
        throw WarehouseException.configUnknownKey(file, key, new TreeSet<>(KEYS));
      } else if (BOOLEAN_KEYS.contains(key) && !value.equals("true") && !value.equals("false")) {
        throw WarehouseException.configBadValue(file, key, value, "true or false");
      } else {
        options.put(key, value);
      }
    }
    return new ConfigFile(options, conf);
  }

  /** Option values from the file (booleans as "true"/"false"). */
  Map<String, String> options() {
    return options;
  }

  /** Spark and Hadoop settings from the file. */
  Map<String, String> conf() {
    return conf;
  }
}
