package dev.w9y.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.TraceReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WasmWorkloadTest {
  @Test
  void theSameSeedGivesTheSameTraceAndSeedsDiffer() {
    List<String> first = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      first.add(DeterminismCheck.worldLine(WasmWorkload.run(seed)));
    }
    for (long seed = 0; seed < 20; seed++) {
      assertThat(DeterminismCheck.worldLine(WasmWorkload.run(seed)))
          .isEqualTo(first.get((int) seed));
    }
    assertThat(first.stream().map(line -> line.substring(line.indexOf("trace="))))
        .doesNotHaveDuplicates();
  }

  @Test
  void theModuleReallyReadsClocksDrawsRandomnessAndFetches() {
    SimulationResult result = WasmWorkload.simulation(3).retainingTrace().run();
    List<String> stdout = new ArrayList<>();
    int fetches = 0;
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "seed 3").records()) {
      if (record.path("level").asString("").equals("stdout")) {
        stdout.add(record.get("text").asString());
      }
      if (record.path("kind").asString("").equals("request.sent")
          && record.path("actor").asString("").startsWith("ticker")) {
        fetches++;
      }
    }
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(stdout).hasSize(15).doesNotHaveDuplicates();
    assertThat(fetches).isEqualTo(15);
  }
}
