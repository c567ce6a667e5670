package dev.w9y.samples.payments;

import dev.w9y.faults.Payments;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import dev.w9y.junit.W9ySimulation.Faults;

/**
 * The payments system (a retry with an idempotency key) under the default fault plan. The same
 * system without the key fails most seeds: see faults' PlantedBugTest. For a CI fuzz job: {@code
 * mvn test -Dtest=PaymentsTest -Dw9y.fuzz=10m}.
 */
class PaymentsTest {
  @W9ySimulation(seeds = 50, faults = Faults.CHAOS)
  void nobodyIsChargedTwice(W9yRun run) {
    run.check(Payments.simulation(run.seed(), true));
  }
}
