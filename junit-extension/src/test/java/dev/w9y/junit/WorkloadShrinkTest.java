package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.Payments;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadShrinkTest {
  @TempDir Path traces;

  @Test
  void aWorkloadThatSizesItselfIsHalvedWhileTheFailureRemainsAndThePlanReplaysThatSize() {
    SeedRunner runner =
        new SeedRunner("Payments#buggy", "mvn test", traces, FaultPlan.chaos(), 200, false);
    Optional<SeedRunner.Outcome> reduced = Optional.empty();
    long seed = 0;
    for (; seed < 200 && reduced.isEmpty(); seed++) {
      SeedRunner.Outcome outcome = runner.run(Payments.simulation(seed, false), seed);
      if (!outcome.passed() && outcome.report().contains("workload:  still fails at")) {
        reduced = Optional.of(outcome);
      }
    }
    assertThat(reduced)
        .as("a failure whose faults come early enough to survive a smaller workload")
        .isPresent();
    long failing = reduced.get().result().seed();
    SeedRunner.ShrunkPlan plan =
        SeedRunner.ShrunkPlan.read(traces.resolve("seed-" + failing + ".plan"));

    assertThat(plan.workloadPercent()).isLessThan(100);
    assertThat(reduced.get().report())
        .contains("still fails at " + plan.workloadPercent() + "% of its size");
    SeedRunner replay =
        new SeedRunner(
            "Payments#buggy",
            "mvn test",
            traces.resolve("replay"),
            FaultPlan.chaos().withOnly(plan.faults()),
            0,
            false,
            plan.workloadPercent());
    SeedRunner.Outcome again = replay.run(Payments.simulation(failing, false), failing);
    assertThat(again.passed()).isFalse();
    assertThat(again.result().fullTrace().get(0))
        .contains("\"workloadPercent\":" + plan.workloadPercent());
  }
}
