package dev.w9y.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Json;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.core.trace.TraceRecord;
import dev.w9y.core.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The export checked as the Trace Event Format describes it, on a real failing run's trace. */
class PerfettoExportTest {
  static Path dir;
  static Path trace;
  static List<JsonNode> records;
  static List<JsonNode> events;

  @BeforeAll
  static void export(@TempDir Path temp) throws Exception {
    dir = temp;
    trace = temp.resolve("tickets.jsonl");
    ViewerFixtures.failingRun(trace);
    records = TraceReader.read(trace).records();
    Path json = temp.resolve("tickets.json");
    PerfettoExport.write(trace, json);
    JsonNode root = Json.MAPPER.readTree(Files.readString(json));
    events = new ArrayList<>();
    root.path("traceEvents").forEach(events::add);
    assertThat(root.path("displayTimeUnit").asString()).isEqualTo("ns");
    assertThat(root.path("otherData").path("status").asString()).isEqualTo("failed");
  }

  @Test
  void everyTrackIsNamedAndEveryActorHasOne() {
    TreeMap<Integer, String> processes = new TreeMap<>();
    TreeMap<String, String> threads = new TreeMap<>();
    for (JsonNode e : phase("M")) {
      String name = e.path("args").path("name").asString();
      if (e.path("name").asString().equals("process_name")) {
        processes.put(e.path("pid").asInt(), name);
      } else {
        assertThat(e.path("name").asString()).isEqualTo("thread_name");
        threads.put(track(e), name);
      }
    }
    for (JsonNode e : events) {
      if (!e.path("ph").asString().equals("M")) {
        assertThat(processes).containsKey(e.path("pid").asInt());
        assertThat(threads).containsKey(track(e));
      }
    }
    TreeSet<String> actors = new TreeSet<>();
    records.forEach(r -> actors.add(r.path("actor").asString()));
    assertThat(threads.values()).containsAll(actors);
    assertThat(processes.values())
        .contains("tickets", "audit", "COUNTERS (durable objects)", "w9y");
  }

  @Test
  void requestSpansNestOnEveryThreadAndCoverEveryAnsweredRequest() {
    List<JsonNode> spans = phase("X");
    TreeMap<String, List<JsonNode>> byTrack = new TreeMap<>();
    for (JsonNode span : spans) {
      assertThat(span.path("dur").asDouble()).isNotNegative();
      byTrack.computeIfAbsent(track(span), k -> new ArrayList<>()).add(span);
    }
    for (List<JsonNode> track : byTrack.values()) {
      track.sort(
          Comparator.comparingDouble((JsonNode s) -> s.path("ts").asDouble())
              .thenComparing(s -> -s.path("dur").asDouble()));
      List<Double> open = new ArrayList<>();
      for (JsonNode span : track) {
        double start = span.path("ts").asDouble();
        double end = start + span.path("dur").asDouble();
        while (!open.isEmpty() && open.get(open.size() - 1) <= start) {
          open.remove(open.size() - 1);
        }
        assertThat(open.isEmpty() || open.get(open.size() - 1) >= end)
            .as("span %s nests on its thread", span)
            .isTrue();
        open.add(end);
      }
    }
    // A server span per answer that follows a delivery of its request.
    TreeSet<String> delivered = new TreeSet<>();
    long answers = 0;
    for (JsonNode r : records) {
      String kind = r.path("kind").asString();
      if (kind.equals("request.delivered")) {
        delivered.add(r.path("id").asString());
      } else if (kind.equals("response.sent") && delivered.contains(r.path("id").asString())) {
        answers++;
      }
    }
    assertThat(answers).isPositive();
    assertThat(
            spans.stream()
                .filter(s -> s.path("args").path("side").asString().equals("server"))
                .count())
        .isEqualTo(answers);
    // A span's times are the records' virtual ns in µs.
    JsonNode firstServer =
        spans.stream()
            .filter(s -> s.path("args").path("side").asString().equals("server"))
            .findFirst()
            .get();
    JsonNode deliveredRecord = records.get(firstServer.path("args").path("record").asInt());
    assertThat(firstServer.path("ts").asDouble() * 1000)
        .isCloseTo(deliveredRecord.path("t").asDouble(), org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void flowsPairAndBindToTheSpansOfBothEnds() {
    TreeMap<Integer, JsonNode> starts = new TreeMap<>();
    TreeMap<Integer, JsonNode> finishes = new TreeMap<>();
    for (JsonNode e : phase("s")) {
      assertThat(starts.put(e.path("id").asInt(), e)).isNull();
    }
    for (JsonNode e : phase("f")) {
      assertThat(finishes.put(e.path("id").asInt(), e)).isNull();
      assertThat(e.path("bp").asString()).isEqualTo("e");
    }
    assertThat(starts).isNotEmpty();
    assertThat(events)
        .filteredOn(e -> List.of("s", "f", "X").contains(e.path("ph").asString()))
        .allMatch(e -> e.path("cat").asString().equals("request"));
    assertThat(finishes.keySet()).isEqualTo(starts.keySet());
    List<JsonNode> spans = phase("X");
    for (Integer id : starts.keySet()) {
      JsonNode s = starts.get(id);
      JsonNode f = finishes.get(id);
      assertThat(f.path("name").asString()).isEqualTo(s.path("name").asString());
      assertThat(f.path("ts").asDouble()).isGreaterThanOrEqualTo(s.path("ts").asDouble());
      assertThat(spans)
          .as("flow %s starts where a span on its thread starts", s)
          .anyMatch(
              x -> track(x).equals(track(s)) && x.path("ts").asDouble() == s.path("ts").asDouble());
      assertThat(spans)
          .as("flow %s ends where a span on its thread starts", f)
          .anyMatch(
              x -> track(x).equals(track(f)) && x.path("ts").asDouble() == f.path("ts").asDouble());
    }
  }

  @Test
  void faultsErrorsAndFailedChecksAreInstants() {
    List<JsonNode> instants = phase("i");
    long alarming =
        records.stream()
            .filter(r -> EventCategory.of(r.path("kind").asString()).alarming())
            .count();
    assertThat(instants).hasSize((int) alarming);
    assertThat(instants).allMatch(i -> i.path("s").asString().equals("t"));
    assertThat(instants)
        .anyMatch(i -> i.path("name").asString().equals("check.failed: no number given twice"));
    assertThat(instants)
        .anyMatch(i -> i.path("args").path("kind").asString().equals("fault.injected"));
  }

  @Test
  void theSameTraceGivesTheSameBytes() throws Exception {
    PerfettoExport.write(trace, dir.resolve("again.json"));
    assertThat(Files.readAllBytes(dir.resolve("again.json")))
        .isEqualTo(Files.readAllBytes(dir.resolve("tickets.json")));
  }

  @Test
  void aDuplicatedRequestGetsASpanPerDeliveryOnThreadsWhereTheyNest() throws Exception {
    // Written through TraceWriter: a request delivered twice (a network.duplicate fault), both
    // deliveries answered, the two handlings overlapping without nesting.
    Path file = dir.resolve("duplicate.jsonl");
    TraceWriter writer = TraceWriter.toFile(file, false);
    writer.header(7, "test", new TreeMap<String, Object>());
    Object[][] rows = {
      {"workload", "request.sent", 1_000L, "method", "GET", "url", "http://svc/x"},
      {"svc", "request.delivered", 10_000L, "duplicate", false},
      {"svc", "request.delivered", 20_000L, "duplicate", true},
      {"svc#0", "response.sent", 30_000L, "status", 200},
      {"svc#0", "response.sent", 40_000L, "status", 200},
      {"workload", "response.delivered", 45_000L, "status", 200},
    };
    for (int i = 0; i < rows.length; i++) {
      TreeMap<String, Object> details = new TreeMap<>();
      details.put("id", "m1");
      for (int k = 3; k < rows[i].length; k += 2) {
        details.put((String) rows[i][k], rows[i][k + 1]);
      }
      writer.record(
          new TraceRecord(
              i, i, (Long) rows[i][2], (String) rows[i][0], (String) rows[i][1], details));
    }
    writer.finish(
        new TreeMap<String, Object>(java.util.Collections.singletonMap("status", "passed")));
    Path json = dir.resolve("duplicate.json");
    PerfettoExport.write(file, json);
    List<JsonNode> all = new ArrayList<>();
    Json.MAPPER.readTree(Files.readString(json)).path("traceEvents").forEach(all::add);
    List<JsonNode> server =
        all.stream().filter(e -> e.path("args").path("side").asString().equals("server")).toList();
    assertThat(server).hasSize(2);
    assertThat(server.get(0).path("tid").asInt()).isNotEqualTo(server.get(1).path("tid").asInt());
    assertThat(all)
        .anyMatch(
            e ->
                e.path("ph").asString().equals("M")
                    && e.path("args").path("name").asString().equals("svc#0 (2)"));
    // One flow, from the send to the first delivery's span.
    JsonNode finish =
        all.stream().filter(e -> e.path("ph").asString().equals("f")).findFirst().get();
    assertThat(all.stream().filter(e -> e.path("ph").asString().equals("f"))).hasSize(1);
    assertThat(finish.path("ts").asDouble()).isEqualTo(10.0);
    assertThat(finish.path("tid").asInt()).isEqualTo(server.get(0).path("tid").asInt());
    assertThat(server.get(0).path("ts").asDouble()).isEqualTo(10.0);
    assertThat(server.get(0).path("dur").asDouble()).isEqualTo(20.0);
  }

  private static List<JsonNode> phase(String ph) {
    return events.stream().filter(e -> e.path("ph").asString().equals(ph)).toList();
  }

  private static String track(JsonNode e) {
    return e.path("pid").asInt() + "/" + e.path("tid").asInt();
  }
}
