package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ContractViolated;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.topology.TopologyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An external host with a contract: a service calls {@code https://api.orders.example} by URL; the
 * simulated host answers from its contract (or a fake answers), and both directions are checked.
 */
class ExternalHostTest {
  static final String HOST = "api.orders.example";

  /** A public shop that orders from the external host with {@code qtyJson} as the quantity. */
  static ServiceSpec shop(String qtyJson, List<String> answers) {
    return ServiceSpec.of(
            "shop",
            JavaGuest.handler(
                (request, host) ->
                    host.fetch(
                            Request.post(
                                    "https://" + HOST + "/orders",
                                    Body.ofText("{\"item\":\"tea\",\"qty\":" + qtyJson + "}"))
                                .withHeader("content-type", "application/json")
                                .withHeader("x-request-id", "shop-1"))
                        .then(
                            answer -> {
                              answers.add(answer.status() + " " + answer.body().text());
                              return Response.text(200, "ordered");
                            })))
        .asPublic();
  }

  static Simulation simulation(Topology topology, long seed, ContractMode mode) {
    return Simulation.builder(topology)
        .seed(seed)
        .contracts(mode)
        .workload(() -> clients -> clients.fetch(Request.get("http://shop/buy")))
        .build()
        .retainingTrace();
  }

  @Test
  void theHostAnswersWithTheResponseItsContractDeclares() {
    List<String> answers = new ArrayList<>();
    Topology topology =
        Topology.builder()
            .service(shop("2", answers))
            .external("orders-api", HOST, ContractCheckingTest.ORDERS)
            .build();
    SimulationResult result = simulation(topology, 3, ContractMode.ENFORCE).run();
    assertThat(result.passed()).as(String.valueOf(result.failure())).isTrue();
    assertThat(result.contractViolations()).isZero();
    // 201 and the smallest Order the schema accepts.
    assertThat(answers).containsExactly("201 {\"id\":0,\"item\":\"\",\"qty\":0}");
    assertThat(String.join("\n", result.fullTrace()))
        .contains("\"kind\":\"external\"")
        .contains("\"code\":\"" + HOST + " answered from its contract\"");
  }

  @Test
  void anIllTypedRequestToTheHostNamesTheSenderTheHostAndThePointer() {
    Topology topology =
        Topology.builder()
            .service(shop("\"2\"", new ArrayList<>()))
            .service(ServiceSpec.external("orders-api", HOST, ContractCheckingTest.ORDERS))
            .build();
    SimulationResult result = simulation(topology, 3, ContractMode.ENFORCE).run();
    ContractViolated failure = (ContractViolated) result.failure().orElseThrow();
    assertThat(failure.service()).isEqualTo("orders-api");
    assertThat(failure.direction()).isEqualTo("request");
    assertThat(failure.sender()).isEqualTo("shop#0");
    assertThat(failure.receiver()).isEqualTo(HOST);
    assertThat(failure.violation().pointer()).isEqualTo("/body/qty");
    assertThat(failure.getMessage())
        .contains("violated by the request from shop#0 to api.orders.example")
        .contains("request-body POST /orders at /body/qty");
    assertThat(ContractCheckingTest.records(result, "contract.violation").get(0))
        .contains("\"service\":\"orders-api\"")
        .contains("\"to\":\"" + HOST + "\"");
  }

  @Test
  void aFakesAnswersAreCheckedAgainstTheHostsContract() {
    JavaGuest fake =
        JavaGuest.handler(
            (request, host) ->
                Promise.resolved(
                    new Response(
                        201,
                        Headers.of("content-type", "application/json"),
                        Body.ofText("{\"id\":\"seven\",\"item\":\"tea\",\"qty\":2}"))));
    List<String> answers = new ArrayList<>();
    Topology topology =
        Topology.builder()
            .service(shop("2", answers))
            .service(ServiceSpec.external("orders-api", HOST, ContractCheckingTest.ORDERS, fake))
            .build();
    SimulationResult result = simulation(topology, 5, ContractMode.REPORT).run();
    assertThat(result.passed()).isTrue();
    assertThat(result.contractViolations()).isEqualTo(1);
    assertThat(answers).containsExactly("201 {\"id\":\"seven\",\"item\":\"tea\",\"qty\":2}");
    assertThat(ContractCheckingTest.records(result, "contract.violation").get(0))
        .contains("\"direction\":\"response\"")
        .contains("\"from\":\"" + HOST + "\"")
        .contains("\"to\":\"shop#0\"")
        .contains("\"pointer\":\"/body/id\"");
    // Same seed, same trace.
    assertThat(simulation(topology, 5, ContractMode.REPORT).run().traceSha256())
        .isEqualTo(result.traceSha256());
  }

  @Test
  void aTopologyFileDeclaresExternalHostsAJsServiceCallsByUrl() {
    Path file = Path.of("src/test/resources/contracts/external/w9y.yaml");
    TopologyFile.TopologyDocument document = TopologyFile.read(file);
    assertThat(document.topology().service("orders-api").hostnames()).containsExactly(HOST);
    var workload = document.workload().orElseThrow();
    Simulation simulation =
        Simulation.builder(document.topology())
            .seed(11)
            .contracts(ContractMode.REPORT)
            .workload(workload::newWorkload)
            .build()
            .retainingTrace();
    SimulationResult result = simulation.run();
    // The two well-typed orders get the declared 201; the quoted quantity is one violation.
    assertThat(result.passed()).as(String.valueOf(result.failure())).isTrue();
    assertThat(result.contractViolations()).isEqualTo(1);
    assertThat(ContractCheckingTest.records(result, "contract.violation").get(0))
        .contains("\"from\":\"shop#0\"")
        .contains("\"to\":\"" + HOST + "\"")
        .contains("\"pointer\":\"/body/qty\"");
    assertThat(String.join("\n", result.fullTrace())).contains("orders said 201");
    assertThat(simulation.run().traceSha256()).isEqualTo(result.traceSha256());
  }

  @Test
  void badExternalsAreErrorsAtTheirKey() {
    String services = "services:\n  orders: {kind: js, entry: orders.js}\n";
    assertThat(
            TopologyFileContractTest.error(
                    services
                        + "externals:\n  pay: {host: 'api pay', contract: {openapi:"
                        + " ../openapi30/orders.yaml}}\n")
                .getMessage())
        .contains("t.yaml:4")
        .contains("externals.pay.host: is not a host name: 'api pay'");
    assertThat(
            TopologyFileContractTest.error(
                    services
                        + "externals:\n  orders: {host: a.example, contract: {openapi:"
                        + " ../openapi30/orders.yaml}}\n")
                .getMessage())
        .contains("t.yaml:4")
        .contains("a service is already named 'orders'");
    assertThat(
            TopologyFileContractTest.error(services + "externals:\n  pay: {host: orders}\n")
                .getMessage())
        .contains("externals.pay")
        .contains("contract");
    assertThat(
            TopologyFileContractTest.error(
                    services
                        + "externals:\n  pay: {host: orders, contract: {openapi:"
                        + " ../openapi30/orders.yaml}}\n")
                .getMessage())
        .contains("hostname 'orders' is claimed by both 'orders' and 'pay'");
  }
}
