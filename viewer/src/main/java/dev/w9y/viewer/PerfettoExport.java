package dev.w9y.viewer;

import dev.w9y.core.http.Json;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.W9yException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Writes a trace as Chrome trace-event JSON, which Perfetto (ui.perfetto.dev) and chrome://tracing
 * open. Timestamps are microseconds of virtual time.
 *
 * <ul>
 *   <li>A process per service, per durable-object namespace and one for W9Y itself (workload,
 *       checks, faults); a thread per actor ({@code box-office#0}, {@code EVENTS:7ea2a6f85758},
 *       {@code workload}), named by {@code process_name}/{@code thread_name} metadata.
 *   <li>A complete ({@code "X"}) span per handled request on the actor that answered it, from
 *       {@code request.delivered} to {@code response.sent}; and one per answered request on the
 *       actor that sent it, from {@code request.sent} to {@code response.delivered}.
 *   <li>A flow ({@code "s"} → {@code "f"}) from the sender's span to the receiver's, per request,
 *       each end at its span's start time and in its category ({@code request}).
 *   <li>An instant ({@code "i"}) per fault, guest error and failed check.
 * </ul>
 *
 * <p>Spans on one thread must nest, but a durable object interleaves its requests and an instance
 * can wait on several fetches at once; a span that would overlap another without nesting goes to
 * the actor's next thread ({@code box-office#0 (2)}), so every thread's spans nest.
 */
public final class PerfettoExport {
  private PerfettoExport() {}

  /** Reads and checks {@code trace}, then writes its trace-event JSON to {@code json}. */
  public static void write(Path trace, Path json) {
    TraceReader reader = ViewerData.read(trace);
    try {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(json, StandardCharsets.UTF_8));
          JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
        new Export(reader).write(generator);
      }
    } catch (IOException e) {
      throw new W9yException("cannot write Perfetto trace " + json + ": " + e.getMessage(), e);
    }
  }

  /**
   * One span before it is placed on a thread; {@code order} is the record it starts at (the
   * request.sent of a client span, the request.delivered of a server span).
   */
  private record Span(
      String actor, long start, long end, int order, String name, String messageId, String side) {}

  /** The state of one export: tracks, spans and flows of one trace. */
  private static final class Export {
    private final TraceReader reader;
    private final List<JsonNode> records;
    private final MessageLinks links;
    private final TreeMap<String, Integer> pids = new TreeMap<>();
    private final List<String> processNames = new ArrayList<>();

    /** Threads of an actor: [0] is its own, more for spans that would not nest. */
    private final TreeMap<String, List<List<Long>>> openEnds = new TreeMap<>();

    private final TreeMap<String, Integer> tids = new TreeMap<>();
    private final List<String> threadNames = new ArrayList<>();
    private final List<Integer> threadPids = new ArrayList<>();

    Export(TraceReader reader) {
      this.reader = reader;
      this.records = reader.records();
      this.links = MessageLinks.of(records);
    }

    void write(JsonGenerator json) {
      // Threads first in order of the actors' first records, so numbering follows the trace.
      for (JsonNode record : records) {
        tid(record.path("actor").asString(""), 0);
      }
      List<Span> spans = spans();
      // Placed in start order, longer first at the same start, so an enclosing span comes first.
      spans.sort(
          Comparator.comparingLong(Span::start)
              .thenComparing(Comparator.comparingLong((Span s) -> s.end - s.start).reversed())
              .thenComparingInt(Span::order));
      List<Integer> spanTids = new ArrayList<>();
      // By the record a span starts at (a request.sent, a request.delivered): a duplicated request
      // has several deliveries, and so several server spans, under one message id.
      TreeMap<Integer, Integer> clientTid = new TreeMap<>();
      TreeMap<Integer, Integer> serverTid = new TreeMap<>();
      for (Span span : spans) {
        int tid = place(span);
        spanTids.add(tid);
        (span.side.equals("client") ? clientTid : serverTid).put(span.order, tid);
      }

      json.writeStartObject();
      json.writeName("traceEvents");
      json.writeStartArray();
      for (int p = 0; p < processNames.size(); p++) {
        metadata(json, "process_name", p + 1, 0, processNames.get(p));
      }
      for (int t = 0; t < threadNames.size(); t++) {
        metadata(json, "thread_name", threadPids.get(t), t + 1, threadNames.get(t));
      }
      for (int s = 0; s < spans.size(); s++) {
        Span span = spans.get(s);
        json.writeStartObject();
        json.writeStringProperty("ph", "X");
        json.writeStringProperty("name", span.name);
        json.writeStringProperty("cat", "request");
        json.writeNumberProperty("pid", pidOfTid(spanTids.get(s)));
        json.writeNumberProperty("tid", spanTids.get(s));
        json.writeName("ts");
        json.writeNumber(micros(span.start));
        json.writeName("dur");
        json.writeNumber(micros(span.end - span.start));
        json.writeName("args");
        json.writeStartObject();
        json.writeStringProperty("id", span.messageId);
        json.writeStringProperty("side", span.side);
        json.writeNumberProperty("record", span.order);
        json.writeEndObject();
        json.writeEndObject();
      }
      flows(json, clientTid, serverTid);
      instants(json);
      json.writeEndArray();
      json.writeStringProperty("displayTimeUnit", "ns");
      json.writeName("otherData");
      json.writeStartObject();
      json.writeStringProperty("seed", reader.header().path("seed").asString(""));
      json.writeStringProperty("w9y", reader.header().path("w9y").asString(""));
      reader
          .footer()
          .ifPresent(
              footer -> {
                json.writeStringProperty("status", footer.path("status").asString(""));
                if (footer.has("failure")) {
                  json.writeStringProperty(
                      "failure", footer.path("failure").path("message").asString(""));
                }
              });
      json.writeEndObject();
      json.writeEndObject();
    }

    /** The request spans: server side (delivered → answered) and client side (sent → answer). */
    private List<Span> spans() {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        JsonNode record = records.get(i);
        String kind = record.path("kind").asString("");
        String id = record.path("id").asString("");
        if (kind.equals("request.delivered") && links.answer(i) >= 0) {
          JsonNode answer = records.get(links.answer(i));
          int sent = links.partner(i);
          String what = sent >= 0 ? describe(records.get(sent)) : id;
          spans.add(
              new Span(
                  answer.path("actor").asString(""),
                  time(record),
                  time(answer),
                  i,
                  what + " (" + id + ")",
                  id,
                  "server"));
        } else if (kind.equals("request.sent") && links.partner(i) >= 0) {
          int answer = links.answer(links.partner(i));
          int answered = answer >= 0 ? links.partner(answer) : -1;
          if (answered >= 0) {
            spans.add(
                new Span(
                    record.path("actor").asString(""),
                    time(record),
                    time(records.get(answered)),
                    i,
                    "fetch " + describe(record) + " (" + id + ")",
                    id,
                    "client"));
          }
        }
      }
      return spans;
    }

    /** Flow arrows: from a request's client span (at its send) to its server span. */
    private void flows(
        JsonGenerator json,
        TreeMap<Integer, Integer> clientTid,
        TreeMap<Integer, Integer> serverTid) {
      int flowId = 0;
      for (int i = 0; i < records.size(); i++) {
        JsonNode record = records.get(i);
        if (!record.path("kind").asString("").equals("request.sent")) {
          continue;
        }
        String id = record.path("id").asString("");
        int delivered = links.partner(i);
        if (delivered < 0 || !clientTid.containsKey(i) || !serverTid.containsKey(delivered)) {
          continue;
        }
        flowId++;
        flowEvent(json, "s", flowId, id, clientTid.get(i), time(record));
        flowEvent(json, "f", flowId, id, serverTid.get(delivered), time(records.get(delivered)));
      }
    }

    private static void metadata(JsonGenerator json, String name, int pid, int tid, String value) {
      json.writeStartObject();
      json.writeStringProperty("ph", "M");
      json.writeStringProperty("name", name);
      json.writeNumberProperty("pid", pid);
      json.writeNumberProperty("tid", tid);
      json.writeName("args");
      json.writeStartObject();
      json.writeStringProperty("name", value);
      json.writeEndObject();
      json.writeEndObject();
    }

    private void flowEvent(JsonGenerator json, String phase, int id, String name, int tid, long t) {
      json.writeStartObject();
      json.writeStringProperty("ph", phase);
      json.writeNumberProperty("id", id);
      json.writeStringProperty("name", name);
      // The spans' category and start time: Perfetto binds a flow to the slice enclosing its time
      // on its thread, Chrome's DevTools to the event with the same category, thread and time.
      json.writeStringProperty("cat", "request");
      json.writeNumberProperty("pid", pidOfTid(tid));
      json.writeNumberProperty("tid", tid);
      json.writeName("ts");
      json.writeNumber(micros(t));
      if (phase.equals("f")) {
        json.writeStringProperty("bp", "e"); // binds to the span that starts at the delivery
      }
      json.writeEndObject();
    }

    /** Faults, errors and failed checks as thread-scoped instants with the whole record. */
    private void instants(JsonGenerator json) {
      for (JsonNode record : records) {
        String kind = record.path("kind").asString("");
        if (!EventCategory.of(kind).alarming()) {
          continue;
        }
        int tid = tid(record.path("actor").asString(""), 0);
        json.writeStartObject();
        json.writeStringProperty("ph", "i");
        json.writeStringProperty("s", "t");
        json.writeStringProperty("name", instantName(record, kind));
        json.writeStringProperty(
            "cat", EventCategory.of(kind).name().toLowerCase(java.util.Locale.ROOT));
        json.writeNumberProperty("pid", pidOfTid(tid));
        json.writeNumberProperty("tid", tid);
        json.writeName("ts");
        json.writeNumber(micros(time(record)));
        json.writeName("args");
        json.writeTree(record);
        json.writeEndObject();
      }
    }

    private static String instantName(JsonNode record, String kind) {
      if (record.has("fault")) {
        return record.path("fault").asString("");
      }
      if (record.has("check")) {
        return kind + ": " + record.path("check").asString("");
      }
      return kind;
    }

    /** Puts a span on the first of its actor's threads where it nests; makes one if none. */
    private int place(Span span) {
      List<List<Long>> threads = openEnds.computeIfAbsent(span.actor, k -> new ArrayList<>());
      for (int t = 0; ; t++) {
        if (t == threads.size()) {
          threads.add(new ArrayList<>());
        }
        List<Long> open = threads.get(t); // end times of the spans open on this thread, a stack
        while (!open.isEmpty() && open.get(open.size() - 1) <= span.start) {
          open.remove(open.size() - 1);
        }
        if (open.isEmpty() || open.get(open.size() - 1) >= span.end) {
          open.add(span.end);
          return tid(span.actor, t);
        }
      }
    }

    private int tid(String actor, int thread) {
      String key = thread == 0 ? actor : actor + " (" + (thread + 1) + ")";
      Integer known = tids.get(key);
      if (known != null) {
        return known;
      }
      threadNames.add(key);
      threadPids.add(pid(processOf(actor)));
      tids.put(key, threadNames.size());
      return threadNames.size();
    }

    private int pidOfTid(int tid) {
      return threadPids.get(tid - 1);
    }

    private int pid(String process) {
      Integer known = pids.get(process);
      if (known != null) {
        return known;
      }
      processNames.add(process);
      pids.put(process, processNames.size());
      return processNames.size();
    }

    /**
     * The process an actor belongs to: its service ({@code box-office#0} and the service's own
     * network actor {@code box-office}), its durable-object namespace ({@code EVENTS:7ea2...}), or
     * W9Y for the workload, checks, faults and the simulation itself.
     */
    private String processOf(String actor) {
      int hash = actor.indexOf('#');
      if (hash > 0) {
        return actor.substring(0, hash);
      }
      int colon = actor.indexOf(':');
      if (colon > 0) {
        return actor.substring(0, colon) + " (durable objects)";
      }
      return switch (actor) {
        case "workload", "checks", "faults", "simulation" -> "w9y";
        default -> actor;
      };
    }

    private static String describe(JsonNode sent) {
      String url = sent.path("url").asString("");
      String method = sent.path("method").asString("");
      return (method + " " + url).trim();
    }

    private static long time(JsonNode record) {
      return record.path("t").asLong();
    }

    private static double micros(long nanos) {
      return nanos / 1000.0;
    }
  }
}
