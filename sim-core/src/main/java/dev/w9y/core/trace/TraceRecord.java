package dev.w9y.core.trace;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a trace: its position, the scheduler event it belongs to, the virtual time, who
 * acted, what happened, and the details. Serialized as one canonical JSON object whose keys are
 * {@code i} (record index), {@code e} (event index), {@code t} (virtual ns), {@code actor}, {@code
 * kind}, and the detail keys, all sorted.
 */
public record TraceRecord(
    long index,
    long eventIndex,
    long timeNanos,
    String actor,
    String kind,
    Map<String, Object> details) {

  /** Keys every record has; details may not use them. */
  static final java.util.List<String> RESERVED = java.util.List.of("i", "e", "t", "actor", "kind");

  public TraceRecord {
    for (String key : details.keySet()) {
      if (RESERVED.contains(key)) {
        throw new IllegalArgumentException("trace detail key '" + key + "' is reserved");
      }
    }
    details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
  }

  /** The record as its canonical JSON line (no newline). */
  public String toJson() {
    return CanonicalJson.recordLine(this);
  }
}
