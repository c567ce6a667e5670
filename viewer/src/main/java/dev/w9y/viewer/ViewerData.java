package dev.w9y.viewer;

import dev.w9y.core.http.Json;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.W9yException;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The trace as the viewer's page embeds it, built to load a million records quickly: columns of
 * numbers instead of a million objects. One JSON object ({@code <script type="application/json">})
 * holds the header, the footer, the string tables ({@code actors}, {@code kinds}, and {@code
 * kindCategories}: each kind's {@link EventCategory} ordinal) and the columns ({@code dt}: virtual
 * ns since the previous record, {@code de}: events since the previous record, {@code a}/{@code k}:
 * actor and kind as table indexes, {@code link}: offset to the other end of the record's message
 * hop, 0 for none); then each record's remaining details as one JSON line ({@code <script
 * type="text/plain">}), which the page parses only when it shows or searches one.
 *
 * <p>Every {@code <} is written as {@code \u003c}: in JSON it can only occur inside a string, where
 * the escape means the same, and so no record can close the script element it travels in.
 */
final class ViewerData {
  private static final List<String> RESERVED = List.of("i", "e", "t", "actor", "kind");

  private ViewerData() {}

  /** Reads and checks a trace; a missing file is named as such before the reader's own checks. */
  static TraceReader read(Path trace) {
    if (!Files.exists(trace)) {
      throw new W9yException("cannot read trace " + trace + ": no such file");
    }
    return TraceReader.read(trace);
  }

  /** The header, footer, string tables and columns as one JSON object. */
  static void writeColumns(TraceReader reader, String source, Writer html) throws IOException {
    List<JsonNode> records = reader.records();
    int n = records.size();
    StringTable actors = new StringTable();
    StringTable kinds = new StringTable();
    int[] actor = new int[n];
    int[] kind = new int[n];
    for (int i = 0; i < n; i++) {
      actor[i] = actors.index(records.get(i).path("actor").asString(""));
      kind[i] = kinds.index(records.get(i).path("kind").asString(""));
    }
    MessageLinks links = MessageLinks.of(records);
    Writer out = new ScriptSafe(html);
    try (JsonGenerator json = Json.MAPPER.createGenerator(new Unclosed(out))) {
      json.writeStartObject();
      json.writeStringProperty("source", source);
      json.writeName("header");
      json.writeTree(reader.header());
      json.writeName("footer");
      if (reader.footer().isPresent()) {
        json.writeTree(reader.footer().get());
      } else {
        json.writeNull();
      }
      stringArray(json, "actors", actors.strings);
      stringArray(json, "kinds", kinds.strings);
      json.writeName("kindCategories");
      json.writeStartArray();
      for (String kindName : kinds.strings) {
        json.writeNumber(EventCategory.of(kindName).ordinal());
      }
      json.writeEndArray();
      deltas(json, "dt", records, "t");
      deltas(json, "de", records, "e");
      intArray(json, "a", actor);
      intArray(json, "k", kind);
      json.writeName("link");
      json.writeStartArray();
      for (int i = 0; i < n; i++) {
        int partner = links.partner(i);
        json.writeNumber(partner < 0 ? 0 : partner - i);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** Each record's details, one JSON line each, in record order. */
  static void writeDetails(TraceReader reader, Writer html) throws IOException {
    Writer out = new ScriptSafe(html);
    for (JsonNode record : reader.records()) {
      out.write(detailsLine(record));
      out.write('\n');
    }
  }

  /** The record without the keys every record has (they travel in the columns). */
  static String detailsLine(JsonNode record) {
    TreeMap<String, JsonNode> details = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : record.properties()) {
      if (!RESERVED.contains(entry.getKey())) {
        details.put(entry.getKey(), entry.getValue());
      }
    }
    return details.isEmpty() ? "{}" : Json.MAPPER.writeValueAsString(details);
  }

  private static void stringArray(JsonGenerator json, String name, List<String> values) {
    json.writeName(name);
    json.writeStartArray();
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** A numeric field of every record as its difference from the previous record's: short. */
  private static void deltas(JsonGenerator json, String name, List<JsonNode> records, String key) {
    json.writeName(name);
    json.writeStartArray();
    long previous = 0;
    for (JsonNode record : records) {
      long value = record.path(key).asLong();
      json.writeNumber(value - previous);
      previous = value;
    }
    json.writeEndArray();
  }

  private static void intArray(JsonGenerator json, String name, int[] values) {
    json.writeName(name);
    json.writeStartArray();
    for (int value : values) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }

  /** Strings numbered in order of first appearance. */
  private static final class StringTable {
    final List<String> strings = new ArrayList<>();
    final TreeMap<String, Integer> indexes = new TreeMap<>();

    int index(String value) {
      Integer known = indexes.get(value);
      if (known != null) {
        return known;
      }
      strings.add(value);
      indexes.put(value, strings.size() - 1);
      return strings.size() - 1;
    }
  }

  /** Writes {@code <} as {@code \u003c} (see the class comment for why that is safe here). */
  private static final class ScriptSafe extends FilterWriter {
    ScriptSafe(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      if (c == '<') {
        out.write("\\u003c");
      } else {
        out.write(c);
      }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      int start = offset;
      for (int i = offset; i < offset + length; i++) {
        if (chars[i] == '<') {
          out.write(chars, start, i - start);
          out.write("\\u003c");
          start = i + 1;
        }
      }
      out.write(chars, start, offset + length - start);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      int start = offset;
      for (int i = offset; i < offset + length; i++) {
        if (text.charAt(i) == '<') {
          out.write(text, start, i - start);
          out.write("\\u003c");
          start = i + 1;
        }
      }
      out.write(text, start, offset + length - start);
    }
  }

  /** Lets the JSON generator flush but not close the page it writes into. */
  private static final class Unclosed extends FilterWriter {
    Unclosed(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
