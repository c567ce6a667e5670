package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fromContract:} in a topology file's workload, run by {@code w9y fuzz}. */
class CliContractWorkloadTest {
  private static final String WAREHOUSE = "../samples/topologies/warehouse/";

  @Test
  void fuzzFindsTheWarehouseThatAnswersANearMissWith500AndSummarisesCoverage(@TempDir Path dir) {
    W9yProcess.Result broken =
        W9yProcess.run(
            "fuzz", WAREHOUSE + "w9y.yaml", "--seeds", "4", "--out", dir.resolve("v1").toString());
    assertThat(broken.exitCode()).as(broken.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(broken.all())
        .contains("near miss")
        .contains("expected a 4xx the contract declares")
        .contains("request:  ");

    W9yProcess.Result fixed =
        W9yProcess.run(
            "fuzz",
            WAREHOUSE + "correct.yaml",
            "--seeds",
            "4",
            "--out",
            dir.resolve("fixed").toString());
    assertThat(fixed.exitCode()).as(fixed.all()).isEqualTo(ExitCodes.OK);
    assertThat(fixed.all())
        .contains("contract coverage")
        .containsPattern("warehouse: operation POST /reservations returned 201")
        .containsPattern("warehouse: operation GET /stock/\\{sku\\} returned 200");
  }
}
