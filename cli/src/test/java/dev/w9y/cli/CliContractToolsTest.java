package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code w9y contract diff} and {@code w9y contract types} as a user runs them, on the upgrade
 * sample's two contract versions.
 */
class CliContractToolsTest {
  private static final String V1 = "../samples/src/main/js/upgrade/accounts-v1.openapi.yaml";
  private static final String V2 = "../samples/src/main/js/upgrade/accounts-v2.openapi.yaml";

  @Test
  void aBreakingChangeIsListedAndExitsOne() {
    W9yProcess.Result result = W9yProcess.run("contract", "diff", V1, V2);
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.BREAKING_CHANGES);
    assertThat(result.out())
        .contains("1 breaking, 1 non-breaking")
        .contains(
            "  BREAKING property-became-required POST /accounts/{id}/deposits"
                + " /request/body/amountCents: request: new required property 'amountCents'")
        .contains(
            "  NON_BREAKING property-removed POST /accounts/{id}/deposits /request/body/amount:"
                + " request: required property 'amount' removed");
    // The other way round, version 2 callers against version 1 break on 'amount'.
    W9yProcess.Result back = W9yProcess.run("contract", "diff", V2, V1);
    assertThat(back.exitCode()).isEqualTo(ExitCodes.BREAKING_CHANGES);
    assertThat(back.out()).contains("new required property 'amount'");
  }

  @Test
  void noChangeExitsZero() {
    W9yProcess.Result result = W9yProcess.run("contract", "diff", V1, V1);
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).contains("0 breaking, 0 non-breaking");
  }

  @Test
  void jsonOutputCarriesEveryChange() {
    W9yProcess.Result result = W9yProcess.run("contract", "diff", V1, V2, "--json");
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.BREAKING_CHANGES);
    JsonNode json = Json.MAPPER.readTree(result.out());
    assertThat(json.get("breaking").asInt()).isEqualTo(1);
    assertThat(json.get("nonBreaking").asInt()).isEqualTo(1);
    // In pointer order: the removed 'amount' before the new 'amountCents'.
    assertThat(json.get("changes").get(0).get("pointer").asString())
        .isEqualTo("/request/body/amount");
    JsonNode first = json.get("changes").get(1);
    assertThat(first.get("severity").asString()).isEqualTo("BREAKING");
    assertThat(first.get("kind").asString()).isEqualTo("property-became-required");
    assertThat(first.get("operation").asString()).isEqualTo("POST /accounts/{id}/deposits");
    assertThat(first.get("pointer").asString()).isEqualTo("/request/body/amountCents");
  }

  @Test
  void badInputIsOneLineAndExitsTwo(@TempDir Path dir) throws Exception {
    W9yProcess.Result missing = W9yProcess.run("contract", "diff", V1, "no-such.yaml");
    assertThat(missing.exitCode()).as(missing.all()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).isEqualTo("w9y diff: no-such.yaml: no such file\n");

    Path notAContract = Files.writeString(dir.resolve("x.yaml"), "hello: world\n");
    W9yProcess.Result wrong = W9yProcess.run("contract", "diff", V1, notAContract.toString());
    assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(wrong.err()).startsWith("w9y diff: contract x.yaml: not a contract W9Y reads");
  }

  @Test
  void typesWritesTheDeclarations(@TempDir Path dir) throws Exception {
    W9yProcess.Result result = W9yProcess.run("contract", "types", V2, "--out", dir.toString());
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
    Path written = dir.resolve("accounts-v2.d.ts");
    assertThat(result.out()).contains("wrote " + written);
    assertThat(Files.readString(written))
        .contains(
            "export type Deposit = {\n  amountCents: number;\n  currency: \"EUR\" | \"USD\";\n};")
        .contains("  \"POST /accounts/{id}/deposits\": DepositOperation;");
  }
}
