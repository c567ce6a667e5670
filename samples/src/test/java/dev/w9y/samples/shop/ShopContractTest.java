package dev.w9y.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ContractViolated;
import dev.w9y.core.SimulationResult;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import org.junit.jupiter.api.Test;

class ShopContractTest {
  /** The storefront keeps the inventory's contract on every seed, retries and faults included. */
  @W9ySimulation(seeds = 20)
  void theStorefrontKeepsTheInventorysContract(W9yRun run) {
    run.check(Shop.simulation("storefront.js", run.seed()));
  }

  /**
   * The retry path sends the field's old name. It runs only after an injected 503, so some seeds
   * pass; W9Y finds one that does not, names the field, sender and receiver, and replays it.
   */
  @Test
  void theRenamedFieldIsFoundOnSomeSeedsAndAFailingSeedReplays() {
    SimulationResult failing = null;
    int passed = 0;
    for (long seed = 1; seed <= 20; seed++) {
      SimulationResult result = Shop.simulation("storefront-v1-retry.js", seed).run();
      if (result.passed()) {
        passed++; // no injected 503, so the retry never ran
      } else if (failing == null) {
        failing = result;
      }
    }
    assertThat(passed).as("seeds without a retry pass").isPositive();
    assertThat(failing).as("a seed within 20 that retries").isNotNull();
    ContractViolated violation = (ContractViolated) failing.failure().orElseThrow();
    assertThat(violation.service()).isEqualTo("inventory");
    assertThat(violation.sender()).isEqualTo("storefront#0");
    assertThat(violation.violation().pointer()).isEqualTo("/body");
    assertThat(violation.violation().expected()).contains("quantity");
    assertThat(violation.violation().actual()).contains("\"qty\"");
    assertThat(violation.getMessage()).contains("seed " + failing.seed());
    SimulationResult replay = Shop.simulation("storefront-v1-retry.js", failing.seed()).run();
    assertThat(replay.traceSha256()).isEqualTo(failing.traceSha256());
    assertThat(replay.failure().orElseThrow().getMessage()).isEqualTo(violation.getMessage());
    // The fixed storefront passes the very seed that failed.
    assertThat(Shop.simulation("storefront.js", failing.seed()).run().passed()).isTrue();
  }
}
