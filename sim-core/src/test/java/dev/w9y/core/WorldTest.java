package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.network.RequestFate;
import dev.w9y.core.network.ResponseFate;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.Distribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorldTest {
  private final List<String> outcomes = new ArrayList<>();

  /** Records what each workload request got: a status and body, or the fetch failure. */
  private void send(WorkloadDriver driver, Request request) {
    driver
        .fetch(request)
        .whenComplete(
            (response, error) ->
                outcomes.add(
                    error != null
                        ? "failed: " + ((FetchFailed) error).reason()
                        : response.status() + " " + response.body().text()));
  }

  private SimulationResult run(Topology topology, Consumer<WorkloadDriver> workload) {
    return run(Simulation.builder(topology), workload);
  }

  private SimulationResult run(Simulation.Builder builder, Consumer<WorkloadDriver> workload) {
    return builder
        .seed(3)
        .workload(() -> workload::accept)
        .safetyPhase(Duration.ofMinutes(1))
        .build()
        .retainingTrace()
        .run();
  }

  private static List<JsonNode> records(SimulationResult result) {
    return TraceReader.parse(result.fullTrace(), "test").records();
  }

  private static List<String> kinds(SimulationResult result, String id) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode record : records(result)) {
      if (id.equals(record.path("id").asString(""))) {
        kinds.add(record.get("actor").asString() + " " + record.get("kind").asString());
      }
    }
    return kinds;
  }

  @Nested
  class Network {
    @Test
    void aRequestCrossesThreeServicesAndEveryHopIsASentAndDeliveredPair() {
      SimulationResult result =
          run(
              ThreeServices.topology(),
              driver ->
                  send(driver, Request.get("http://gateway/transfer?from=alice&to=bob&amount=30")));

      assertThat(result.passed()).isTrue();
      assertThat(outcomes).containsExactly("200 ok");
      assertThat(kinds(result, "m1"))
          .containsExactly(
              "workload request.sent",
              "gateway request.delivered",
              "gateway#0 response.sent",
              "workload response.delivered");
      assertThat(kinds(result, "m2"))
          .containsExactly(
              "gateway#0 request.sent",
              "accounts request.delivered",
              "accounts#0 response.sent",
              "gateway#0 response.delivered");
      assertThat(kinds(result, "m3"))
          .containsExactly(
              "accounts#0 request.sent",
              "ledger request.delivered",
              "ledger#0 response.sent",
              "accounts#0 response.delivered");
      assertThat(result.sometimes()).containsEntry("transfer applied", 1L);
    }

    @Test
    void everyMessageTakesTheLatencyDrawnForIt() {
      Topology fixed =
          Topology.builder()
              .service(
                  ServiceSpec.of(
                          "echo",
                          JavaGuest.handler((request, host) -> Promise.resolved(Response.ok("hi"))))
                      .asPublic())
              .latency(Distribution.fixed(Duration.ofMillis(7)))
              .build();
      List<Long> answeredAt = new ArrayList<>();

      run(
          fixed,
          driver ->
              driver
                  .fetch(Request.get("http://echo/"))
                  .onSuccess(r -> answeredAt.add(driver.nowNanos())));

      assertThat(answeredAt).containsExactly(Duration.ofMillis(14).toNanos());
    }

    @Test
    void anUnknownHostFailsLikeARealFetchNotWithA404() {
      SimulationResult result =
          run(ThreeServices.topology(), driver -> send(driver, Request.get("http://nowhere/")));

      assertThat(outcomes).containsExactly("failed: unknown host nowhere");
      assertThat(kinds(result, "m1"))
          .containsExactly("workload request.sent", "workload fetch.failed");
    }

    @Test
    void aPrivateServiceCannotBeReachedFromOutside() {
      run(ThreeServices.topology(), driver -> send(driver, Request.get("http://ledger/")));

      assertThat(outcomes).containsExactly("failed: service 'ledger' is not public");
    }

    @Test
    void aGuestThatThrowsAnswersWith500AndTheErrorIsTraced() {
      SimulationResult result =
          run(
              Simulation.builder(throwingService())
                  .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION, "handler bug"),
              driver -> send(driver, Request.get("http://broken/")));

      assertThat(result.passed()).as(result.summary()).isTrue();
      assertThat(outcomes).containsExactly("500 Internal Server Error");
      assertThat(records(result))
          .anySatisfy(
              r -> {
                assertThat(r.get("kind").asString()).isEqualTo("guest.error");
                assertThat(r.get("error").asString())
                    .isEqualTo("java.lang.IllegalStateException: handler bug");
              });
    }

    @Test
    void aGuestErrorThatEndsAWorkloadRequestFailsTheSeedByDefault() {
      SimulationResult result =
          run(throwingService(), driver -> send(driver, Request.get("http://broken/")));

      assertThat(result.failure()).get().isInstanceOf(UncaughtGuestError.class);
      UncaughtGuestError failure = (UncaughtGuestError) result.failure().get();
      assertThat(failure.kind()).isEqualTo(GuestErrorKind.UNCAUGHT_EXCEPTION);
      assertThat(failure.actor()).isEqualTo("broken#0");
      assertThat(failure.getMessage())
          .contains("uncaught exception in broken#0: java.lang.IllegalStateException: handler bug")
          .contains("seed 3");
      assertThat(outcomes).as("the run stops at the error's event").isEmpty();
    }

    private Topology throwingService() {
      Topology broken =
          Topology.builder()
              .service(
                  ServiceSpec.of(
                          "broken",
                          JavaGuest.handler(
                              (request, host) -> {
                                throw new IllegalStateException("handler bug");
                              }))
                      .asPublic())
              .build();
      return broken;
    }
  }

  @Nested
  class FaultHooks {
    private Simulation.Builder with(NetworkHooks hooks) {
      return Simulation.builder(ThreeServices.topology()).networkHooks(context -> hooks);
    }

    @Test
    void aDroppedRequestFailsTheCallerAfterTheConnectTimeout() {
      List<Long> failedAt = new ArrayList<>();
      NetworkHooks dropAll =
          new NetworkHooks() {
            @Override
            public RequestFate onRequest(Message message) {
              return new RequestFate.Drop("test drop");
            }
          };

      SimulationResult result =
          run(
              with(dropAll),
              driver ->
                  driver
                      .fetch(Request.get("http://gateway/balance?account=alice"))
                      .whenComplete((r, e) -> failedAt.add(driver.nowNanos())));

      assertThat(failedAt).containsExactly(Topology.DEFAULT_CONNECT_TIMEOUT_NANOS);
      assertThat(kinds(result, "m1"))
          .containsExactly(
              "workload request.sent", "workload request.dropped", "workload fetch.failed");
    }

    @Test
    void aDuplicatedRequestIsHandledTwiceButAnsweredOnce() {
      NetworkHooks duplicateTransfers =
          new NetworkHooks() {
            @Override
            public RequestFate onRequest(Message message) {
              return message.to().equals("ledger")
                  ? new RequestFate.Duplicate(Duration.ofMillis(1).toNanos())
                  : RequestFate.DELIVER;
            }
          };
      int[] ledgerEntries = {0};

      run(
          with(duplicateTransfers)
              .always(
                  "observe ledger",
                  world -> {
                    ledgerEntries[0] =
                        world.javaService("ledger", ThreeServices.Ledger.class).entries.size();
                    return true;
                  }),
          driver ->
              send(driver, Request.get("http://gateway/transfer?from=alice&to=bob&amount=5")));

      assertThat(outcomes).containsExactly("200 ok");
      assertThat(ledgerEntries[0]).isEqualTo(2);
    }

    @Test
    void aLostResponseMeansTheServerActedButTheCallerSawAFailure() {
      NetworkHooks loseLedgerAnswers =
          new NetworkHooks() {
            @Override
            public ResponseFate onResponse(Message message, Response response) {
              return message.to().equals("gateway")
                  ? new ResponseFate.Lose("test")
                  : ResponseFate.DELIVER;
            }
          };
      long[] aliceAfter = {0};

      run(
          with(loseLedgerAnswers)
              .always(
                  "observe",
                  world -> {
                    aliceAfter[0] =
                        world
                            .javaService("accounts", ThreeServices.Accounts.class)
                            .balances
                            .get("alice");
                    return true;
                  }),
          driver ->
              send(driver, Request.get("http://gateway/transfer?from=alice&to=bob&amount=5")));

      assertThat(outcomes).containsExactly("failed: connection lost after the server acted (test)");
      assertThat(aliceAfter[0]).isEqualTo(95);
    }

    @Test
    void aReplacedResponseReachesTheCallerInsteadOfTheRealOne() {
      NetworkHooks overloaded =
          new NetworkHooks() {
            @Override
            public ResponseFate onResponse(Message message, Response response) {
              return new ResponseFate.Replace(
                  Response.text(503, "overloaded").withHeader("retry-after", "1"));
            }
          };

      run(
          with(overloaded),
          driver -> send(driver, Request.get("http://gateway/balance?account=bob")));

      assertThat(outcomes).containsExactly("503 overloaded");
    }
  }

  @Nested
  class Instances {
    @Test
    void aCrashLosesMemoryAndFailsInFlightRequestsAndARestartStartsFresh() {
      // Fixed 5 ms hops: a transfer sent at 1 s is at the gateway from 1.005 s, answered at 1.025
      // s.
      Topology topology = ThreeServices.topology(Distribution.fixed(Duration.ofMillis(5)));
      List<Long> balances = new ArrayList<>();
      SimulationResult result =
          run(
              Simulation.builder(topology)
                  .always(
                      "watch alice",
                      world -> {
                        if (world.isRunning("accounts", 0)) {
                          long alice =
                              world
                                  .javaService("accounts", ThreeServices.Accounts.class)
                                  .balances
                                  .get("alice");
                          if (balances.isEmpty() || balances.get(balances.size() - 1) != alice) {
                            balances.add(alice);
                          }
                        }
                        return true;
                      }),
              driver -> {
                send(driver, Request.get("http://gateway/transfer?from=alice&to=bob&amount=40"));
                driver.after(
                    Duration.ofSeconds(1),
                    () ->
                        send(
                            driver,
                            Request.get("http://gateway/transfer?from=alice&to=bob&amount=1")));
                driver.after(
                    Duration.ofMillis(1_012), () -> driver.world().crash("gateway", 0, "test"));
                driver.after(
                    Duration.ofSeconds(3), () -> driver.world().crash("accounts", 0, "test"));
                driver.after(Duration.ofSeconds(4), () -> driver.world().restart("accounts", 0));
              });

      assertThat(result.passed()).as(result.summary()).isTrue();
      assertThat(outcomes).containsExactly("200 ok", "failed: connection reset: gateway#0 crashed");
      // The second transfer was applied although its caller never heard back; then memory was lost.
      assertThat(balances).containsExactly(100L, 60L, 59L, 100L);
      assertThat(records(result))
          .anySatisfy(
              r -> {
                assertThat(r.get("kind").asString()).isEqualTo("response.discarded");
                assertThat(r.get("reason").asString()).isEqualTo("caller crashed");
              });
    }
  }

  @Nested
  class Checks {
    @Test
    void anAlwaysViolationFailsTheRunAtTheEventThatBrokeIt() {
      SimulationResult result =
          run(
              Simulation.builder(ThreeServices.topology())
                  .always(
                      "alice never goes below 80",
                      world ->
                          world
                                  .javaService("accounts", ThreeServices.Accounts.class)
                                  .balances
                                  .get("alice")
                              >= 80),
              driver ->
                  send(driver, Request.get("http://gateway/transfer?from=alice&to=bob&amount=30")));

      assertThat(result.passed()).isFalse();
      CheckFailed failure = (CheckFailed) result.failure().orElseThrow();
      assertThat(failure.checkName()).isEqualTo("alice never goes below 80");
      assertThat(failure.eventLabel()).isEqualTo("response.delivered accounts#0");
      assertThat(failure.seed()).isEqualTo(3);
      JsonNode failingEvent =
          records(result).stream()
              .filter(r -> r.get("e").asLong() == failure.eventIndex())
              .findFirst()
              .orElseThrow();
      assertThat(failingEvent.get("kind").asString()).isEqualTo("response.delivered");
    }

    @Test
    void aGuestCanFailTheRunWithItsOwnAlwaysEvenIfItCatchesEverything() {
      Topology strict =
          Topology.builder()
              .service(
                  ServiceSpec.of(
                          "strict",
                          JavaGuest.handler(
                              (request, host) -> {
                                try {
                                  host.always(
                                      "requests are GETs",
                                      request.method().equals("GET"),
                                      request.method());
                                } catch (RuntimeException swallowed) {
                                  // careless guest code
                                }
                                return Promise.resolved(Response.ok("fine"));
                              }))
                      .asPublic())
              .build();

      SimulationResult result =
          run(strict, driver -> send(driver, Request.post("http://strict/", "x")));

      assertThat(result.failure()).get().isInstanceOf(CheckFailed.class);
      assertThat(result.failure().get().getMessage())
          .contains("requests are GETs")
          .contains("POST");
    }

    @Test
    void aLivenessPhaseFailsWhenAServiceNeverRecovers() {
      Topology flaky =
          Topology.builder()
              .service(
                  ServiceSpec.of(
                          "api",
                          JavaGuest.handler(
                              (request, host) -> Promise.resolved(Response.status(503))))
                      .asPublic())
              .build();
      boolean[] sawSuccess = {false};

      SimulationResult result =
          Simulation.builder(flaky)
              .seed(1)
              .workload(
                  () ->
                      driver -> {
                        Runnable[] poll = new Runnable[1];
                        poll[0] =
                            () -> {
                              driver
                                  .fetch(Request.get("http://api/"))
                                  .onSuccess(r -> sawSuccess[0] |= r.isSuccessful());
                              driver.after(Duration.ofSeconds(5), poll[0]);
                            };
                        poll[0].run();
                      })
              .safetyPhase(Duration.ofSeconds(30))
              .eventually("api answers 2xx", world -> sawSuccess[0])
              .livenessBudget(Duration.ofMinutes(2))
              .build()
              .run();

      assertThat(result.failure().get())
          .isInstanceOf(CheckFailed.class)
          .hasMessageContaining("api answers 2xx")
          .hasMessageContaining("within the liveness budget of +00:02:00.000");
    }

    @Test
    void aLivenessPhaseRestartsCrashedServicesAndPassesWhenTheyRecover() {
      boolean[] answered = {false};
      SimulationResult result =
          Simulation.builder(ThreeServices.topology())
              .seed(1)
              .workload(
                  () ->
                      driver -> {
                        driver.world().crash("ledger", 0, "test");
                        Runnable[] poll = new Runnable[1];
                        poll[0] =
                            () -> {
                              driver
                                  .fetch(
                                      Request.get(
                                          "http://gateway/transfer?from=alice&to=bob&amount=1"))
                                  .onSuccess(r -> answered[0] |= r.isSuccessful());
                              driver.after(Duration.ofSeconds(5), poll[0]);
                            };
                        poll[0].run();
                      })
              .safetyPhase(Duration.ofSeconds(30))
              // While the ledger is down, accounts' failed fetch rejects the gateway's binding
              // call (as in workerd) and the gateway lets it through: uncaught, by design here.
              .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
              .eventually("transfers succeed", world -> answered[0])
              .build()
              .run();

      assertThat(result.passed()).as(result.summary()).isTrue();
      assertThat(result.recentTrace())
          .anySatisfy(line -> assertThat(line).contains("phase.converged"));
    }
  }

  @Nested
  class Timers {
    @Test
    void guestTimersFireAtTheirVirtualTimeAndClearedOnesNever() {
      List<String> fired = new ArrayList<>();
      Topology timers =
          Topology.builder()
              .service(
                  ServiceSpec.of(
                          "timers",
                          JavaGuest.handler(
                              (request, host) -> {
                                host.setTimer(
                                    Duration.ofSeconds(2).toNanos(),
                                    () -> fired.add("2s at " + host.nowNanos()));
                                var cleared =
                                    host.setTimer(
                                        Duration.ofSeconds(1).toNanos(),
                                        () -> fired.add("cleared"));
                                cleared.cancel();
                                return Promise.resolved(Response.ok("armed"));
                              }))
                      .asPublic())
              .latency(Distribution.fixed(Duration.ZERO))
              .build();

      run(timers, driver -> send(driver, Request.get("http://timers/")));

      assertThat(fired).containsExactly("2s at " + Duration.ofSeconds(2).toNanos());
    }
  }
}
