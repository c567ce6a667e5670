package dev.w9y.samples.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.junit.SeedRunner;
import dev.w9y.junit.SeedSelection;
import dev.w9y.junit.Simulations;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract-driven workloads: requests generated from the warehouse's contract find the version that
 * answers a near miss with 500, name the request and the response, replay by seed; the fixed
 * warehouse passes every seed, and the sweep summary says which statuses each operation answered.
 */
class WarehouseContractTest {
  @TempDir Path traces;

  @Test
  void aNearMissAnsweredWith500FailsASeedThatReplays() {
    SimulationResult failing = null;
    for (long seed = 1; seed <= 10 && failing == null; seed++) {
      SimulationResult result = Warehouse.simulation("warehouse-v1.js", seed).run();
      if (!result.passed()) {
        failing = result;
      }
    }
    assertThat(failing).as("a failing seed within 10").isNotNull();
    String message = failing.failure().orElseThrow().getMessage();
    assertThat(message)
        .contains("seed " + failing.seed())
        .containsPattern(
            "near miss (POST /reservations|GET /stock/\\{sku\\}) \\(.+\\) answered \\d+")
        .contains("expected a 4xx the contract declares")
        .containsPattern("request:  (POST|GET) http://warehouse/")
        .containsPattern("response: \\d{3} ");
    // The same seed is the same run: same trace, same failure.
    SimulationResult again = Warehouse.simulation("warehouse-v1.js", failing.seed()).run();
    assertThat(again.traceSha256()).isEqualTo(failing.traceSha256());
    assertThat(again.failure().orElseThrow().getMessage()).isEqualTo(message);
    // The warehouse that checks its input passes the very seed.
    assertThat(Warehouse.simulation("warehouse.js", failing.seed()).run().passed()).isTrue();
  }

  @Test
  void aBadQuantityThatBecomesA500IsNamedWithItsRequestAndResponse() {
    // Some seed sends a near miss whose quantity makes reserve() throw: the catch-all's 500.
    String found = null;
    for (long seed = 1; seed <= 40 && found == null; seed++) {
      SimulationResult result = Warehouse.simulation("warehouse-v1.js", seed).run();
      String message = result.failure().map(Throwable::getMessage).orElse("");
      if (message.contains("answered 500")) {
        found = message;
      }
    }
    assertThat(found).as("a seed within 40 whose near miss got a 500").isNotNull();
    assertThat(found)
        .contains("near miss POST /reservations")
        .contains("response: 500 {\"error\":\"internal error\"}")
        .contains("declared: [201, 400, 409, 422, 503]");
  }

  @Test
  void theFixedWarehousePassesEverySeedAndTheSummaryListsEachOperationsStatuses() {
    Simulations.SweepResult sweep =
        Simulations.sweep(
            "WarehouseContractTest",
            seed -> Warehouse.simulation("warehouse.js", seed),
            SeedSelection.derived("WarehouseContractTest", 30).stream(),
            new SeedRunner(
                "WarehouseContractTest", "mvn test", traces, Warehouse.SERVER_ERRORS, 20, false),
            1,
            Ratio.of(1, 5),
            0);
    assertThat(sweep.failures()).isEmpty();
    assertThat(sweep.nondeterminism()).isEmpty();
    assertThat(sweep.seedsRun()).isEqualTo(30);
    // Every generated body is JSON, so the 400 for one that is not never comes; a 503 comes only
    // from
    // injected faults, which are not the warehouse's answers.
    assertThat(sweep.summary())
        .contains("contract coverage")
        .containsPattern(
            "warehouse: operation POST /reservations returned 201, 400, 409 and 422, never 503 \\(201 in 30/30 seeds")
        .containsPattern("warehouse: operation GET /stock/\\{sku\\} returned 200 and 404 \\(");
  }

  @Test
  void aContractDrivenRunIsTheSameRunTwice() {
    SimulationResult first = Warehouse.simulation("warehouse.js", 7).run();
    SimulationResult second = Warehouse.simulation("warehouse.js", 7).run();
    assertThat(first.passed()).isTrue();
    assertThat(second.traceSha256()).isEqualTo(first.traceSha256());
    assertThat(second.contractCoverage()).isEqualTo(first.contractCoverage());
    assertThat(first.contractCoverage().get("warehouse: operation POST /reservations"))
        .containsKeys("201", "400", "409", "422", "503");
    assertThat(Warehouse.simulation("warehouse.js", 8).run().traceSha256())
        .isNotEqualTo(first.traceSha256());
  }
}
