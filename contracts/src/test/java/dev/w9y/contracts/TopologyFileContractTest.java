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

  static final String SERVICES =
      "services:\n"
          + "  orders: {kind: js, entry: orders.js, public: true,"
          + " contract: {openapi: ../openapi30/orders.yaml}}\n"
          + "  hidden: {kind: js, entry: orders.js, contract: {openapi: ../openapi30/orders.yaml}}\n"
          + "  plain: {kind: js, entry: orders.js, public: true}\n";

  @Test
  void aWorkloadFromAContractRunsAndFindsAServiceThatAcceptsNearMisses() {
    TopologyFile.TopologyDocument document =
        TopologyFile.parse(
            SERVICES
                + "workload:\n"
                + "  fromContract: {service: orders, requests: 12, nearMisses: 1/2, within: 50ms}\n",
            "t.yaml",
            DIR.toAbsolutePath());
    var generated = document.workload().orElseThrow().fromContract();
    assertThat(generated).hasSize(1);
    assertThat(generated.get(0).service()).isEqualTo("orders");
    assertThat(generated.get(0).requests()).isEqualTo(12);
    // orders.js answers every request with 201: a near miss answered 2xx fails the seed. (Its
    // wrong answers to valid requests are only counted here, in report mode; enforced, the first
    // would fail the seed as a contract violation.)
    dev.w9y.core.Simulation simulation =
        dev.w9y.core.Simulation.builder(document.topology())
            .seed(3)
            .contracts(dev.w9y.core.contract.ContractMode.REPORT)
            .workload(document.workload().orElseThrow()::newWorkload)
            .build();
    dev.w9y.core.SimulationResult result = simulation.run();
    assertThat(result.failure().orElseThrow().getMessage())
        .contains("near miss")
        .contains("answered 201, expected a 4xx the contract declares")
        .contains("request:  ");
    assertThat(simulation.run().traceSha256()).isEqualTo(result.traceSha256());
  }

  @Test
  void aWorkloadFromAContractNamesAPublicServiceWithAContract() {
    assertThat(error(SERVICES + "workload:\n  fromContract: {service: nope}\n").getMessage())
        .contains("t.yaml:6")
        .contains("no service named 'nope'");
    assertThat(error(SERVICES + "workload:\n  fromContract: {service: hidden}\n").getMessage())
        .contains("service 'hidden' is not public");
    assertThat(error(SERVICES + "workload:\n  fromContract: [{service: plain}]\n").getMessage())
        .contains("service 'plain' has no contract");
    assertThat(
            error(SERVICES + "workload:\n  fromContract: {service: orders, count: 3}\n")
                .getMessage())
        .contains("count");
    assertThat(
            error(SERVICES + "workload:\n  fromContract: {service: orders, requests: 0}\n")
                .getMessage())
        .contains("must be at least 1");
  }
}
