package dev.w9y.samples.loyalty;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.queue.QueueConsumer;
import dev.w9y.core.queue.QueueProducerBinding;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The loyalty-points sample (samples/src/main/js/loyalty): the shop queues each order's points, the
 * loyalty service's queue consumer credits them to a balance in a Durable Object. Delivery is at
 * least once (duplicates, redelivery after a consumer crash: the queue faults), so the balance must
 * come out as the sum of the orders' points, each counted once.
 */
final class Loyalty {
  static final Path DIRECTORY = Path.of("src", "main", "js", "loyalty");
  static final int ORDERS = 8;

  private Loyalty() {}

  static Topology topology(String loyalty) {
    return Topology.builder()
        .service(
            ServiceSpec.of("shop", JsGuest.fromFile(DIRECTORY.resolve("shop.js")))
                .withPlatformBinding("POINTS", QueueProducerBinding.of("points"))
                .asPublic())
        .service(
            ServiceSpec.of("loyalty", JsGuest.fromFile(DIRECTORY.resolve(loyalty)))
                .withDurableObject("BALANCES", "Balance")
                .withPlatformTrigger(QueueConsumer.of("points").withMaxBatchSize(4))
                .asPublic())
        .build();
  }

  /** The queue faults only: duplicates, late messages, consumers crashing mid-batch. */
  static final FaultPlan QUEUE_FAULTS =
      FaultPlan.none().withPlatform(FaultPlan.PlatformFaults.CHAOS);

  static Simulation simulation(String loyalty, long seed) {
    return simulation(loyalty, seed, QUEUE_FAULTS);
  }

  /**
   * The queue faults plus instance crashes and storage faults on the loyalty service (not the shop:
   * an order the shop failed to confirm would need the workload to retry it). A consumer whose
   * Durable Object call fails throws, so the batch is retried: such handler errors are tolerated.
   */
  static final FaultPlan CONSUMER_CHAOS =
      QUEUE_FAULTS
          .withProcess(FaultPlan.ProcessFaults.CHAOS)
          .withStorage(FaultPlan.StorageFaults.CHAOS)
          .onlyFor("loyalty");

  static Simulation simulation(String loyalty, long seed, FaultPlan faults) {
    List<Long> expected = new ArrayList<>();
    List<Long> balance = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology(loyalty))
            .seed(seed)
            .workload(
                () -> {
                  expected.clear();
                  balance.clear();
                  return clients -> {
                    long total = 0;
                    for (int i = 0; i < ORDERS; i++) {
                      long points = clients.random().nextLong(1, 100);
                      total += points;
                      String url = "http://shop/order?id=o" + i + "&points=" + points;
                      clients.after(
                          Duration.ofMillis(clients.random().nextLong(0, 20_000)),
                          () -> clients.fetchExpecting(Request.post(url, ""), 200));
                    }
                    expected.add(total);
                    clients.afterHealed(
                        Duration.ofSeconds(30),
                        () ->
                            clients
                                .fetchExpecting(Request.get("http://loyalty/balance"), 200)
                                .onSuccess(r -> balance.add(Long.parseLong(r.body().text()))));
                  };
                })
            .always(
                "no order is credited twice",
                world -> balance.isEmpty() || balance.get(0) <= expected.get(0))
            .eventually(
                "every order is credited",
                world -> !balance.isEmpty() && balance.get(0).equals(expected.get(0)))
            .tolerate(dev.w9y.core.GuestErrorKind.UNCAUGHT_EXCEPTION)
            .build();
    return faults.applyTo(simulation);
  }
}
