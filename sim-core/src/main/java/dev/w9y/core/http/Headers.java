package dev.w9y.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP headers: an immutable, order-preserving list of name/value pairs whose names compare
 * case-insensitively. Names are stored lower-cased (as the Fetch standard exposes them); {@link
 * #get} combines repeated values with {@code ", "} as the Fetch standard does.
 */
public final class Headers {
  /** A header list longer than this is a runaway guest, not a real request. */
  public static final int MAX_HEADERS = 256;

  /** Longest header name or value accepted, in characters. */
  public static final int MAX_HEADER_CHARS = 16 * 1024;

  public static final Headers EMPTY = new Headers(List.of());

  /** One header line. */
  public record Entry(String name, String value) {}

  private final List<Entry> entries;

  private Headers(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * Headers from alternating names and values: {@code Headers.of("content-type", "text/plain")}.
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("headers need a value for every name");
    }
    Headers headers = EMPTY;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers = headers.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  /** These headers plus one more line (an existing header of that name is kept too). */
  public Headers with(String name, String value) {
    if (entries.size() >= MAX_HEADERS) {
      throw new IllegalArgumentException("more than " + MAX_HEADERS + " headers");
    }
    List<Entry> copy = new ArrayList<>(entries.size() + 1);
    copy.addAll(entries);
    copy.add(new Entry(checkName(name), checkValue(name, value)));
    return new Headers(Collections.unmodifiableList(copy));
  }

  /** These headers with every line of {@code name} replaced by one line (added last if absent). */
  public Headers withReplaced(String name, String value) {
    String key = checkName(name);
    String checked = checkValue(name, value);
    List<Entry> copy = new ArrayList<>(entries.size() + 1);
    boolean replaced = false;
    for (Entry entry : entries) {
      if (!entry.name().equals(key)) {
        copy.add(entry);
      } else if (!replaced) {
        copy.add(new Entry(key, checked));
        replaced = true;
      }
    }
    if (!replaced) {
      copy.add(new Entry(key, checked));
    }
    return new Headers(Collections.unmodifiableList(copy));
  }

  /** These headers without any line of {@code name}. */
  public Headers without(String name) {
    String key = lower(name);
    List<Entry> copy = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      if (!entry.name().equals(key)) {
        copy.add(entry);
      }
    }
    return new Headers(Collections.unmodifiableList(copy));
  }

  /** All values of {@code name} joined by {@code ", "}, if any. */
  public Optional<String> get(String name) {
    List<String> values = getAll(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
  }

  /** Every value of {@code name}, in order. */
  public List<String> getAll(String name) {
    String key = lower(name);
    List<String> values = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.name().equals(key)) {
        values.add(entry.value());
      }
    }
    return values;
  }

  public boolean has(String name) {
    String key = lower(name);
    for (Entry entry : entries) {
      if (entry.name().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** Every line, in the order added. */
  public List<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_HEADER_CHARS) {
      throw new IllegalArgumentException("invalid header name: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        throw new IllegalArgumentException(
            "invalid header name '" + name + "': character " + i + " is not an HTTP token char");
      }
    }
    return lower(name);
  }

  private static String checkValue(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException("header '" + name + "' has no value");
    }
    if (value.length() > MAX_HEADER_CHARS) {
      throw new IllegalArgumentException(
          "header '" + name + "' value is longer than " + MAX_HEADER_CHARS + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(
            "header '" + name + "' value contains CR, LF or NUL at " + i);
      }
    }
    // Fetch strips leading and trailing HTTP whitespace from values.
    return value.strip();
  }

  private static boolean isTokenChar(char c) {
    if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Headers that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
