package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topology file whose service declares an OpenAPI contract (samples/topologies/shop): the jar
 * carries the contract formats, so `w9y run` checks the messages on the network.
 */
class CliContractsTest {
  private static final String SHOP = "../samples/topologies/shop/";

  @Test
  void aContractViolationFailsTheSeedAndTheFixedStorefrontPasses(@TempDir Path dir) {
    // Seed 760204976 injects a (typed) 503, so the v1 storefront's retry sends the old field.
    W9yProcess.Result broken =
        W9yProcess.run(
            "run",
            SHOP + "w9y.yaml",
            "--seed",
            "760204976",
            "--trace",
            dir.resolve("broken.jsonl").toString());
    assertThat(broken.exitCode()).as(broken.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(broken.out())
        .contains("contract of 'inventory' violated by the request from storefront#0")
        .contains("required property 'quantity' not found");

    W9yProcess.Result fixed =
        W9yProcess.run(
            "run",
            SHOP + "correct.yaml",
            "--seed",
            "760204976",
            "--trace",
            dir.resolve("fixed.jsonl").toString());
    assertThat(fixed.exitCode()).as(fixed.all()).isEqualTo(ExitCodes.OK);
    assertThat(Files.exists(dir.resolve("fixed.jsonl"))).isTrue();
  }
}
