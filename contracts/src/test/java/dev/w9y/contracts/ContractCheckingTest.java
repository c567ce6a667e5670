package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ContractViolated;
import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.faults.FaultPlan;
import dev.w9y.scheduler.Ratio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contracts checked on the simulated network: a front service (public) places orders with the
 * contracted orders service; violations by request and by response, in each mode, typed injected
 * faults, and determinism.
 */
class ContractCheckingTest {
  static final Contract ORDERS = OpenApiContract.load(OpenApiContractTest.ORDERS);

  /** {@code qtyJson}: how the front writes the quantity; {@code status}: how orders answers. */
  static Topology topology(String qtyJson, int status, Contract contract) {
    return topology(qtyJson, status, contract, answer -> {});
  }

  /** The same, with {@code answers} seeing each answer the front gets from orders. */
  static Topology topology(
      String qtyJson,
      int status,
      Contract contract,
      java.util.function.Consumer<Response> answers) {
    ServiceSpec orders =
        ServiceSpec.of(
            "orders",
            JavaGuest.handler(
                (request, host) ->
                    Promise.resolved(
                        new Response(
                            status,
                            Headers.of("content-type", "application/json"),
                            Body.ofText("{\"id\":1,\"item\":\"tea\",\"qty\":2}")))));
    ServiceSpec front =
        ServiceSpec.of(
                "front",
                JavaGuest.handler(
                    (request, host) ->
                        host.fetch(
                                Request.post(
                                        "http://orders/orders",
                                        Body.ofText("{\"item\":\"tea\",\"qty\":" + qtyJson + "}"))
                                    .withHeader("content-type", "application/json")
                                    .withHeader("x-request-id", "req-1"))
                            .then(
                                answer -> {
                                  answers.accept(answer);
                                  return Response.text(200, "status " + answer.status());
                                })))
            .asPublic();
    return Topology.builder()
        .service(front)
        .service(contract == null ? orders : orders.withContract(contract))
        .build();
  }

  static Simulation simulation(Topology topology, long seed, ContractMode mode, int requests) {
    return Simulation.builder(topology)
        .seed(seed)
        .contracts(mode)
        .workload(
            () ->
                clients -> {
                  for (int i = 0; i < requests; i++) {
                    clients.fetch(Request.get("http://front/order"));
                  }
                })
        .build()
        .retainingTrace();
  }

  static List<String> records(SimulationResult result, String kind) {
    List<String> lines = new ArrayList<>();
    for (String line : result.fullTrace()) {
      if (line.contains("\"kind\":\"" + kind + "\"")) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void enforceFailsTheRunOnARequestThatBreaksTheReceiversContract() {
    SimulationResult result =
        simulation(topology("\"2\"", 201, ORDERS), 7, ContractMode.ENFORCE, 3).run();
    assertThat(result.passed()).isFalse();
    assertThat(result.failure().get()).isInstanceOf(ContractViolated.class);
    ContractViolated failure = (ContractViolated) result.failure().get();
    assertThat(failure.service()).isEqualTo("orders");
    assertThat(failure.direction()).isEqualTo("request");
    assertThat(failure.sender()).isEqualTo("front#0");
    assertThat(failure.receiver()).isEqualTo("orders");
    assertThat(failure.violation().pointer()).isEqualTo("/body/qty");
    assertThat(failure.getMessage())
        .contains("seed 7")
        .contains("request.delivered orders")
        .contains("request-body POST /orders at /body/qty")
        .contains("was \"2\"");
    assertThat(records(result, "contract.violation").get(0))
        .contains("\"pointer\":\"/body/qty\"")
        .contains("\"from\":\"front#0\"")
        .contains("\"direction\":\"request\"");
    // The seed reproduces it: the same failure at the same event, the same trace.
    SimulationResult again =
        simulation(topology("\"2\"", 201, ORDERS), 7, ContractMode.ENFORCE, 3).run();
    assertThat(again.traceSha256()).isEqualTo(result.traceSha256());
    assertThat(again.failure().get().getMessage()).isEqualTo(failure.getMessage());
  }

  @Test
  void aResponseOutsideTheContractIsTheSendersViolation() {
    SimulationResult result =
        simulation(topology("2", 200, ORDERS), 1, ContractMode.ENFORCE, 1).run();
    ContractViolated failure = (ContractViolated) result.failure().get();
    assertThat(failure.direction()).isEqualTo("response");
    assertThat(failure.sender()).isEqualTo("orders#0");
    assertThat(failure.receiver()).isEqualTo("front#0");
    assertThat(failure.violation().kind()).isEqualTo("response-status");
    assertThat(failure.violation().actual()).isEqualTo("200");
  }

  @Test
  void reportRecordsAndCountsEveryViolationAndTheRunGoesOn() {
    SimulationResult result =
        simulation(topology("\"2\"", 201, ORDERS), 7, ContractMode.REPORT, 4).run();
    assertThat(result.passed()).isTrue();
    assertThat(result.contractViolations()).isEqualTo(4);
    assertThat(records(result, "contract.violation")).hasSize(4);
    assertThat(result.fullTrace().get(result.fullTrace().size() - 1))
        .contains("\"contractViolations\":4");
    assertThat(result.fullTrace().get(0)).contains("\"contracts\":\"report\"");
  }

  @Test
  void offChecksNothing() {
    SimulationResult result =
        simulation(topology("\"2\"", 201, ORDERS), 7, ContractMode.OFF, 4).run();
    assertThat(result.passed()).isTrue();
    assertThat(result.contractViolations()).isZero();
    assertThat(records(result, "contract.violation")).isEmpty();
    assertThat(result.fullTrace().get(result.fullTrace().size() - 1))
        .doesNotContain("contractViolations");
  }

  @Test
  void aConformingSystemPassesAndATopologyWithoutContractsKeepsItsTrace() {
    SimulationResult result =
        simulation(topology("2", 201, ORDERS), 3, ContractMode.ENFORCE, 5).run();
    assertThat(result.passed()).isTrue();
    assertThat(result.contractViolations()).isZero();
    assertThat(result.fullTrace().get(0)).contains("openapi3.0:orders.yaml sha256:");
    SimulationResult plain = simulation(topology("2", 201, null), 3, ContractMode.ENFORCE, 5).run();
    assertThat(plain.fullTrace().get(0)).doesNotContain("contract");
    assertThat(plain.fullTrace().get(plain.fullTrace().size() - 1)).doesNotContain("contract");
  }

  @Test
  void injectedServerErrorsAnswerWithTheDeclaredErrorBody() {
    FaultPlan errors =
        FaultPlan.none()
            .withHttp(FaultPlan.HttpFaults.NONE.withServerError(Ratio.ALWAYS))
            .onlyFor("orders");
    List<String> seen = new ArrayList<>();
    Topology topology =
        topology(
            "2", 201, ORDERS, answer -> seen.add(answer.status() + " " + answer.body().text()));
    for (long seed = 1; seed <= 6; seed++) {
      seen.clear();
      SimulationResult result =
          errors.applyTo(simulation(topology, seed, ContractMode.ENFORCE, 1)).run();
      assertThat(result.passed()).as(result.summary()).isTrue();
      // 500, 502 and 503 are injected; the contract declares only 503, with its example body.
      assertThat(seen)
          .containsExactly("503 {\"code\":\"unavailable\",\"message\":\"try again later\"}");
      assertThat(records(result, "response.replaced").get(0)).contains("\"typed\":true");
    }
  }

  @Test
  void sameSeedSameTraceWithContractsUnderChaos() {
    for (ContractMode mode : new ContractMode[] {ContractMode.ENFORCE, ContractMode.REPORT}) {
      for (long seed = 1; seed <= 8; seed++) {
        Simulation simulation =
            FaultPlan.chaos()
                .applyTo(
                    Simulation.builder(topology(seed % 2 == 0 ? "2" : "\"2\"", 201, ORDERS))
                        .seed(seed)
                        .contracts(mode)
                        .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
                        .tolerate(GuestErrorKind.UNANSWERED_REQUEST)
                        .workload(
                            () ->
                                clients -> {
                                  for (int i = 0; i < 20; i++) {
                                    clients.after(
                                        java.time.Duration.ofMillis(
                                            clients.random().nextLong(0, 500)),
                                        () -> clients.fetch(Request.get("http://front/order")));
                                  }
                                })
                        .build());
        SimulationResult first = simulation.run();
        SimulationResult second = simulation.run();
        assertThat(second.traceSha256())
            .as("seed %d %s", seed, mode)
            .isEqualTo(first.traceSha256());
        assertThat(second.contractViolations()).isEqualTo(first.contractViolations());
        if (seed % 2 == 1 && mode == ContractMode.REPORT) {
          assertThat(first.contractViolations()).isPositive();
        }
      }
    }
  }
}
