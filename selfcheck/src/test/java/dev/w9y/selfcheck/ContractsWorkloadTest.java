package dev.w9y.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.faults.FaultPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsWorkloadTest {
  private static final int SEEDS = 8;

  @Test
  void theSameSeedGivesTheSameTraceWithContractsChecked() {
    List<String> first = new ArrayList<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      first.add(DeterminismCheck.worldLine(ContractsWorkload.run(seed)));
    }
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(DeterminismCheck.worldLine(ContractsWorkload.run(seed)))
          .as("seed %d run twice", seed)
          .isEqualTo(first.get((int) seed));
    }
    assertThat(first.stream().map(line -> line.substring(line.indexOf("trace="))))
        .doesNotHaveDuplicates();
  }

  @Test
  void bothContractsAreCheckedAndBrokenAndTheTraceDoesNotDependOnWhereTheFilesLie(
      @TempDir Path one, @TempDir Path other) {
    boolean requestToHost = false;
    boolean responseFromShop = false;
    for (long seed = 0; seed < 3; seed++) {
      SimulationResult here =
          FaultPlan.swarm().applyTo(ContractsWorkload.simulation(seed, one)).retainingTrace().run();
      SimulationResult there =
          FaultPlan.swarm().applyTo(ContractsWorkload.simulation(seed, other.resolve("x/y"))).run();
      assertThat(there.traceSha256()).as("seed %d", seed).isEqualTo(here.traceSha256());
      String trace = String.join("\n", here.fullTrace());
      assertThat(trace)
          .doesNotContain(one.toString())
          .contains("\"contract\":\"openapi3.0:shop.openapi.yaml sha256:")
          .contains("\"contract\":\"protobuf:rates.proto sha256:")
          .contains("\"contracts\":\"report\"");
      requestToHost |=
          trace.contains("\"to\":\"rates.example\"") && trace.contains("/query/precision");
      responseFromShop |=
          trace.contains("\"direction\":\"response\"") && trace.contains("/body/total");
    }
    assertThat(requestToHost).as("an ill-typed precision sent to the external host").isTrue();
    assertThat(responseFromShop).as("an ill-typed total answered by the shop").isTrue();
  }
}
