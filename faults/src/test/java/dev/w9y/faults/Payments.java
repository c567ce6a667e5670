package dev.w9y.faults;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A small payment system with a real distributed bug. The public {@code payments} service charges a
 * payment by asking {@code accounts} to debit it, and retries when the debit call fails or answers
 * 5xx. A retry after the "unknown outcome" (the debit happened, the answer was lost) charges the
 * customer twice — unless {@code accounts} treats the payment id as an idempotency key, which is
 * the fix.
 */
public final class Payments {
  static final int MAX_ATTEMPTS = 3;

  private Payments() {}

  /** Charges each payment id once (fixed) or once per request that reaches it (buggy). */
  static final class Accounts implements JavaService {
    final List<String> debits = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final boolean idempotent;

    Accounts(boolean idempotent) {
      this.idempotent = idempotent;
    }

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      String payment = request.headers().get("x-payment-id").orElseThrow();
      if (!idempotent || seen.add(payment)) {
        debits.add(payment);
      }
      return Promise.resolved(Response.ok("debited " + payment));
    }

    boolean chargedTwice() {
      return new LinkedHashSet<>(debits).size() != debits.size();
    }
  }

  /** Retries the debit up to {@link #MAX_ATTEMPTS} times on a failed fetch or a 5xx. */
  static final class PaymentService implements JavaService {
    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      String payment = request.headers().get("x-payment-id").orElseThrow();
      return attempt(payment, host, 1);
    }

    private Promise<Response> attempt(String payment, ServiceHost host, int attempt) {
      return host.fetch(
              Request.post("http://accounts/debit", "").withHeader("x-payment-id", payment))
          .then(response -> response)
          .recover(error -> Response.status(503))
          .thenCompose(
              response -> {
                if (response.status() >= 500 && attempt < MAX_ATTEMPTS) {
                  return attempt(payment, host, attempt + 1);
                }
                return Promise.resolved(response);
              });
    }
  }

  static Topology topology(boolean idempotent) {
    return Topology.builder()
        .service(
            ServiceSpec.of("payments", JavaGuest.of("PaymentService", PaymentService::new))
                .asPublic())
        .service(
            ServiceSpec.of("accounts", JavaGuest.of("Accounts", () -> new Accounts(idempotent))))
        .build();
  }

  /** Forty payments (p0..p39) posted to {@code url}, one every 100 virtual ms. */
  static dev.w9y.core.Workload fortyPayments(String url) {
    return driver -> payments(driver, url, driver.scaled(40));
  }

  private static void payments(dev.w9y.core.WorkloadDriver driver, String url, int count) {
    for (int i = 0; i < count; i++) {
      String payment = "p" + i;
      driver.after(
          Duration.ofMillis(100L * i),
          () -> driver.fetch(Request.post(url, "").withHeader("x-payment-id", payment)));
    }
  }

  /** As {@link #simulation}, with a workload that does not size itself (always forty payments). */
  public static Simulation simulationOfFixedSize(long seed, boolean idempotent) {
    return simulation(
        seed, idempotent, () -> driver -> payments(driver, "http://payments/pay", 40));
  }

  /** Forty payments over four virtual seconds; nobody may be charged twice. */
  public static Simulation simulation(long seed, boolean idempotent) {
    return simulation(seed, idempotent, () -> fortyPayments("http://payments/pay"));
  }

  private static Simulation simulation(
      long seed, boolean idempotent, java.util.function.Supplier<dev.w9y.core.Workload> workload) {
    return Simulation.builder(topology(idempotent))
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(workload)
        .always(
            "nobody is charged twice",
            world ->
                !world.isRunning("accounts", 0)
                    || !world.javaService("accounts", Accounts.class).chargedTwice())
        .build();
  }
}
