package dev.w9y.core.trace;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a trace: its position, the scheduler event it belongs to, the virtual time, who
 * acted, what happened, and the details. Serialized as one canonical JSON object whose keys are
 * {@code i} (record index), {@code e} (event index), {@code t} (virtual ns), {@code actor}, {@code
 * kind}, and the detail keys, all sorted. The details map must not change once recorded: lines are
 * written at once but rendered again lazily for reports.
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
    // A naturally ordered TreeMap is taken as it is (the world builds its details that way, and
    // never changes a map once recorded); anything else is copied into one.
    TreeMap<String, Object> sorted =
        details instanceof TreeMap<String, Object> tree && tree.comparator() == null
            ? tree
            : new TreeMap<>(details);
    details = Collections.unmodifiableSortedMap(sorted);
  }

  /** The record as its canonical JSON line (no newline). */
  public String toJson() {
    return CanonicalJson.recordLine(this);
  }
}
