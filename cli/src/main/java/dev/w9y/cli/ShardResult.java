package dev.w9y.cli;

import dev.w9y.core.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What one {@code w9y fuzz} wrote to {@code result.json}: the machine-readable result {@code w9y
 * merge} combines across shards.
 *
 * @param shard {@code i/n}, or {@code 0/1} for an unsharded fuzz
 * @param coverage each {@code sometimes} check reached and in how many seeds it fired
 */
record ShardResult(
    String topology,
    String faults,
    String shard,
    long seedsRun,
    List<Failure> failures,
    Map<String, Integer> coverage) {
  static final String FORMAT = "w9y-fuzz-result/1";

  ShardResult {
    failures = List.copyOf(failures);
    coverage = new TreeMap<>(coverage);
  }

  /**
   * @param plan the shrunk plan file, or null if none was written
   * @param reproduce the command that runs the seed again
   */
  record Failure(
      long seed, String failure, String traceSha256, String trace, String plan, String reproduce) {}

  void write(Path file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("topology", topology);
    json.put("faults", faults);
    json.put("shard", shard);
    json.put("seedsRun", seedsRun);
    List<Object> list = new ArrayList<>();
    for (Failure failure : failures) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seed", failure.seed());
      item.put("failure", failure.failure());
      item.put("traceSha256", failure.traceSha256());
      item.put("trace", failure.trace());
      item.put("plan", failure.plan());
      item.put("reproduce", failure.reproduce());
      list.add(item);
    }
    json.put("failures", list);
    json.put("sometimes", coverage);
    try {
      Files.writeString(
          file,
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliError("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static ShardResult read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliError(file + ": file not found");
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | JacksonException e) {
      throw new CliError(file + ": not a w9y fuzz result (not JSON: " + firstLine(e) + ")", e);
    }
    if (!FORMAT.equals(json.path("format").asString(""))) {
      throw new CliError(
          file
              + ": not a w9y fuzz result (format '"
              + json.path("format").asString("")
              + "', expected "
              + FORMAT
              + ")");
    }
    List<Failure> failures = new ArrayList<>();
    for (JsonNode item : json.path("failures")) {
      failures.add(
          new Failure(
              item.path("seed").asLong(),
              item.path("failure").asString(""),
              item.path("traceSha256").asString(""),
              item.path("trace").asString(""),
              item.path("plan").isNull() ? null : item.path("plan").asString(null),
              item.path("reproduce").asString("")));
    }
    Map<String, Integer> coverage = new TreeMap<>();
    for (Map.Entry<String, JsonNode> check : json.path("sometimes").properties()) {
      coverage.put(check.getKey(), check.getValue().asInt());
    }
    return new ShardResult(
        json.path("topology").asString(""),
        json.path("faults").asString(""),
        json.path("shard").asString(""),
        json.path("seedsRun").asLong(),
        failures,
        coverage);
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
