package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.CheckFailed;
import dev.w9y.core.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * The point of it all: a seed sweep under the default plan finds a retry without an idempotency
 * key, and the same sweep passes once the key is honoured.
 */
class PlantedBugTest {
  static final int SEEDS = 200;

  @Test
  void theDefaultPlanFindsTheDoubleChargeAndTheFixPassesTheSameSweep() {
    Long firstFailingSeed = null;
    for (long seed = 0; seed < SEEDS && firstFailingSeed == null; seed++) {
      SimulationResult buggy = FaultPlan.chaos().applyTo(Payments.simulation(seed, false)).run();
      if (!buggy.passed()) {
        assertThat(buggy.failure().get()).isInstanceOf(CheckFailed.class);
        assertThat(((CheckFailed) buggy.failure().get()).checkName())
            .isEqualTo("nobody is charged twice");
        firstFailingSeed = seed;
      }
    }
    assertThat(firstFailingSeed)
        .as("some seed below %d finds the double charge", SEEDS)
        .isNotNull();

    for (long seed = 0; seed < SEEDS; seed++) {
      SimulationResult fixed = FaultPlan.chaos().applyTo(Payments.simulation(seed, true)).run();
      assertThat(fixed.passed()).as(fixed.summary()).isTrue();
    }
  }
}
