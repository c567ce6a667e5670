package dev.w9y.debugger;

import dev.w9y.core.http.Json;
import dev.w9y.scheduler.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code why <request>}: a request's life across services — sent, its network fate, delivered, the
 * subrequests its handler sent (each with its own chain, indented), the storage operations and
 * console lines of its handling, the response and its fate — with the faults that touched it.
 *
 * <p>The links are the trace's: records naming the request's id, and records written while it was
 * being handled (the recorder keeps, per record, the request whose handling wrote it). A fault is
 * tied to a request when it is injected in the same event right after its {@code request.sent} (the
 * request's fate) or right before its {@code response.sent} (the response's fate).
 */
final class CausalChain {
  private final TimeTravel run;
  private final RecordLog log;
  private final StringBuilder out = new StringBuilder();

  private CausalChain(TimeTravel run) {
    this.run = run;
    this.log = run.recordLog();
  }

  static String of(TimeTravel run, String id) {
    int number = RecordLog.requestNumber(id);
    if (number == 0) {
      throw new IllegalArgumentException("request ids look like m12, not '" + id + "'");
    }
    CausalChain chain = new CausalChain(run);
    if (!chain.describe(number, "")) {
      return "no request " + id + " in this run\n";
    }
    return chain.out.toString();
  }

  /** Appends request {@code number}'s chain at {@code indent}; false if no record names it. */
  private boolean describe(int number, String indent) {
    List<Integer> own = new ArrayList<>();
    Map<Integer, Integer> children = new TreeMap<>();
    for (int i = 0; i < log.size(); i++) {
      if (log.request(i) == number) {
        own.add(i);
      } else if (log.cause(i) == number) {
        own.add(i);
        if (log.kind(i).equals("request.sent")) {
          children.put(i, log.request(i));
        }
      }
    }
    if (own.isEmpty()) {
      return false;
    }
    out.append('m').append(number).append('\n');
    List<String> faults = new ArrayList<>();
    for (int i : own) {
      if (children.containsKey(i)) {
        out.append(indent).append("  caused ");
        describe(children.get(i), indent + "  ");
        continue;
      }
      out.append(indent).append("  ").append(line(i)).append('\n');
      collectFaults(i, number, faults);
    }
    out.append(indent).append("  faults: ");
    out.append(faults.isEmpty() ? "none" : String.join("; ", faults)).append('\n');
    return true;
  }

  /** Faults on the request's way out (after its request.sent) or its answer's (before it). */
  private void collectFaults(int record, int number, List<String> faults) {
    if (log.request(record) != number) {
      return;
    }
    String kind = log.kind(record);
    int step = kind.equals("request.sent") ? 1 : kind.equals("response.sent") ? -1 : 0;
    if (step == 0) {
      return;
    }
    long event = run.eventOfRecord(record);
    for (int i = record + step; i >= 0 && i < log.size(); i += step) {
      if (run.eventOfRecord(i) != event || !log.kind(i).startsWith("fault.")) {
        break;
      }
      faults.add(line(i));
    }
  }

  /** {@code #event +time kind actor key=value...}, the id left out (the chain names it). */
  private String line(int record) {
    JsonNode node = Json.MAPPER.readTree(log.line(record));
    StringBuilder text = new StringBuilder();
    text.append('#')
        .append(node.get("e").asLong())
        .append(' ')
        .append(VirtualTime.formatPrecise(node.get("t").asLong()))
        .append(' ')
        .append(log.kind(record))
        .append(' ')
        .append(log.actor(record));
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      if (key.equals("i")
          || key.equals("e")
          || key.equals("t")
          || key.equals("actor")
          || key.equals("kind")
          || key.equals("id")) {
        continue;
      }
      JsonNode value = field.getValue();
      text.append(' ')
          .append(key)
          .append('=')
          .append(value.isString() ? value.asString() : value.toString());
    }
    return text.toString();
  }
}
