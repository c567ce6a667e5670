package dev.w9y.core.trace;

import dev.w9y.core.http.Body;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes trace values as canonical JSON through Jackson's streaming generator: object keys sorted,
 * no whitespace, one value per line, only strings, integers, booleans, null, lists and string-keyed
 * maps. Doubles and floats are refused: their text form is where "the same" run could print
 * differently. Strings longer than {@link #MAX_STRING_CHARS} are cut and digested, which bounds the
 * size of every line.
 */
final class CanonicalJson {
  /** Longest string written whole; longer ones keep a prefix plus their length and SHA-256. */
  static final int MAX_STRING_CHARS = 4096;

  /** Root values separated by LF: the generator writes JSON Lines directly. */
  static final JsonFactory LINES = JsonFactory.builder().rootValueSeparator("\n").build();

  private static final List<String> RESERVED_SORTED = List.of("actor", "e", "i", "kind", "t");

  /**
   * Keys, kinds and actors repeat on every line. Jackson writes a {@link SerializedString}'s quoted
   * UTF-8 from a cache instead of checking each char for escaping (that check was a third of a
   * record's cost). Only strings whose JSON form is the string itself in quotes are cached, so the
   * bytes are the same either way; lookups only, never iterated, and bounded.
   */
  private static final ConcurrentHashMap<String, SerializedString> REPEATED =
      new ConcurrentHashMap<>();

  private static final int MAX_REPEATED = 4096;
  private static final int MAX_REPEATED_CHARS = 64;

  private CanonicalJson() {}

  static JsonGenerator lineGenerator(java.io.OutputStream out) {
    return LINES.createGenerator(ObjectWriteContext.empty(), out);
  }

  /** One JSON object as bytes (no trailing newline). */
  static byte[] objectBytes(Map<String, ?> object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = lineGenerator(out)) {
      writeValue(generator, object);
    }
    return out.toByteArray();
  }

  /** One record as bytes (no trailing newline), exactly as the streaming writer writes it. */
  static byte[] recordBytes(TraceRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = lineGenerator(out)) {
      writeRecord(generator, record);
    }
    return out.toByteArray();
  }

  static String recordLine(TraceRecord record) {
    return new String(recordBytes(record), StandardCharsets.UTF_8);
  }

  /**
   * Writes a record's fixed keys and its details as one object, merging the two sorted key
   * sequences instead of building a combined map for every line.
   */
  static void writeRecord(JsonGenerator generator, TraceRecord record) {
    generator.writeStartObject();
    Iterator<Map.Entry<String, Object>> details = record.details().entrySet().iterator();
    Map.Entry<String, Object> detail = details.hasNext() ? details.next() : null;
    for (String reserved : RESERVED_SORTED) {
      while (detail != null && detail.getKey().compareTo(reserved) < 0) {
        writeName(generator, detail.getKey());
        writeValue(generator, detail.getValue());
        detail = details.hasNext() ? details.next() : null;
      }
      writeName(generator, reserved);
      switch (reserved) {
        case "actor" -> writeRepeated(generator, record.actor());
        case "e" -> generator.writeNumber(record.eventIndex());
        case "i" -> generator.writeNumber(record.index());
        case "kind" -> writeRepeated(generator, record.kind());
        default -> generator.writeNumber(record.timeNanos());
      }
    }
    while (detail != null) {
      writeName(generator, detail.getKey());
      writeValue(generator, detail.getValue());
      detail = details.hasNext() ? details.next() : null;
    }
    generator.writeEndObject();
  }

  static void writeValue(JsonGenerator generator, Object value) {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(bounded(text));
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<String, ?> entry : sorted(map).entrySet()) {
        generator.writeName(entry.getKey());
        writeValue(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        writeValue(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof Enum<?> constant) {
      generator.writeString(constant.name());
    } else {
      throw new IllegalArgumentException(
          "a trace value must be a string, integer, boolean, null, list or map, not "
              + value.getClass().getName()
              + " ("
              + value
              + ")");
    }
  }

  private static void writeName(JsonGenerator generator, String name) {
    SerializedString cached = repeated(name);
    if (cached != null) {
      generator.writeName(cached);
    } else {
      generator.writeName(name);
    }
  }

  private static void writeRepeated(JsonGenerator generator, String text) {
    SerializedString cached = repeated(text);
    if (cached != null) {
      generator.writeString(cached);
    } else {
      generator.writeString(bounded(text));
    }
  }

  /**
   * The cached form of {@code text}, or null if it is not cacheable (then write it as a String).
   */
  private static SerializedString repeated(String text) {
    SerializedString cached = REPEATED.get(text);
    if (cached != null || !writtenAsItself(text) || REPEATED.size() >= MAX_REPEATED) {
      return cached;
    }
    SerializedString made = new SerializedString(text);
    SerializedString raced = REPEATED.putIfAbsent(text, made);
    return raced != null ? raced : made;
  }

  private static boolean writtenAsItself(String text) {
    if (text.length() > MAX_REPEATED_CHARS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static String bounded(String text) {
    if (text.length() <= MAX_STRING_CHARS) {
      return text;
    }
    return text.substring(0, 256)
        + "... ["
        + text.length()
        + " chars, sha256 "
        + Body.ofText(text).sha256()
        + "]";
  }

  private static Map<String, ?> sorted(Map<?, ?> map) {
    if (map instanceof TreeMap<?, ?> tree && tree.comparator() == null) {
      @SuppressWarnings("unchecked")
      Map<String, ?> alreadySorted = (Map<String, ?>) tree;
      return alreadySorted;
    }
    TreeMap<String, Object> copy = new TreeMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException("trace object keys must be strings: " + entry.getKey());
      }
      copy.put(key, entry.getValue());
    }
    return copy;
  }
}
