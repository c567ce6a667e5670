package dev.w9y.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.faults.FaultPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class JsWorkloadTest {
  private static final int SEEDS = 30;

  @Test
  void theSameSeedGivesTheSameTraceAndSeedsDiffer() {
    List<String> first = new ArrayList<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      first.add(DeterminismCheck.worldLine(JsWorkload.run(seed)));
    }
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(DeterminismCheck.worldLine(JsWorkload.run(seed)))
          .as("seed %d run twice", seed)
          .isEqualTo(first.get((int) seed));
    }
    assertThat(first.stream().map(line -> line.substring(line.indexOf("trace="))))
        .doesNotHaveDuplicates();
  }

  @Test
  void theTraceDoesNotDependOnWhereTheFilesLie(@TempDir Path one, @TempDir Path other) {
    Path relative = Path.of("target", "relative-checkout");
    for (long seed = 0; seed < 3; seed++) {
      SimulationResult here =
          FaultPlan.swarm().applyTo(JsWorkload.simulation(seed, one)).retainingTrace().run();
      SimulationResult there =
          FaultPlan.swarm().applyTo(JsWorkload.simulation(seed, other.resolve("a/b"))).run();
      SimulationResult asPassed =
          FaultPlan.swarm().applyTo(JsWorkload.simulation(seed, relative)).run();
      assertThat(there.traceSha256()).as("seed %d", seed).isEqualTo(here.traceSha256());
      assertThat(asPassed.traceSha256()).as("seed %d", seed).isEqualTo(here.traceSha256());
      assertThat(String.join("\n", here.fullTrace()))
          .doesNotContain(one.toString())
          .contains("\"code\":\"js:gateway.js sha256:");
    }
  }

  @Test
  void theJavaScriptReallyRunsItsNondeterminismSources() {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    List<String> logs = new ArrayList<>();
    Set<String> cacheResults = new TreeSet<>();
    for (long seed = 0; seed < 5; seed++) {
      SimulationResult result = JsWorkload.simulation(seed).retainingTrace().run();
      assertThat(result.passed()).as(result.summary()).isTrue();
      for (JsonNode record : TraceReader.parse(result.fullTrace(), "seed " + seed).records()) {
        kinds.merge(record.get("kind").asString(), 1, Integer::sum);
        if (record.get("kind").asString().equals("cache.match")) {
          cacheResults.add(record.get("result").asString());
        }
        if (record.get("kind").asString().equals("console")) {
          logs.add(record.get("text").asString());
        }
      }
    }
    assertThat(kinds)
        .containsKeys(
            "console",
            "object.started",
            "storage.write",
            "alarm.fired",
            "cache.put",
            "cache.match",
            "storage.sql",
            "storage.bookmark",
            "d1.query",
            "d1.reply",
            "queue.send",
            "queue.batch",
            "queue.settled",
            "kv.get.result",
            "kv.put");
    assertThat(cacheResults).contains("hit", "miss");
    assertThat(kinds).doesNotContainKey("guest.error");
    assertThat(logs)
        .anySatisfy(l -> assertThat(l).startsWith("cron * * * * * 2026-01-01T00:01:00.000Z"));
    assertThat(logs).anySatisfy(l -> assertThat(l).contains("200:").contains("TimeoutError"));
    assertThat(logs).anySatisfy(l -> assertThat(l).startsWith("alarm 2026-01-01T"));
    // the Text module's text and the CommonJS module's state (its nested require included)
    assertThat(logs).anySatisfy(l -> assertThat(l).startsWith("gateway cron tick #1 w=0."));
    // JS RPC ran: results, a pipelined RpcTarget call, a remote error and a durable object's
    // method.
    assertThat(logs)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("rpc ok:{\"count\":")
                    .contains("\"r#")
                    .contains("\"touches\":")
                    .contains("\"now\":1767225"));
    assertThat(logs)
        .anySatisfy(l -> assertThat(l).contains("D1_ERROR: no such table: missing: SQLITE_ERROR"));
    // Another service reads the D1 database the gateway writes.
    assertThat(logs)
        .anySatisfy(l -> assertThat(l).matches("ledger \\{\"entries\":\\d+,\"visits\":[1-9].*"));
    assertThat(logs)
        .anySatisfy(l -> assertThat(l).contains("RangeError:audit rejected").contains(":true"));
    // A WebSocket exchange with the durable object (hibernation API: tags, attachment).
    assertThat(logs)
        .anySatisfy(
            l -> assertThat(l).startsWith("ws done {\"echo\":\"hi 0.").contains("\"tags\":[\"t"));
    assertThat(kinds).containsKeys("ws.open", "ws.message", "ws.close-frame");
  }
}
