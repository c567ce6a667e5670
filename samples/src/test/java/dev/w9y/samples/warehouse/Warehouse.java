package dev.w9y.samples.warehouse;

import dev.w9y.contracts.OpenApiContract;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.Workloads;
import dev.w9y.core.contract.Contract;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Path;

/**
 * A public JavaScript warehouse (src/main/js/warehouse) and its OpenAPI contract, driven by nothing
 * but requests generated from that contract ({@link Workloads#fromContract}). {@code
 * warehouse-v1.js} trusts its input: a near miss with a bad quantity makes it answer 500 (or 201)
 * where the contract declares 422; {@code warehouse.js} checks every request.
 */
final class Warehouse {
  static final Path SOURCES = Path.of("src", "main", "js", "warehouse");
  static final Contract CONTRACT = OpenApiContract.load(SOURCES.resolve("warehouse.openapi.yaml"));
  static final int REQUESTS = 24;

  /** One warehouse answer in twenty is an injected 503 (typed by the contract). */
  static final FaultPlan SERVER_ERRORS =
      FaultPlan.none()
          .withHttp(FaultPlan.HttpFaults.NONE.withServerError(Ratio.of(1, 20)))
          .onlyFor("warehouse");

  private Warehouse() {}

  static Simulation simulation(String warehouse, long seed) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("warehouse", JsGuest.fromFile(SOURCES.resolve(warehouse)))
                    .asPublic()
                    .withContract(CONTRACT))
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        .workload(() -> Workloads.fromContract("warehouse", REQUESTS))
        .build();
  }
}
