package dev.w9y.samples.tickets;

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
 * A JavaScript system (src/main/js/tickets): a box office whose durable objects sell the seats of
 * an event, paying through a payments service. Twelve buyers race for {@value #CAPACITY} seats; no
 * seat may be sold twice. {@code box-office.js} reserves before it pays and holds; {@code
 * naive-box-office.js} pays between reading and writing the count and oversells on some seeds.
 */
public final class Tickets {
  public static final int CAPACITY = 5;
  public static final int BUYERS = 12;
  static final Path SOURCES = Path.of("src", "main", "js", "tickets");

  private Tickets() {}

  /** The topology with the given box-office module ({@code box-office.js} or the naive one). */
  public static Topology topology(String boxOffice) {
    return topology(SOURCES, boxOffice);
  }

  /**
   * The topology with the JavaScript read from {@code sources} (the samples' {@code
   * src/main/js/tickets} as another module's working directory sees it).
   */
  public static Topology topology(Path sources, String boxOffice) {
    return Topology.builder()
        .service(
            ServiceSpec.of("box-office", JsGuest.fromFile(sources.resolve(boxOffice)))
                .withVar("CAPACITY", Integer.toString(CAPACITY))
                .withBinding("PAYMENTS", "payments")
                .withDurableObject("EVENTS", "EventSeats")
                .asPublic())
        .service(ServiceSpec.of("payments", JsGuest.fromFile(sources.resolve("payments.js"))))
        .build();
  }

  /**
   * One seed: buyers at random moments within 200 ms; the seats they were given are collected in
   * {@code seats}, and the checks are that no seat is given twice and none past the capacity.
   */
  public static Simulation simulation(String boxOffice, long seed, List<Integer> seats) {
    return simulation(SOURCES, boxOffice, seed, seats);
  }

  /** As {@link #simulation(String, long, List)}, with the JavaScript read from {@code sources}. */
  public static Simulation simulation(
      Path sources, String boxOffice, long seed, List<Integer> seats) {
    List<String> answered = new ArrayList<>();
    return Simulation.builder(topology(sources, boxOffice))
        .seed(seed)
        .workload(
            () -> {
              // The lists outlive a run: a failing seed's replay (and shrinking) runs this
              // simulation again, and must start from nothing to be the same run. The workload is
              // made before the first event, so the checks never see the last run's seats.
              seats.clear();
              answered.clear();
              return buyers -> {
                for (int buyer = 0; buyer < buyers.scaled(BUYERS); buyer++) {
                  String url = "http://box-office/events/show-1/buy?buyer=b" + buyer;
                  buyers.after(
                      Duration.ofMillis(buyers.random().nextLong(0, 200)),
                      () ->
                          buyers
                              .fetch(Request.post(url, ""))
                              .whenComplete(
                                  (response, error) -> {
                                    answered.add(url);
                                    if (error == null && response.status() == 200) {
                                      seats.add(response.body().json().get("seat").asInt());
                                    }
                                  }));
                }
              };
            })
        .always("no seat is sold twice", world -> seats.stream().distinct().count() == seats.size())
        .always("no seat past the capacity", world -> seats.stream().allMatch(s -> s <= CAPACITY))
        .eventually("every buyer is answered", world -> answered.size() == BUYERS)
        .build();
  }
}
