package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.Divergence;
import dev.w9y.core.trace.TraceReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SuppressionAndSwarmTest {

  private static SimulationResult run(FaultPlan plan, long seed) {
    return plan.applyTo(Payments.simulation(seed, true).retainingTrace()).run();
  }

  private static List<JsonNode> injected(SimulationResult result) {
    List<JsonNode> faults = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
      if (record.get("kind").asString().equals("fault.injected")) {
        faults.add(record);
      }
    }
    return faults;
  }

  @Test
  void suppressingOneFaultLeavesTheRunIdenticalUpToItAndDifferentAfter() {
    FaultPlan plan = FaultPlan.chaos();
    SimulationResult original = run(plan, 21);
    List<JsonNode> faults = injected(original);
    assertThat(faults).hasSizeGreaterThan(2);
    JsonNode chosen = faults.get(1);
    String id = chosen.get("fault").asString();

    SimulationResult replay = run(plan.withSuppressed(List.of(id)), 21);

    Optional<Divergence> divergence = Divergence.between(original.fullTrace(), replay.fullTrace());
    assertThat(divergence).isPresent();
    // Line 0 is the header: the suppressed list is an option of the plan, so compare from line 1.
    assertThat(original.fullTrace().subList(1, (int) divergence.get().line()))
        .isEqualTo(replay.fullTrace().subList(1, (int) divergence.get().line()));
  }

  @Test
  void suppressedFaultsAreRecordedAndTheRestOfTheRunStillDiffers() {
    FaultPlan plan = FaultPlan.chaos();
    SimulationResult original = run(plan, 21);
    String first = injected(original).get(0).get("fault").asString();

    SimulationResult replay = run(plan.withSuppressed(List.of(first)), 21);

    assertThat(replay.fullTrace())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"kind\":\"fault.suppressed\"")
                    .contains("\"fault\":\"" + first + "\""));
    assertThat(replay.traceSha256()).isNotEqualTo(original.traceSha256());
  }

  @Test
  void theSamePlanAndSeedGiveTheSameTraceForEveryFamily() {
    for (long seed = 0; seed < 30; seed++) {
      assertThat(run(FaultPlan.chaos(), seed).traceSha256())
          .isEqualTo(run(FaultPlan.chaos(), seed).traceSha256());
    }
  }

  @Test
  void swarmDerivesADifferentMixFromEachSeed() {
    Set<String> plans = new LinkedHashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult result = run(FaultPlan.swarm(), seed);
      JsonNode plan =
          TraceReader.parse(result.fullTrace(), "seed " + seed).records().stream()
              .filter(r -> r.get("kind").asString().equals("fault.plan"))
              .findFirst()
              .orElseThrow();
      plans.add(plan.toString());
      assertThat(run(FaultPlan.swarm(), seed).traceSha256()).isEqualTo(result.traceSha256());
    }
    assertThat(plans.size()).isGreaterThan(15);
  }

  @Test
  void swarmSwitchesAndScalesAPlansOwnWorkflowFaultsWithTheStorageFamily() {
    dev.w9y.scheduler.Ratio one = dev.w9y.scheduler.Ratio.of(1, 16);
    FaultPlan.WorkflowFaults own =
        new FaultPlan.WorkflowFaults(one, one, one, FaultPlan.StorageFaults.CHAOS.alarmDelayBy());
    FaultPlan base = FaultPlan.swarm().withWorkflows(own);
    Set<String> seen = new LinkedHashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      dev.w9y.scheduler.RandomStream random = dev.w9y.scheduler.RandomStream.root(seed);
      FaultPlan resolved = Swarm.resolve(base, random);
      // The same draws as the plan without workflow faults of its own: no family moved.
      FaultPlan without =
          Swarm.resolve(FaultPlan.swarm(), dev.w9y.scheduler.RandomStream.root(seed));
      assertThat(resolved.withWorkflows(null)).isEqualTo(without);
      FaultPlan.WorkflowFaults workflows = resolved.workflows();
      if (resolved.storage().equals(FaultPlan.StorageFaults.NONE)) {
        assertThat(workflows).isEqualTo(FaultPlan.WorkflowFaults.NONE);
      } else {
        // Scaled by the storage family's factor: its crashAfterWrite moved the same way.
        long factorNumerator =
            resolved.storage().crashAfterWrite().numerator()
                * FaultPlan.StorageFaults.CHAOS.crashAfterWrite().denominator();
        long factorDenominator =
            resolved.storage().crashAfterWrite().denominator()
                * FaultPlan.StorageFaults.CHAOS.crashAfterWrite().numerator();
        assertThat(workflows.crash().numerator() * 16 * factorDenominator)
            .isEqualTo(workflows.crash().denominator() * factorNumerator);
      }
      seen.add(String.valueOf(workflows));
    }
    assertThat(seen.size()).as("on, off and several scales").isGreaterThan(2);
  }
}
