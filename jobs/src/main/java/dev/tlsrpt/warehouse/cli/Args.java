package dev.tlsrpt.warehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value}, {@code --flag}, and repeated {@code --conf
 * key=value} (Spark and Hadoop settings, as spark-submit takes them). Unknown options are errors.
 * Every command also takes {@code --config FILE} ({@link ConfigFile}); the command line wins.
 */
final class Args {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> conf = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  static Args parse(List<String> args, Set<String> valued, Set<String> flags) {
    Args out = new Args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        out.positional.add(a);
        continue;
      }
      String name = a.substring(2);
      if (flags.contains(name)) {
        out.values.put(name, "true");
      } else if (valued.contains(name) || name.equals("conf") || name.equals("config")) {
        if (i + 1 >= args.size()) {
          throw new UsageException(a + " needs a value");
        }
        String value = args.get(++i);
        if (name.equals("conf")) {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--conf takes key=value, got '" + value + "'");
          }
          out.conf.put(value.substring(0, eq), value.substring(eq + 1));
        } else {
          out.values.put(name, value);
        }
      } else {
        throw new UsageException("unknown option " + a);
      }
    }
    if (out.values.containsKey("config")) {
      out.addDefaults(ConfigFile.load(out.values.get("config")), valued, flags);
    }
    return out;
  }

  /** Takes from the file what the command line did not set and this command knows. */
  private void addDefaults(ConfigFile file, Set<String> valued, Set<String> flags) {
    file.options()
        .forEach(
            (key, value) -> {
              if (valued.contains(key)) {
                values.putIfAbsent(key, value);
              } else if (flags.contains(key) && value.equals("true")) {
                values.putIfAbsent(key, value);
              }
            });
    file.conf().forEach(conf::putIfAbsent);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  long bytes(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " takes a number of bytes, got '" + v + "'");
    }
  }

  Map<String, String> conf() {
    return conf;
  }

  List<String> positional() {
    return positional;
  }
}
