package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.Payments;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plan a failing seed writes is one its replay matches fault for fault and still fails, also
 * when shrinking stopped early (a small budget leaves faults the failure does not need).
 */
class PlanReplayTest {
  @TempDir Path traces;

  @Test
  void aPlanShrunkOnASmallBudgetListsOnlyFaultsItsReplayInjects() {
    int plans = 0;
    for (int attempts : new int[] {3, 10, 28}) {
      SeedRunner runner =
          new SeedRunner("Payments#shrink", "mvn test", traces, FaultPlan.chaos(), attempts, false);
      for (long seed = 0; seed < 10; seed++) {
        SeedRunner.Outcome outcome = runner.run(Payments.simulation(seed, false), seed);
        Path plan = traces.resolve("seed-" + seed + ".plan");
        if (outcome.passed() || !Files.exists(plan)) {
          continue;
        }
        SeedRunner.ShrunkPlan shrunk = SeedRunner.ShrunkPlan.read(plan);
        SeedRunner replaying =
            new SeedRunner(
                    "Payments#shrink",
                    "mvn test",
                    traces,
                    FaultPlan.chaos().withOnly(shrunk.faults()),
                    attempts,
                    false,
                    shrunk.workloadPercent())
                .replaying(plan);

        // Throws, naming the fault, if the plan lists one the replay never injects.
        SeedRunner.Outcome replay = replaying.run(Payments.simulation(seed, false), seed);

        assertThat(replay.passed()).isFalse();
        assertThat(outcome.shrunkFaults().orElseThrow()).isEqualTo(shrunk.faults());
        plans++;
      }
    }
    assertThat(plans).isGreaterThan(5);
  }
}
