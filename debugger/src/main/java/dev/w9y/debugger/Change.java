package dev.w9y.debugger;

/** One step of a delta: in {@code section}, {@code key} now maps to {@code value} (null: gone). */
record Change(Section section, Object key, Object value) {}
