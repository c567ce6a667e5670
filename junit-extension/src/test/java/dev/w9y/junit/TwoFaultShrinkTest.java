package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import dev.w9y.faults.FaultPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted bug that needs exactly two faults: every payment debits two ledgers, each call retried
 * without an idempotency key, and the check only trips when both ledgers double-charged a payment.
 * Under a plan that injects many faults, shrinking must find a pair that still fails, and each of
 * the two alone must pass.
 */
class TwoFaultShrinkTest {
  @TempDir Path traces;

  /** Charges every request it gets. */
  static final class Ledger implements JavaService {
    final List<String> debits = new ArrayList<>();

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      debits.add(request.headers().get("x-payment-id").orElseThrow());
      return Promise.resolved(Response.ok("debited"));
    }

    boolean chargedTwice() {
      return new LinkedHashSet<>(debits).size() != debits.size();
    }
  }

  /**
   * Debits both ledgers, retrying each call on failure with no idempotency key. It does dedupe the
   * payments it receives, so one duplicated client request is not enough to break both ledgers.
   */
  static final class Payer implements JavaService {
    private final java.util.Set<String> seen = new LinkedHashSet<>();

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      String payment = request.headers().get("x-payment-id").orElseThrow();
      if (!seen.add(payment)) {
        return Promise.resolved(Response.ok("already paid"));
      }
      return debit(host, "http://ledger-a/", payment, 1)
          .thenCompose(a -> debit(host, "http://ledger-b/", payment, 1));
    }

    private Promise<Response> debit(ServiceHost host, String url, String payment, int attempt) {
      return host.fetch(Request.post(url, "").withHeader("x-payment-id", payment))
          .recover(error -> Response.status(503))
          .thenCompose(
              r ->
                  r.status() >= 500 && attempt < 3
                      ? debit(host, url, payment, attempt + 1)
                      : Promise.resolved(r));
    }
  }

  static Simulation system() {
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("payer", JavaGuest.of("Payer", Payer::new)).asPublic())
            .service(ServiceSpec.of("ledger-a", JavaGuest.of("Ledger", Ledger::new)))
            .service(ServiceSpec.of("ledger-b", JavaGuest.of("Ledger", Ledger::new)))
            .build();
    return Simulation.builder(topology)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(
            () ->
                d -> {
                  for (int i = 0; i < 40; i++) {
                    String payment = "p" + i;
                    d.after(
                        Duration.ofMillis(100L * i),
                        () ->
                            d.fetch(
                                Request.post("http://payer/", "")
                                    .withHeader("x-payment-id", payment)));
                  }
                })
        .always(
            "no payment is charged twice by both ledgers",
            world ->
                !(world.isRunning("ledger-a", 0)
                    && world.isRunning("ledger-b", 0)
                    && world.javaService("ledger-a", Ledger.class).chargedTwice()
                    && world.javaService("ledger-b", Ledger.class).chargedTwice()))
        .build();
  }

  @Test
  void shrinkingFindsTwoFaultsThatTogetherAndOnlyTogetherBreakTheSystem() {
    FaultPlan plan =
        FaultPlan.none()
            .withNetwork(
                FaultPlan.NetworkFaults.CHAOS
                    .withPartitions(null, FaultPlan.NetworkFaults.CHAOS.partitionLasts())
                    .withClogging(null, FaultPlan.NetworkFaults.CHAOS.clogStep()))
            .withHttp(
                FaultPlan.HttpFaults.CHAOS.withUnknownOutcome(dev.w9y.scheduler.Ratio.of(1, 20)));
    SeedRunner runner = new SeedRunner("TwoFault#shrink", "mvn test", traces, plan, 500, false);
    Optional<SeedRunner.Outcome> failing = Optional.empty();
    for (long seed = 0; seed < 300 && failing.isEmpty(); seed++) {
      SeedRunner.Outcome outcome = runner.run(system(), seed);
      if (!outcome.passed() && outcome.injectedFaults() >= 5) {
        failing = Optional.of(outcome);
      }
    }
    assertThat(failing).as("a seed with many faults breaks both ledgers").isPresent();
    SeedRunner.Outcome outcome = failing.get();
    List<String> shrunk = outcome.shrunkFaults().orElseThrow();
    long seed = outcome.result().seed();

    assertThat(shrunk).hasSize(2);
    assertThat(outcome.report())
        .contains("fails with 2 of " + outcome.injectedFaults() + " injected faults");
    SimulationResult both = plan.withOnly(shrunk).applyTo(system().withSeed(seed)).run();
    assertThat(both.passed()).isFalse();
    for (String alone : shrunk) {
      assertThat(plan.withOnly(List.of(alone)).applyTo(system().withSeed(seed)).run().passed())
          .as("%s alone is not enough", alone)
          .isTrue();
    }
  }
}
