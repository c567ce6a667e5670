package dev.w9y.contracts;

import java.util.Map;

/** What the topology-file formats share. */
final class Formats {
  private Formats() {}

  static void noOptions(String format, Map<String, Object> options) {
    if (!options.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown key " + options.keySet().iterator().next() + " for a " + format + " contract");
    }
  }
}
