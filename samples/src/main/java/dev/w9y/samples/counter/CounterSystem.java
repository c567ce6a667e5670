package dev.w9y.samples.counter;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;
import dev.w9y.core.java.JavaGuest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's system: a public {@code counter} service whose count lives in a durable object.
 * Twenty clients increment it at random moments; every increment must get its own number, because
 * the object's input gate keeps two requests from interleaving across the storage read.
 */
public final class CounterSystem {
  public static final int CLIENTS = 20;

  private CounterSystem() {}

  /** The durable object: reads the count, writes count + 1, answers with it. */
  static final class Counter implements JavaDurableObject {
    Counter(DurableObjectHost host) {}

    @Override
    public Promise<Response> fetch(Request request, DurableObjectHost host) {
      return host.storage()
          .get("n")
          .thenCompose(
              stored -> {
                long next = stored.map(CounterSystem::decode).orElse(0L) + 1;
                return host.storage()
                    .put("n", encode(next))
                    .then(done -> Response.ok(Long.toString(next)));
              });
    }
  }

  public static Topology topology() {
    JavaGuest code =
        JavaGuest.of(
                "CounterFront",
                () ->
                    (request, host) -> {
                      var counters = host.durableObjects("COUNTERS");
                      return counters.fetch(counters.idFromName("global"), request);
                    })
            .withDurableObject("Counter", Counter::new);
    return Topology.builder()
        .service(
            ServiceSpec.of("counter", code).asPublic().withDurableObject("COUNTERS", "Counter"))
        .build();
  }

  /** One seed's simulation; {@code answers} collects the numbers the clients were given. */
  public static Simulation simulation(long seed, List<Long> answers) {
    return Simulation.builder(topology())
        .seed(seed)
        .workload(
            () -> {
              answers.clear(); // each run (a replay, a shrinking run) starts afresh
              return driver -> {
                for (int i = 0; i < CLIENTS; i++) {
                  driver.after(
                      Duration.ofMillis(driver.random().nextLong(0, 1_000)),
                      () ->
                          driver
                              .fetch(Request.post("http://counter/increment", ""))
                              .onSuccess(r -> answers.add(Long.parseLong(r.body().text()))));
                }
              };
            })
        .safetyPhase(Duration.ofSeconds(5))
        .eventually("every client got an answer", world -> answers.size() == CLIENTS)
        .build();
  }

  static List<Long> expected() {
    List<Long> all = new ArrayList<>();
    for (long n = 1; n <= CLIENTS; n++) {
      all.add(n);
    }
    return all;
  }

  static byte[] encode(long value) {
    return Long.toString(value).getBytes(StandardCharsets.UTF_8);
  }

  static long decode(byte[] bytes) {
    return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
  }
}
