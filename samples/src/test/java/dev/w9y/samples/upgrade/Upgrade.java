package dev.w9y.samples.upgrade;

import dev.w9y.contracts.OpenApiContract;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Billing (src/main/js/upgrade/billing.js), written against version 1 of the accounts service's
 * contract, deposits charges at the accounts service; the accounts service runs either version 1 or
 * version 2 (which renamed the deposit's required {@code amount} to {@code amountCents}), each
 * under its own contract. Version 1 callers against a version 2 callee is how a deploy order bug
 * looks: the contract check finds it on the first deposit.
 */
final class Upgrade {
  static final Path SOURCES = Path.of("src", "main", "js", "upgrade");
  static final int CHARGES = 8;

  /** The accounts service at {@code version} (1 or 2): its code and its contract. */
  static Topology topology(int version) {
    return Topology.builder()
        .service(
            ServiceSpec.of("billing", JsGuest.fromFile(SOURCES.resolve("billing.js"))).asPublic())
        .service(
            ServiceSpec.of(
                    "accounts", JsGuest.fromFile(SOURCES.resolve("accounts-v" + version + ".js")))
                .withContract(
                    OpenApiContract.load(
                        SOURCES.resolve("accounts-v" + version + ".openapi.yaml"))))
        .build();
  }

  /** Charges at random moments to random accounts; each must be answered. */
  static Simulation simulation(int accountsVersion, long seed) {
    List<String> answered = new ArrayList<>();
    return Simulation.builder(topology(accountsVersion))
        .seed(seed)
        .workload(
            () -> {
              answered.clear();
              return clients -> {
                for (int i = 0; i < CHARGES; i++) {
                  String body =
                      "{\"account\":\"a"
                          + clients.random().nextLong(1, 4)
                          + "\",\"cents\":"
                          + clients.random().nextLong(1, 5000)
                          + "}";
                  clients.after(
                      Duration.ofMillis(clients.random().nextLong(0, 50)),
                      () ->
                          clients
                              .fetch(Request.post("http://billing/charges", body))
                              .whenComplete((response, error) -> answered.add(body)));
                }
              };
            })
        .eventually("every charge is answered", world -> answered.size() == CHARGES)
        .build();
  }
}
