package dev.tlsrpt.warehouse.read;

import dev.tlsrpt.warehouse.model.QualityFlag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Collects the quality flags raised while reading one report. */
public final class FlagSet {
  private final Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);

  public void add(QualityFlag flag) {
    flags.add(flag);
  }

  void addAll(FlagSet other) {
    flags.addAll(other.flags);
  }

  boolean contains(QualityFlag flag) {
    return flags.contains(flag);
  }

  /** The flag codes in a stable (alphabetical) order. */
  public List<String> codes() {
    List<String> codes = new ArrayList<>();
    for (QualityFlag f : flags) {
      codes.add(f.code());
    }
    codes.sort(null);
    return codes;
  }
}
