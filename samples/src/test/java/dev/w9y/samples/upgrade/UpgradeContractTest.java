package dev.w9y.samples.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.contracts.diff.ChangeKind;
import dev.w9y.contracts.diff.ContractDiff;
import dev.w9y.contracts.diff.DiffReport;
import dev.w9y.core.ContractViolated;
import dev.w9y.core.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * Version 1 callers against a version 2 callee: the diff of the two contracts names the breaking
 * change, and the simulation shows it as a failing seed, reproduced by that seed.
 */
class UpgradeContractTest {
  @Test
  void theDiffOfTheTwoVersionsNamesTheRenamedField() {
    DiffReport report =
        ContractDiff.compare(
            Upgrade.SOURCES.resolve("accounts-v1.openapi.yaml"),
            Upgrade.SOURCES.resolve("accounts-v2.openapi.yaml"));
    assertThat(report.breaking())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.kind()).isEqualTo(ChangeKind.PROPERTY_BECAME_REQUIRED);
              assertThat(change.operation()).isEqualTo("POST /accounts/{id}/deposits");
              assertThat(change.pointer()).isEqualTo("/request/body/amountCents");
            });
  }

  @Test
  void versionOneCallersPassAgainstAVersionOneCallee() {
    for (long seed = 1; seed <= 5; seed++) {
      SimulationResult result = Upgrade.simulation(1, seed).run();
      assertThat(result.passed()).as("seed %d: %s", seed, result.failure()).isTrue();
    }
  }

  @Test
  void versionOneCallersFailAgainstAVersionTwoCalleeAndTheSeedReplays() {
    SimulationResult failed = Upgrade.simulation(2, 7).run();
    assertThat(failed.passed()).isFalse();
    ContractViolated violation = (ContractViolated) failed.failure().orElseThrow();
    assertThat(violation.service()).isEqualTo("accounts");
    assertThat(violation.sender()).isEqualTo("billing#0");
    assertThat(violation.direction()).isEqualTo("request");
    assertThat(violation.violation().operation()).isEqualTo("POST /accounts/{id}/deposits");
    assertThat(violation.violation().pointer()).isEqualTo("/body");
    assertThat(violation.violation().expected()).contains("amountCents");
    assertThat(violation.violation().actual()).contains("\"amount\"");
    assertThat(violation.getMessage()).contains("seed 7");

    SimulationResult replay = Upgrade.simulation(2, 7).run();
    assertThat(replay.traceSha256()).isEqualTo(failed.traceSha256());
    assertThat(replay.failure().orElseThrow().getMessage()).isEqualTo(violation.getMessage());
    // The same seed with the version 1 callee passes: the break is the version, not the seed.
    assertThat(Upgrade.simulation(1, 7).run().passed()).isTrue();
  }
}
