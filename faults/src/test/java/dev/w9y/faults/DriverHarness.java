package dev.w9y.faults;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The case fault scopes exist for: a test-harness {@code driver} service runs the workload against
 * the {@link Payments} system and keeps a journal of every payment in its own durable object
 * ({@code driver/JOURNAL}). A journal write that fails is the harness's problem, not the system's,
 * yet the check "the journal never fails" trips on it — a false alarm whenever a fault lands on the
 * driver. Sparing the driver must make those alarms go away while the system's own bug (with {@code
 * idempotent = false}) is still found.
 */
public final class DriverHarness {
  private DriverHarness() {}

  /** Keeps each payment's outcome in storage. */
  static final class Journal implements JavaDurableObject {
    Journal(DurableObjectHost host) {}

    @Override
    public Promise<Response> fetch(Request request, DurableObjectHost host) {
      String payment = request.headers().get("x-payment-id").orElseThrow();
      return host.storage()
          .put(payment, request.body().text().getBytes(StandardCharsets.UTF_8))
          .then(v -> Response.ok("journaled"));
    }
  }

  /** Pays through the system, then journals the outcome; counts journal writes that failed. */
  static final class Driver implements JavaService {
    int journalFailures;

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      String payment = request.headers().get("x-payment-id").orElseThrow();
      return host.fetch(Request.post("http://payments/pay", "").withHeader("x-payment-id", payment))
          .then(response -> response.status() == 200 ? "paid" : "refused")
          .recover(error -> "failed")
          .thenCompose(
              outcome -> {
                var journal = host.durableObjects("JOURNAL");
                return journal
                    .fetch(
                        journal.idFromName("journal"),
                        Request.post("http://journal/", outcome)
                            .withHeader("x-payment-id", payment))
                    .then(response -> response.status() == 200)
                    .recover(error -> false)
                    .then(
                        written -> {
                          if (!written) {
                            journalFailures++;
                          }
                          return Response.ok(outcome);
                        });
              });
    }
  }

  static Topology topology(boolean idempotent) {
    Topology.Builder builder = Topology.builder();
    for (ServiceSpec spec : Payments.topology(idempotent).services()) {
      builder.service(spec);
    }
    return builder
        .service(
            ServiceSpec.of(
                    "driver",
                    JavaGuest.of("Driver", Driver::new).withDurableObject("Journal", Journal::new))
                .asPublic()
                .withDurableObject("JOURNAL", "Journal"))
        .build();
  }

  /** Forty payments through the driver; the journal must never fail, nobody be charged twice. */
  public static Simulation simulation(long seed, boolean idempotent) {
    return Simulation.builder(topology(idempotent))
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(() -> Payments.fortyPayments("http://driver/"))
        .always(
            "the driver's journal never fails",
            world ->
                !world.isRunning("driver", 0)
                    || world.javaService("driver", Driver.class).journalFailures == 0)
        .always(
            "nobody is charged twice",
            world ->
                !world.isRunning("accounts", 0)
                    || !world.javaService("accounts", Payments.Accounts.class).chargedTwice())
        .build();
  }
}
