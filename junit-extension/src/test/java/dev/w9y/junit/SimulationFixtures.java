package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.faults.Payments;
import dev.w9y.junit.W9ySimulation.Faults;

/**
 * Test classes the extension's tests run through the JUnit engine (EngineTestKit). Their names keep
 * Surefire from running them directly.
 */
final class SimulationFixtures {
  private SimulationFixtures() {}

  /** Passes for every seed: the payments system with the idempotency fix. */
  static class FixedPayments {
    @W9ySimulation(seeds = 5, faults = Faults.CHAOS)
    void nobodyIsChargedTwice(W9yRun run) {
      assertThat(run.check(Payments.simulation(run.seed(), true)).passed()).isTrue();
    }
  }

  /** Fails for most seeds: retries without an idempotency key. */
  static class BuggyPayments {
    @W9ySimulation(seeds = 5, faults = Faults.CHAOS)
    void nobodyIsChargedTwice(W9yRun run) {
      run.check(Payments.simulation(run.seed(), false));
    }
  }

  /** Explicit seeds, and a plain {@code long} parameter. */
  static class ExplicitSeeds {
    @W9ySimulation(seed = {11, 22, 33})
    void runs(long seed) {
      assertThat(seed).isIn(11L, 22L, 33L);
    }
  }
}
