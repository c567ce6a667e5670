package dev.w9y.core.trace;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes trace values as canonical JSON through Jackson's streaming generator: object keys sorted,
 * no whitespace, only strings, integers, booleans, null, lists and string-keyed maps. Doubles and
 * floats are refused: their text form is where "the same" run could print differently.
 */
final class CanonicalJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private CanonicalJson() {}

  /** One JSON object as bytes (no trailing newline). */
  static byte[] objectBytes(Map<String, ?> object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, object);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator generator, Object value) {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<String, ?> entry : sorted(map).entrySet()) {
        generator.writeName(entry.getKey());
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        write(generator, element);
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
