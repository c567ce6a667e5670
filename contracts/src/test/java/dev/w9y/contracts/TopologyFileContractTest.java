package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.Topology;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.topology.TopologyFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code contract:} per service and a top-level {@code contracts:} in topology files. */
class TopologyFileContractTest {
  static final Path DIR = Path.of("src/test/resources/contracts/topology");

  @Test
  void contractsLoadThroughTheServiceLoader() {
    Topology topology = TopologyFile.load(DIR.resolve("topology.yaml"));
    assertThat(topology.service("orders").contract().identity())
        .startsWith("openapi3.0:orders.yaml");
    assertThat(topology.service("payments").contract().identity())
        .startsWith("jsonschema:routes.yaml");
  }

  static TopologyFileException error(String yaml) {
    try {
      TopologyFile.parse(yaml, "t.yaml", DIR.toAbsolutePath());
    } catch (TopologyFileException e) {
      return e;
    }
    throw new AssertionError("no error for " + yaml);
  }

  @Test
  void aContractForAnUnknownServiceIsAnError() {
    assertThat(
            error(
                    "services:\n  orders: {kind: js, entry: orders.js}\n"
                        + "contracts:\n  order: {openapi: ../openapi30/orders.yaml}\n")
                .getMessage())
        .contains("t.yaml:4")
        .contains(
            "a contract for service 'order', which the topology does not define (services: [orders])");
  }

  @Test
  void badContractsAreErrorsAtTheirKey() {
    assertThat(
            error(
                    "services:\n  orders: {kind: js, entry: orders.js, contract: {swagger: x.yaml}}\n")
                .getMessage())
        .contains("t.yaml:2")
        .contains("names no contract format (available: [openapi, jsonschema, protobuf]");
    assertThat(
            error(
                    "services:\n  orders: {kind: js, entry: orders.js, contract: {openapi: nope.yaml}}\n")
                .getMessage())
        .contains("file not found: nope.yaml");
    assertThatThrownBy(
            () ->
                TopologyFile.parse(
                    "services:\n  orders:\n    kind: js\n    entry: orders.js\n"
                        + "    contract: {openapi: topology.yaml}\n",
                    "t.yaml",
                    DIR.toAbsolutePath()))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining("t.yaml:5")
        .hasMessageContaining("contract topology.yaml at /openapi: expected an OpenAPI 3.0 or 3.1");
  }
}
