package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.faults.DriverHarness;
import dev.w9y.faults.Payments;
import dev.w9y.junit.W9ySimulation.Faults;

/**
 * Test classes the extension's tests run through the JUnit engine (EngineTestKit). Their names keep
 * Surefire from running them directly.
 */
final class SimulationFixtures {
  private SimulationFixtures() {}

  /** Passes for every seed: the payments system with the idempotency fix. */
  static class FixedPayments {
    @W9ySimulation(seeds = 5, faults = Faults.CHAOS, determinismCheck = "0/1")
    void nobodyIsChargedTwice(W9yRun run) {
      assertThat(run.check(Payments.simulation(run.seed(), true)).passed()).isTrue();
    }
  }

  /** Records which thread ran each seed and the trace it gave, for the threaded-sweep tests. */
  static class ThreadRecording {
    static final java.util.List<String> SEEN =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @W9ySimulation(seeds = 8, faults = Faults.CHAOS, determinismCheck = "0/1")
    void recordsItsThread(W9yRun run) {
      String trace = run.check(Payments.simulation(run.seed(), true)).traceSha256();
      SEEN.add(run.seed() + " " + trace + " " + Thread.currentThread().getName());
    }
  }

  /** Takes a parameter only JUnit can resolve, so it cannot run on W9Y's threads. */
  static class TakesTestInfo {
    @W9ySimulation(seeds = 2, determinismCheck = "0/1")
    void needsJUnit(W9yRun run, org.junit.jupiter.api.TestInfo info) {
      run.check(Payments.simulation(run.seed(), true));
    }
  }

  /** Fails for most seeds: retries without an idempotency key. */
  static class BuggyPayments {
    @W9ySimulation(seeds = 5, faults = Faults.CHAOS, determinismCheck = "0/1")
    void nobodyIsChargedTwice(W9yRun run) {
      run.check(Payments.simulation(run.seed(), false));
    }
  }

  /** A harness driver journaling payments of a correct system: faults on it are false alarms. */
  static class HarnessUnscoped {
    @W9ySimulation(seeds = 8, faults = Faults.CHAOS, determinismCheck = "0/1")
    void journalNeverFails(W9yRun run) {
      run.check(DriverHarness.simulation(run.seed(), true));
    }
  }

  /** The same, with the driver spared: every seed passes. */
  static class HarnessSparingDriver {
    @W9ySimulation(seeds = 8, faults = Faults.CHAOS, spare = "driver", determinismCheck = "0/1")
    void journalNeverFails(W9yRun run) {
      run.check(DriverHarness.simulation(run.seed(), true));
    }
  }

  /** A real bug behind the spared driver: payments retried without an idempotency key. */
  static class BuggyBehindSparedDriver {
    @W9ySimulation(seeds = 5, faults = Faults.CHAOS, spare = "driver", determinismCheck = "0/1")
    void nobodyIsChargedTwice(W9yRun run) {
      run.check(DriverHarness.simulation(run.seed(), false));
    }
  }

  /** A scope with no plan to scope. */
  static class ScopeWithoutPlan {
    @W9ySimulation(seeds = 1, spare = "driver", determinismCheck = "0/1")
    void asBuilt(W9yRun run) {
      run.check(DriverHarness.simulation(run.seed(), true));
    }
  }

  /**
   * A guest that keeps state in a static field, so the second run of a seed differs from the first:
   * the determinism self-check must catch it.
   */
  static class LeakyState {
    static int calls;

    @W9ySimulation(seeds = 3, determinismCheck = "1/1")
    void sameSeedSameRun(W9yRun run) {
      dev.w9y.core.Topology topology =
          dev.w9y.core.Topology.builder()
              .service(
                  dev.w9y.core.ServiceSpec.of(
                          "leaky",
                          dev.w9y.core.java.JavaGuest.handler(
                              (request, host) ->
                                  dev.w9y.core.async.Promise.resolved(
                                      dev.w9y.core.http.Response.ok("call " + calls++))))
                      .asPublic())
              .build();
      run.check(
          dev.w9y.core.Simulation.builder(topology)
              .seed(run.seed())
              .workload(() -> d -> d.fetch(dev.w9y.core.http.Request.get("http://leaky/")))
              .build());
    }
  }

  /** A {@code sometimes} check that is reached in every seed but never true. */
  static class NeverSometimes {
    @W9ySimulation(seeds = 4, determinismCheck = "0/1")
    void coverage(W9yRun run) {
      dev.w9y.core.Topology topology =
          dev.w9y.core.Topology.builder()
              .service(
                  dev.w9y.core.ServiceSpec.of(
                          "svc",
                          dev.w9y.core.java.JavaGuest.handler(
                              (request, host) -> {
                                host.sometimes("the slow path runs", false);
                                host.sometimes("a request arrives", true);
                                return dev.w9y.core.async.Promise.resolved(
                                    dev.w9y.core.http.Response.ok(""));
                              }))
                      .asPublic())
              .build();
      run.check(
          dev.w9y.core.Simulation.builder(topology)
              .seed(run.seed())
              .workload(() -> d -> d.fetch(dev.w9y.core.http.Request.get("http://svc/")))
              .build());
    }
  }

  /** Every seed checked for determinism, with state captured by the test method itself. */
  static class CapturedState {
    @W9ySimulation(seeds = 3, determinismCheck = "1/1")
    void freshStateEachInvocation(W9yRun run) {
      java.util.List<String> answers = new java.util.ArrayList<>();
      dev.w9y.core.Topology topology =
          dev.w9y.core.Topology.builder()
              .service(
                  dev.w9y.core.ServiceSpec.of(
                          "echo",
                          dev.w9y.core.java.JavaGuest.handler(
                              (request, host) ->
                                  dev.w9y.core.async.Promise.resolved(
                                      dev.w9y.core.http.Response.ok("ok"))))
                      .asPublic())
              .build();
      run.check(
          dev.w9y.core.Simulation.builder(topology)
              .seed(run.seed())
              .workload(
                  () ->
                      d -> {
                        for (int i = 0; i < 3; i++) {
                          d.fetch(dev.w9y.core.http.Request.get("http://echo/"))
                              .onSuccess(r -> answers.add(r.body().text()));
                        }
                      })
              .build());
      assertThat(answers).hasSize(3);
    }
  }

  /**
   * A service whose code does not load (as an invalid {@code .wasm} or a JS syntax error): every
   * seed fails at boot like any other failing seed.
   */
  static class UnloadableCode {
    @W9ySimulation(seeds = 2, determinismCheck = "0/1")
    void boots(W9yRun run) {
      dev.w9y.core.guest.GuestCode broken =
          new dev.w9y.core.guest.GuestCode() {
            @Override
            public String kind() {
              return "wasm";
            }

            @Override
            public String describe() {
              return "junk.wasm";
            }

            @Override
            public dev.w9y.core.guest.ServiceCode load(String serviceName) {
              throw new dev.w9y.core.guest.GuestException("not a WebAssembly module");
            }
          };
      run.check(
          dev.w9y.core.Simulation.builder(
                  dev.w9y.core.Topology.builder()
                      .service(dev.w9y.core.ServiceSpec.of("api", broken).asPublic())
                      .build())
              .seed(run.seed())
              .build());
    }
  }

  /** A run budget too small for the system: every seed fails naming the budget. */
  static class TightBudget {
    @W9ySimulation(seeds = 2, maxEvents = 50, determinismCheck = "0/1")
    void runsOutOfEvents(W9yRun run) {
      run.check(Payments.simulation(run.seed(), true));
    }
  }

  /** Explicit seeds, and a plain {@code long} parameter. */
  static class ExplicitSeeds {
    @W9ySimulation(
        seed = {11, 22, 33},
        determinismCheck = "0/1")
    void runs(long seed) {
      assertThat(seed).isIn(11L, 22L, 33L);
    }
  }

  /** Two simulation tests in one class, for the fuzz budget shared by a whole run. */
  static class TwoFuzzedTests {
    @W9ySimulation(seeds = 2, faults = Faults.CHAOS, determinismCheck = "0/1")
    void first(W9yRun run) {
      run.check(Payments.simulation(run.seed(), true));
    }

    @W9ySimulation(seeds = 2, faults = Faults.CHAOS, determinismCheck = "0/1")
    void second(W9yRun run) {
      run.check(Payments.simulation(run.seed(), true));
    }
  }
}
