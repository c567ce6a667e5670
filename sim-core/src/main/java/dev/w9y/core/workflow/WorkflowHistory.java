package dev.w9y.core.workflow;

import dev.w9y.core.http.Json;
import dev.w9y.core.trace.TraceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one workflow instance did, as Temporal keeps an event history: its params and the steps it
 * made durable, in order — each {@code step.do} with its result (or final error), each {@code
 * step.sleep}, each {@code step.waitForEvent} with the event it took — and whether it completed.
 * Recorded from a trace ({@link #fromTrace}); replayed against changed code by {@link
 * WorkflowReplay}. Steps are keyed as the engine keys them: {@code do:charge card#1} is the first
 * {@code step.do("charge card", ...)} of a run, {@code #2} the second call with the same name.
 */
public record WorkflowHistory(
    String workflow,
    String instanceId,
    String params,
    String paramsJson,
    boolean complete,
    List<Step> steps) {

  public WorkflowHistory {
    steps = List.copyOf(steps);
  }

  /**
   * One durable step: {@code kind} is {@code do}, {@code sleep} or {@code wait}; {@code result} is
   * its JSON, {@code value} its structured-clone bytes in base64, {@code error} its final error.
   */
  public record Step(
      String kind, String name, String key, String result, String value, String error) {
    /** How reports name the step: {@code step.do("charge card") #1}. */
    public String describe() {
      return describe(key);
    }

    static String describe(String key) {
      int colon = key.indexOf(':');
      int hash = key.lastIndexOf('#');
      String kind = key.substring(0, colon);
      String method =
          switch (kind) {
            case "do" -> "step.do";
            case "sleep" -> "step.sleep";
            default -> "step.waitForEvent";
          };
      String count = key.substring(hash + 1);
      return method
          + "(\""
          + key.substring(colon + 1, hash)
          + "\")"
          + (count.equals("1") ? "" : " (call #" + count + " of that name)");
    }
  }

  /**
   * The history of instance {@code instanceId} of workflow {@code workflow} in a trace (its JSON
   * lines, as {@code SimulationResult.fullTrace()} or a trace file has them).
   *
   * @throws IllegalArgumentException naming the instance if the trace never created it
   */
  public static WorkflowHistory fromTrace(
      List<String> traceLines, String workflow, String instanceId) {
    TraceReader trace = TraceReader.parse(traceLines, "trace");
    String actor = "workflow:" + workflow + "/" + instanceId;
    String params = null;
    String paramsJson = null;
    boolean complete = false;
    Map<String, Step> steps = new LinkedHashMap<>();
    for (JsonNode record : trace.records()) {
      if (!actor.equals(record.path("actor").asString(""))) {
        continue;
      }
      String kind = record.path("kind").asString("");
      String key = record.path("step").asString("");
      switch (kind) {
        case "workflow.create" -> {
          params = text(record, "value");
          paramsJson = text(record, "params");
        }
        case "workflow.restart" -> {
          steps.clear();
          complete = false;
        }
        case "workflow.step.complete", "workflow.event.received" ->
            steps.putIfAbsent(
                key,
                new Step(
                    kindOf(key),
                    nameOf(key),
                    key,
                    text(record, "result"),
                    text(record, "value"),
                    null));
        case "workflow.step.fail" -> {
          if (record.has("attempt")
              && !record.path("error").asString("").startsWith("NonRetryable")) {
            steps.putIfAbsent(
                key, new Step("do", nameOf(key), key, null, null, text(record, "error")));
          }
        }
        case "workflow.sleep" ->
            steps.putIfAbsent(key, new Step("sleep", nameOf(key), key, null, null, null));
        case "workflow.event.timeout" ->
            steps.putIfAbsent(
                key,
                new Step(
                    "wait",
                    nameOf(key),
                    key,
                    null,
                    null,
                    "WorkflowTimeoutError: Execution timed out"));
        case "workflow.complete" -> complete = true;
        default -> {}
      }
    }
    if (params == null) {
      throw new IllegalArgumentException(
          "the trace has no instance '"
              + instanceId
              + "' of workflow "
              + workflow
              + " (no workflow.create record by "
              + actor
              + ")");
    }
    return new WorkflowHistory(
        workflow, instanceId, params, paramsJson, complete, new ArrayList<>(steps.values()));
  }

  /** The first instance of {@code workflow} the trace created: its id. */
  public static String firstInstance(List<String> traceLines, String workflow) {
    String prefix = "workflow:" + workflow + "/";
    for (JsonNode record : TraceReader.parse(traceLines, "trace").records()) {
      if (record.path("kind").asString("").equals("workflow.create")
          && record.path("actor").asString("").startsWith(prefix)) {
        return record.path("instance").asString();
      }
    }
    throw new IllegalArgumentException("the trace creates no instance of workflow " + workflow);
  }

  private static String text(JsonNode record, String field) {
    JsonNode node = record.get(field);
    return node == null || node.isNull() ? null : node.asString();
  }

  private static String kindOf(String key) {
    return key.substring(0, key.indexOf(':'));
  }

  private static String nameOf(String key) {
    return key.substring(key.indexOf(':') + 1, key.lastIndexOf('#'));
  }

  // ---------------------------------------------------------------- files

  /** The history as a JSON document (what {@code w9y workflow replay --history} reads). */
  public String toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("workflow", workflow);
    root.put("instance", instanceId);
    root.put("params", params);
    root.put("paramsJson", paramsJson);
    root.put("complete", complete);
    ArrayNode array = root.putArray("steps");
    for (Step step : steps) {
      ObjectNode node = array.addObject();
      node.put("kind", step.kind());
      node.put("name", step.name());
      node.put("key", step.key());
      if (step.result() != null) {
        node.put("result", step.result());
      }
      if (step.value() != null) {
        node.put("value", step.value());
      }
      if (step.error() != null) {
        node.put("error", step.error());
      }
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  public void write(Path file) {
    try {
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a history file.
   *
   * @throws IllegalArgumentException naming the file and the field if it is not a history
   */
  public static WorkflowHistory read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read workflow history " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage(), e);
    }
    List<Step> steps = new ArrayList<>();
    JsonNode array = root.path("steps");
    if (!array.isArray()) {
      throw new IllegalArgumentException(file + ": a workflow history needs a \"steps\" array");
    }
    int i = 0;
    for (JsonNode node : array) {
      String key = required(file, node, "key", "steps[" + i + "]");
      String kind = required(file, node, "kind", "steps[" + i + "]");
      if (!key.startsWith(kind + ":") || key.lastIndexOf('#') < 0) {
        throw new IllegalArgumentException(
            file + ": steps[" + i + "].key '" + key + "' is not " + kind + ":<name>#<n>");
      }
      steps.add(
          new Step(
              kind,
              nameOf(key),
              key,
              text(node, "result"),
              text(node, "value"),
              text(node, "error")));
      i++;
    }
    return new WorkflowHistory(
        required(file, root, "workflow", "the document"),
        required(file, root, "instance", "the document"),
        text(root, "params"),
        text(root, "paramsJson"),
        root.path("complete").asBoolean(false),
        steps);
  }

  private static String required(Path file, JsonNode node, String field, String where) {
    String value = text(node, field);
    if (value == null) {
      throw new IllegalArgumentException(file + ": " + where + " has no \"" + field + "\"");
    }
    return value;
  }
}
