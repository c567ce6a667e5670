package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.TraceReader;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultKindTest {

  @Test
  void everyIdTheInjectorRecordsIsAcceptedAndOfItsFamilysKind() {
    TreeSet<String> families = new TreeSet<>();
    for (long seed = 0; seed < 30; seed++) {
      SimulationResult result =
          FaultPlan.chaos().applyTo(DriverHarness.simulation(seed, true).retainingTrace()).run();
      for (JsonNode record : TraceReader.parse(result.fullTrace(), "run").records()) {
        if (record.get("kind").asString().equals("fault.injected")) {
          String id = record.get("fault").asString();
          String family = record.get("family").asString();
          assertThat(FaultKind.ofFaultId(id).label()).isEqualTo(family.split("\\.")[0]);
          families.add(family);
        }
      }
    }
    assertThat(families)
        .contains(
            "network.drop",
            "network.delay",
            "http.unknown-outcome",
            "process.crash",
            "storage.write-failure",
            "clock.skew");
  }

  @Test
  void truncatedMistypedAndUnknownIdsAreRefusedNamingThem() {
    assertThat(FaultKind.ofFaultId("storage.write-failure:JOURNAL:0123456789ab/write#12"))
        .isEqualTo(FaultKind.STORAGE);
    assertThat(FaultKind.ofFaultId("network.partition:partitions#2")).isEqualTo(FaultKind.NETWORK);

    assertThatThrownBy(() -> FaultKind.ofFaultId("network.drop:payments->accounts/request#"))
        .hasMessageContaining("fault id 'network.drop:payments->accounts/request#' is malformed")
        .hasMessageContaining("truncated?");
    assertThatThrownBy(() -> FaultKind.ofFaultId("storage.write-failure:JOURNAL:0123"))
        .hasMessageContaining("'storage.write-failure:JOURNAL:0123' is malformed");
    assertThatThrownBy(() -> FaultKind.ofFaultId("network.dorp:a->b/request#1"))
        .hasMessageContaining("unknown fault family 'network.dorp'")
        .hasMessageContaining("network.drop");
    assertThatThrownBy(() -> FaultKind.ofFaultId("f3"))
        .hasMessageContaining("fault id 'f3' is malformed");
  }

  @Test
  void plansRefuseIdsThatCouldNeverMatchAFault() {
    assertThatThrownBy(() -> FaultPlan.chaos().withSuppressed(List.of("f3")))
        .hasMessageContaining("'f3'");
    assertThatThrownBy(() -> FaultPlan.chaos().withOnly(List.of("process.crash:crashes#0")))
        .hasMessageContaining("'process.crash:crashes#0'");
  }

  @Test
  void kindsAreNamedInLowerCaseAndParsedInAnyCase() {
    assertThat(FaultKind.BUGGIFY.label()).isEqualTo("buggify");
    assertThat(FaultKind.parse("Storage")).isEqualTo(FaultKind.STORAGE);
    assertThatThrownBy(() -> FaultKind.parse("disk"))
        .hasMessageContaining("unknown fault kind 'disk'")
        .hasMessageContaining("network, http, process, storage, clock, buggify");
  }
}
