package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.Workloads;
import dev.w9y.core.contract.Contract;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What fails a seed of a contract-driven workload besides a near miss's answer. */
class ContractWorkloadTest {
  static final Contract ORDERS =
      OpenApiContract.load(Path.of("src/test/resources/contracts/openapi30/orders.yaml"));

  /** Answers everything with the 503 the contract declares for POST /orders. */
  static final String UNAVAILABLE =
      "export default { async fetch() {"
          + " return Response.json({code: 'unavailable', message: 'later'}, {status: 503}); } };";

  /**
   * Contracts in report mode: the 503s this service sends where an operation declares none are
   * counted, not failed, so that the workload's own verdict is what the tests see.
   */
  static Simulation simulation(long seed) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("orders", JsGuest.fromSource("orders.js", UNAVAILABLE))
                    .asPublic()
                    .withContract(ORDERS))
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        .contracts(dev.w9y.core.contract.ContractMode.REPORT)
        .workload(() -> Workloads.fromContract("orders", 6).nearMisses(Ratio.NEVER))
        .build();
  }

  @Test
  void aValidRequestAnsweredWithA5xxFailsTheSeedWhenNoFaultWasInjected() {
    SimulationResult result = simulation(1).run();
    assertThat(result.failure().orElseThrow().getMessage())
        .containsPattern(
            "check 'workload' failed: valid request (GET|POST) /orders\\S* answered 503 with no fault"
                + " injected")
        .containsPattern("request:  (GET|POST) http://orders/orders")
        .contains("response: 503 {\"code\":\"unavailable\",\"message\":\"later\"}");
  }

  @Test
  void onceAFaultWasInjectedADeclared5xxIsAnHonestAnswer() {
    // Every answer of the service is replaced by an injected (typed) server error: none is the
    // service's, so none is judged or counted.
    Simulation faulty =
        FaultPlan.none()
            .withHttp(FaultPlan.HttpFaults.NONE.withServerError(Ratio.of(1, 1)))
            .applyTo(simulation(1));
    SimulationResult result = faulty.run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    // Injected answers are not the service's: no status was counted for POST /orders.
    assertThat(result.contractCoverage().get("orders: operation POST /orders"))
        .containsEntry("201", 0L)
        .containsEntry("503", 0L);
  }
}
