package dev.w9y.viewer;

import dev.w9y.core.trace.TraceRecord;
import dev.w9y.core.trace.TraceWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A large trace for the benchmark, written through {@link TraceWriter} (so it is a valid, hashed
 * trace) with records shaped like a real run's: a workload calling 4 service instances that call 16
 * durable objects (request and response hops, storage reads, writes and flushes), 8 requests in
 * flight at once, a fault every 40 requests and a failed check at the end. Generating it takes
 * seconds where a real simulation of a million records would take minutes.
 */
final class SyntheticTrace {
  private SyntheticTrace() {}

  private static final int IN_FLIGHT = 8;

  static void write(Path file, int wanted) {
    TraceWriter writer = TraceWriter.toFile(file, false);
    writer.header(1, "synthetic", map("records", wanted));
    Emitter out = new Emitter(writer);
    out.emit("simulation", "boot", map());
    int request = 0;
    while (out.index < wanted - 2) {
      // Interleave IN_FLIGHT requests step by step so that message arrows cross.
      int first = request;
      for (int step = 0; step < 12 && out.index < wanted - 2; step++) {
        for (int r = first; r < first + IN_FLIGHT && out.index < wanted - 2; r++) {
          step(out, r, step);
        }
      }
      request += IN_FLIGHT;
    }
    out.emit("checks", "check.failed", map("check", "synthetic", "detail", "violated"));
    TreeMap<String, Object> footer = new TreeMap<>();
    footer.put("status", "failed");
    footer.put("events", out.event + 1);
    footer.put(
        "failure",
        map("eventIndex", out.event, "message", "synthetic failure", "type", "CheckFailed"));
    writer.finish(footer);
  }

  private static void step(Emitter out, int r, int step) {
    String id = "m" + (2 * r + 1);
    String inner = "m" + (2 * r + 2);
    String instance = "api#" + (r % 4);
    String object = "EVENTS:" + String.format(Locale.ROOT, "%012x", 0xabc000L + r % 16);
    switch (step) {
      case 0 -> {
        out.event++;
        out.emit(
            "workload",
            "request.sent",
            map("id", id, "method", "POST", "to", "api", "url", "http://api/buy?r=" + r));
        if (r % 40 == 0) {
          out.emit(
              "faults",
              "fault.injected",
              map("fault", "network.delay:workload->api/request#" + r, "family", "network.delay"));
        }
      }
      case 1 -> out.emit("api", "request.delivered", map("id", id, "duplicate", false));
      case 2 ->
          out.emit(
              instance,
              "request.sent",
              map("id", inner, "method", "POST", "to", object, "url", "http://api/buy?r=" + r));
      case 3 -> out.emit(object, "request.delivered", map("id", inner, "duplicate", false));
      case 4 -> out.emit(object, "storage.get", map("key", "sold"));
      case 5 -> out.emit(object, "storage.read-done", map("op", "get"));
      case 6 ->
          out.emit(
              object,
              "storage.write",
              map("batch", r, "changes", List.of(List.of("sold", 10L, "57614f7f4fc6dedc"))));
      case 7 -> out.emit(object, "storage.durable", map("batch", r));
      case 8 -> out.emit(object, "response.sent", map("id", inner, "status", 200, "body", body(r)));
      case 9 -> out.emit(instance, "response.delivered", map("id", inner, "status", 200));
      case 10 -> out.emit(instance, "response.sent", map("id", id, "status", 200, "body", body(r)));
      default -> out.emit("workload", "response.delivered", map("id", id, "status", 200));
    }
  }

  private static Map<String, Object> body(int r) {
    return map("size", 10, "text", "{\"seat\":" + (r % 100) + "}");
  }

  /** A TreeMap of keys and values (Map.of's order is salted per process). */
  private static TreeMap<String, Object> map(Object... keysAndValues) {
    TreeMap<String, Object> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static final class Emitter {
    final TraceWriter writer;
    long index;
    long event;
    long time;

    Emitter(TraceWriter writer) {
      this.writer = writer;
    }

    void emit(String actor, String kind, Map<String, ?> details) {
      event++;
      time += 37_000 + (index % 7) * 11_000;
      writer.record(
          new TraceRecord(index++, event, time, actor, kind, new TreeMap<String, Object>(details)));
    }
  }
}
