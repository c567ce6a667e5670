package dev.w9y.samples.shop;

import dev.w9y.contracts.OpenApiContract;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.http.Request;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two JavaScript services (src/main/js/shop) and the inventory's OpenAPI contract: a public
 * storefront reserves stock at the inventory, retrying once on the retryable 503 the contract
 * declares. Under injected server errors (typed by the contract: the 503 with its declared body)
 * the retry runs; {@code storefront-v1-retry.js} sends the field the inventory's version 1 called
 * {@code qty}, which version 2 renamed {@code quantity}, and the contract check finds it.
 */
public final class Shop {
  static final Path SOURCES = Path.of("src", "main", "js", "shop");
  static final Contract INVENTORY = OpenApiContract.load(SOURCES.resolve("inventory.openapi.yaml"));
  static final int CHECKOUTS = 10;

  /** One inventory answer in twenty is an injected server error: some seeds see none. */
  static final FaultPlan SERVER_ERRORS =
      FaultPlan.none()
          .withHttp(FaultPlan.HttpFaults.NONE.withServerError(Ratio.of(1, 20)))
          .onlyFor("inventory");

  private Shop() {}

  static Topology topology(String storefront) {
    return Topology.builder()
        .service(
            ServiceSpec.of("storefront", JsGuest.fromFile(SOURCES.resolve(storefront))).asPublic())
        .service(
            ServiceSpec.of("inventory", JsGuest.fromFile(SOURCES.resolve("inventory.js")))
                .withContract(INVENTORY))
        .build();
  }

  /** Ten checkouts at random moments; each must be answered with the status the contract allows. */
  static Simulation simulation(String storefront, long seed) {
    List<String> answered = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology(storefront))
            .seed(seed)
            .workload(
                () -> {
                  answered.clear();
                  return clients -> {
                    for (int i = 0; i < CHECKOUTS; i++) {
                      String body =
                          "{\"sku\":\"tea\",\"quantity\":" + clients.random().nextLong(1, 6) + "}";
                      clients.after(
                          Duration.ofMillis(clients.random().nextLong(0, 100)),
                          () ->
                              clients
                                  .fetch(Request.post("http://storefront/checkout", body))
                                  .whenComplete((response, error) -> answered.add(body)));
                    }
                  };
                })
            .eventually("every checkout is answered", world -> answered.size() == CHECKOUTS)
            .build();
    return SERVER_ERRORS.applyTo(simulation);
  }
}
