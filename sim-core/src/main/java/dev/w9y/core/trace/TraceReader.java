package dev.w9y.core.trace;

import dev.w9y.core.http.Json;
import dev.w9y.scheduler.W9yException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads a trace written by {@link TraceWriter}: header, records, and footer if it finished. */
public record TraceReader(JsonNode header, List<JsonNode> records, Optional<JsonNode> footer) {

  /** Whether the run that wrote the trace finished (the trace has its footer). */
  public boolean isComplete() {
    return footer.isPresent();
  }

  public static TraceReader read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new W9yException("cannot read trace " + file + ": " + e.getMessage(), e);
    }
  }

  public static TraceReader parse(List<String> lines, String source) {
    if (lines.isEmpty()) {
      throw new W9yException("trace " + source + " is empty");
    }
    JsonNode header = Json.MAPPER.readTree(lines.get(0));
    if (!TraceWriter.FORMAT.equals(header.path("format").asString(""))) {
      throw new W9yException(
          "trace " + source + " does not start with a " + TraceWriter.FORMAT + " header");
    }
    List<JsonNode> records = new ArrayList<>();
    JsonNode footer = null;
    for (int i = 1; i < lines.size(); i++) {
      JsonNode node = Json.MAPPER.readTree(lines.get(i));
      if (node.path("end").asBoolean(false)) {
        footer = node;
      } else {
        records.add(node);
      }
    }
    return new TraceReader(header, List.copyOf(records), Optional.ofNullable(footer));
  }
}
