package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.Ratio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each fault family, shown happening, traced, and felt by a plain-Java guest. */
class FaultFamiliesTest {
  private final List<String> outcomes = new ArrayList<>();
  private final List<String> log = new ArrayList<>();

  /** front → back; back counts the requests it handled. */
  final class Back implements JavaService {
    int handled;

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      handled++;
      log.add("back handled " + handled + " at " + host.nowNanos() / 1_000_000 + "ms");
      return Promise.resolved(Response.ok("back " + handled));
    }
  }

  private Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "front",
                    JavaGuest.handler((request, host) -> host.fetch(Request.get("http://back/"))))
                .asPublic())
        .service(ServiceSpec.of("back", JavaGuest.of("Back", Back::new)))
        .latency(Distribution.fixed(Duration.ofMillis(1)))
        .build();
  }

  private void send(WorkloadDriver driver, String url) {
    driver
        .fetch(Request.get(url))
        .whenComplete(
            (response, error) ->
                outcomes.add(
                    error != null
                        ? "failed: " + ((FetchFailed) error).reason()
                        : response.status() + " " + response.body().text()));
  }

  private SimulationResult run(
      FaultPlan plan, Topology topology, Consumer<WorkloadDriver> workload) {
    return run(plan, topology, workload, 9);
  }

  private SimulationResult runSeed(FaultPlan plan, Topology topology, long seed) {
    return run(plan, topology, d -> d.fetch(Request.get("http://clock/")), seed);
  }

  private SimulationResult run(
      FaultPlan plan, Topology topology, Consumer<WorkloadDriver> workload, long seed) {
    Simulation simulation =
        Simulation.builder(topology)
            .seed(seed)
            // The front passes its failed fetches on as 500s: these tests look at the faults.
            .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .safetyPhase(Duration.ofSeconds(30))
            .workload(() -> workload::accept)
            .build()
            .retainingTrace();
    return plan.applyTo(simulation).run();
  }

  private static List<JsonNode> faults(SimulationResult result, String family) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
      if (record.get("kind").asString().equals("fault.injected")
          && record.get("family").asString().equals(family)) {
        found.add(record);
      }
    }
    return found;
  }

  private static long count(SimulationResult result, String kind) {
    return TraceReader.parse(result.fullTrace(), "test").records().stream()
        .filter(r -> r.get("kind").asString().equals(kind))
        .count();
  }

  @Test
  void noneInjectsNothing() {
    SimulationResult result = run(FaultPlan.none(), topology(), d -> send(d, "http://front/"));

    assertThat(outcomes).containsExactly("200 back 1");
    assertThat(count(result, "fault.injected")).isZero();
    assertThat(count(result, "fault.plan")).isEqualTo(1);
  }

  @Test
  void aDroppedRequestFailsItsCallerAfterTheConnectTimeout() {
    FaultPlan plan =
        FaultPlan.none().withNetwork(FaultPlan.NetworkFaults.NONE.withDrop(Ratio.ALWAYS));

    SimulationResult result = run(plan, topology(), d -> send(d, "http://front/"));

    assertThat(outcomes).containsExactly("failed: timed out (injected drop)");
    assertThat(faults(result, "network.drop")).hasSize(1);
    assertThat(log).isEmpty();
  }

  @Test
  void aDuplicatedRequestIsHandledTwice() {
    FaultPlan plan =
        FaultPlan.none().withNetwork(FaultPlan.NetworkFaults.NONE.withDuplicate(Ratio.ALWAYS));

    SimulationResult result = run(plan, topology(), d -> send(d, "http://front/"));

    assertThat(faults(result, "network.duplicate")).isNotEmpty();
    assertThat(log).hasSizeGreaterThanOrEqualTo(2);
    assertThat(outcomes).hasSize(1);
  }

  @Test
  void aDelayedRequestArrivesLate() {
    FaultPlan plan =
        FaultPlan.none()
            .withNetwork(
                FaultPlan.NetworkFaults.NONE.withDelay(
                    Ratio.ALWAYS, Distribution.fixed(Duration.ofSeconds(2))));

    run(plan, topology(), d -> send(d, "http://front/"));

    // workload → front (1 ms + 2 s), front → back (1 ms + 2 s).
    assertThat(log).containsExactly("back handled 1 at 4002ms");
  }

  @Test
  void aPartitionMakesRequestsFailUntilItHeals() {
    FaultPlan plan =
        FaultPlan.none()
            .withNetwork(
                FaultPlan.NetworkFaults.NONE.withPartitions(
                    Distribution.fixed(Duration.ofSeconds(1)),
                    Distribution.fixed(Duration.ofMillis(1_500))));
    SimulationResult result =
        run(
            plan,
            topology(),
            d -> {
              for (int i = 0; i < 30; i++) {
                d.after(Duration.ofMillis(250L * i), () -> send(d, "http://front/"));
              }
            });

    assertThat(faults(result, "network.partition")).isNotEmpty();
    assertThat(count(result, "fault.partition-healed")).isPositive();
    assertThat(outcomes)
        .anySatisfy(
            o -> assertThat(o).startsWith("failed: timed out (partition network.partition:"));
    assertThat(outcomes).anySatisfy(o -> assertThat(o).startsWith("200 back"));
  }

  @Test
  void swizzleCloggingDelaysLinksAndUnclogsThemInAnotherOrder() {
    FaultPlan plan =
        FaultPlan.none()
            .withNetwork(
                FaultPlan.NetworkFaults.NONE.withClogging(
                    Distribution.fixed(Duration.ofSeconds(1)),
                    Distribution.fixed(Duration.ofMillis(300))));

    SimulationResult result =
        run(
            plan,
            topology(),
            d -> {
              for (int i = 0; i < 20; i++) {
                d.after(Duration.ofMillis(200L * i), () -> send(d, "http://front/"));
              }
            });

    List<JsonNode> clogs = faults(result, "network.swizzle-clog");
    assertThat(clogs).isNotEmpty();
    assertThat(clogs.get(0).get("unclogOrder").size()).isPositive();
    assertThat(outcomes).allSatisfy(o -> assertThat(o).startsWith("200"));
  }

  @Test
  void httpFaultsReplaceResetAndTimeOut() {
    SimulationResult errors =
        run(
            FaultPlan.none().withHttp(FaultPlan.HttpFaults.NONE.withServerError(Ratio.ALWAYS)),
            topology(),
            d -> send(d, "http://front/"));
    assertThat(outcomes.get(0)).matches("50[023] injected 50[023]");
    assertThat(faults(errors, "http.server-error")).hasSize(2);

    outcomes.clear();
    run(
        FaultPlan.none().withHttp(FaultPlan.HttpFaults.NONE.withTooManyRequests(Ratio.ALWAYS)),
        topology(),
        d ->
            d.fetch(Request.get("http://front/"))
                .onSuccess(
                    r ->
                        outcomes.add(
                            r.status()
                                + " retry-after="
                                + r.headers().get("retry-after").orElse("?"))));
    assertThat(outcomes.get(0)).startsWith("429 retry-after=");

    outcomes.clear();
    run(
        FaultPlan.none().withHttp(FaultPlan.HttpFaults.NONE.withReset(Ratio.ALWAYS)),
        topology(),
        d -> send(d, "http://front/"));
    assertThat(outcomes).containsExactly("failed: connection reset");

    outcomes.clear();
    log.clear();
    run(
        FaultPlan.none()
            .withHttp(
                FaultPlan.HttpFaults.NONE.withTimeout(
                    Ratio.ALWAYS, Distribution.fixed(Duration.ZERO))),
        topology(),
        d -> send(d, "http://front/"));
    assertThat(outcomes).containsExactly("failed: timed out waiting for the response");
  }

  @Test
  void anUnknownOutcomeMeansTheServerActedButTheCallerFailed() {
    FaultPlan plan =
        FaultPlan.none().withHttp(FaultPlan.HttpFaults.NONE.withUnknownOutcome(Ratio.ALWAYS));

    SimulationResult result = run(plan, topology(), d -> send(d, "http://front/"));

    assertThat(log).containsExactly("back handled 1 at 2ms");
    assertThat(outcomes)
        .containsExactly("failed: connection lost after the server acted (unknown outcome)");
    assertThat(faults(result, "http.unknown-outcome")).hasSize(2);
  }

  @Test
  void crashedInstancesRestartAfterADelay() {
    FaultPlan plan =
        FaultPlan.none()
            .withProcess(
                FaultPlan.ProcessFaults.NONE.withInstanceCrashes(
                    Distribution.fixed(Duration.ofSeconds(3)),
                    Distribution.fixed(Duration.ofSeconds(1))));

    SimulationResult result = run(plan, topology(), d -> {});

    assertThat(faults(result, "process.crash")).hasSizeGreaterThan(3);
    assertThat(count(result, "instance.crashed")).isEqualTo(faults(result, "process.crash").size());
    assertThat(count(result, "instance.started"))
        .isGreaterThan(faults(result, "process.crash").size());
  }

  @Test
  void aReceiverCrashedMidRequestFailsItsCallerAndComesBack() {
    Topology slowBack =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "front",
                        JavaGuest.handler(
                            (request, host) -> host.fetch(Request.get("http://back/"))))
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "back",
                    JavaGuest.handler(
                        (request, host) -> {
                          Promise.Deferred<Response> later = Promise.deferred();
                          host.setTimer(
                              Duration.ofMillis(50).toNanos(),
                              () -> later.resolve(Response.ok("slow")));
                          return later.promise();
                        })))
            .latency(Distribution.fixed(Duration.ofMillis(1)))
            .build();
    FaultPlan plan =
        FaultPlan.none()
            .withProcess(
                FaultPlan.ProcessFaults.NONE.withCrashMidRequest(
                    Ratio.of(1, 2), Distribution.fixed(Duration.ofMillis(100))));

    SimulationResult result =
        run(
            plan,
            slowBack,
            d -> {
              for (int i = 0; i < 20; i++) {
                d.after(Duration.ofSeconds(i), () -> send(d, "http://front/"));
              }
            });

    assertThat(faults(result, "process.crash-mid-request")).isNotEmpty();
    assertThat(outcomes).anySatisfy(o -> assertThat(o).startsWith("failed: connection reset"));
    assertThat(outcomes).anySatisfy(o -> assertThat(o).isEqualTo("500 Internal Server Error"));
    assertThat(outcomes).anySatisfy(o -> assertThat(o).isEqualTo("200 slow"));
  }

  @Test
  void skewedClocksShiftWhatGuestsReadButNeverRunBackwards() {
    List<Long> wall = new ArrayList<>();
    List<Long> monotonic = new ArrayList<>();
    Topology clocks = clockReader(wall, monotonic);
    FaultPlan plan =
        FaultPlan.none()
            .withClock(
                new FaultPlan.ClockFaults(
                    Ratio.ALWAYS,
                    5_000,
                    100_000,
                    Distribution.fixed(Duration.ofSeconds(5)),
                    60_000));

    SimulationResult result =
        run(
            plan,
            clocks,
            d -> {
              for (int i = 0; i < 20; i++) {
                d.after(Duration.ofSeconds(i), () -> d.fetch(Request.get("http://clock/")));
              }
            });

    JsonNode skew = faults(result, "clock.skew").get(0);
    long firstTrue = Topology.DEFAULT_EPOCH_MILLIS;
    assertThat(wall.get(0) - firstTrue).isEqualTo(skew.get("offsetMs").asLong());
    assertThat(faults(result, "clock.jump")).isNotEmpty();
    for (int i = 1; i < monotonic.size(); i++) {
      assertThat(monotonic.get(i)).isGreaterThanOrEqualTo(monotonic.get(i - 1));
    }
    assertThat(monotonic.get(10)).isNotEqualTo(Duration.ofSeconds(10).toNanos());
  }

  /** One service that notes its wall and monotonic clocks each time it is asked. */
  private static Topology clockReader(List<Long> wall, List<Long> monotonic) {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "clock",
                    JavaGuest.handler(
                        (request, host) -> {
                          wall.add(host.epochMillis());
                          monotonic.add(host.nowNanos());
                          return Promise.resolved(Response.ok(""));
                        }))
                .asPublic())
        .latency(Distribution.fixed(Duration.ZERO))
        .build();
  }

  @Test
  void aStrobingWallClockFlipsBackAndForthWhilePerformanceNowRunsOn() {
    List<Long> wall = new ArrayList<>();
    List<Long> monotonic = new ArrayList<>();
    FaultPlan strobing =
        FaultPlan.none()
            .withClock(
                new FaultPlan.ClockFaults(
                    Ratio.NEVER,
                    0,
                    0,
                    null,
                    0,
                    Ratio.NEVER,
                    0,
                    Ratio.ALWAYS,
                    Distribution.fixed(Duration.ofSeconds(2)),
                    60_000));

    SimulationResult result =
        run(
            strobing,
            clockReader(wall, monotonic),
            d -> {
              for (int i = 0; i < 400; i++) {
                d.after(
                    Duration.ofMillis(2_000 + 7L * i), () -> d.fetch(Request.get("http://clock/")));
              }
            });

    JsonNode strobe = faults(result, "clock.strobe").get(0);
    long by = strobe.get("byMs").asLong();
    List<Long> steps = new ArrayList<>();
    for (int i = 1; i < wall.size(); i++) {
      steps.add(wall.get(i) - wall.get(i - 1));
      assertThat(monotonic.get(i)).isGreaterThan(monotonic.get(i - 1));
    }
    // The wall clock jumps by the strobe's amount one way, then back, again and again.
    assertThat(steps.stream().filter(step -> Math.abs(step - by) < 10).count()).isGreaterThan(3);
    assertThat(steps.stream().filter(step -> Math.abs(step + by) < 10).count()).isGreaterThan(3);
  }

  @Test
  void inAWideRunSkewsReachMinutes() {
    FaultPlan wide =
        FaultPlan.none()
            .withClock(
                new FaultPlan.ClockFaults(
                    Ratio.ALWAYS, 5_000, 0, null, 0, Ratio.ALWAYS, 600_000, Ratio.NEVER, null, 0));
    FaultPlan narrow = wide.withClock(wide.clock().narrow());
    List<Long> wideOffsets = new ArrayList<>();
    List<Long> narrowOffsets = new ArrayList<>();
    Topology topology = clockReader(new ArrayList<>(), new ArrayList<>());
    for (long seed = 0; seed < 10; seed++) {
      wideOffsets.add(
          faults(runSeed(wide, topology, seed), "clock.skew").get(0).get("offsetMs").asLong());
      narrowOffsets.add(
          faults(runSeed(narrow, topology, seed), "clock.skew").get(0).get("offsetMs").asLong());
    }

    assertThat(narrowOffsets).allSatisfy(ms -> assertThat(Math.abs(ms)).isLessThanOrEqualTo(5_000));
    assertThat(wideOffsets).allSatisfy(ms -> assertThat(Math.abs(ms)).isLessThanOrEqualTo(600_000));
    assertThat(wideOffsets).anySatisfy(ms -> assertThat(Math.abs(ms)).isGreaterThan(60_000));
  }

  @Test
  void buggifySitesAreActivatedOncePerRunThenFireWithTheirOwnProbability() {
    List<Boolean> fired = new ArrayList<>();
    Topology sites =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "site",
                        JavaGuest.handler(
                            (request, host) -> {
                              fired.add(host.buggify("slow-path"));
                              return Promise.resolved(Response.ok(""));
                            }))
                    .asPublic())
            .build();
    Consumer<WorkloadDriver> hundredRequests =
        d -> {
          for (int i = 0; i < 100; i++) {
            d.after(Duration.ofMillis(10L * i), () -> d.fetch(Request.get("http://site/")));
          }
        };

    run(
        FaultPlan.none()
            .withBuggify(new FaultPlan.BuggifyFaults(true, Ratio.ALWAYS, Ratio.of(1, 2))),
        sites,
        hundredRequests);
    assertThat(fired).contains(true, false);

    fired.clear();
    SimulationResult inactive =
        run(
            FaultPlan.none()
                .withBuggify(new FaultPlan.BuggifyFaults(true, Ratio.NEVER, Ratio.ALWAYS)),
            sites,
            hundredRequests);
    assertThat(fired).hasSize(100).containsOnly(false);
    assertThat(inactive.fullTrace())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"kind\":\"buggify.site\"")
                    .contains("\"active\":false"));

    fired.clear();
    run(FaultPlan.none(), sites, hundredRequests);
    assertThat(fired).containsOnly(false);

    SimulationResult declared =
        run(
            FaultPlan.none()
                .withBuggify(FaultPlan.BuggifyFaults.DEFAULT.withSites(List.of("slow-path"))),
            sites,
            d -> {});
    List<String> lines = declared.fullTrace();
    int activation = -1;
    int boot = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (activation < 0 && lines.get(i).contains("\"kind\":\"buggify.site\"")) {
        activation = i;
      }
      if (boot < 0 && lines.get(i).contains("\"kind\":\"boot\"")) {
        boot = i;
      }
    }
    assertThat(activation)
        .as("declared sites are decided before anything runs")
        .isPositive()
        .isLessThan(boot);
  }

  @Test
  void healingStopsEveryFaultForTheLivenessPhase() {
    boolean[] answered = {false};
    SimulationResult result =
        FaultPlan.chaos()
            .withHttp(FaultPlan.HttpFaults.NONE.withServerError(Ratio.ALWAYS))
            .applyTo(
                Simulation.builder(topology())
                    .seed(2)
                    .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
                    .safetyPhase(Duration.ofSeconds(20))
                    .workload(
                        () ->
                            d -> {
                              Runnable[] poll = new Runnable[1];
                              poll[0] =
                                  () -> {
                                    d.fetch(Request.get("http://front/"))
                                        .onSuccess(
                                            r ->
                                                answered[0] |=
                                                    r.status() == 200
                                                        && d.nowNanos()
                                                            > Duration.ofSeconds(20).toNanos());
                                    d.after(Duration.ofSeconds(1), poll[0]);
                                  };
                              poll[0].run();
                            })
                    .eventually("a request succeeds after healing", world -> answered[0])
                    .build()
                    .retainingTrace())
            .run();

    assertThat(result.passed()).as(result.summary()).isTrue();
    List<String> lines = result.fullTrace();
    int healedAt = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"kind\":\"fault.healed\"")) {
        healedAt = i;
      }
    }
    assertThat(healedAt).isPositive();
    assertThat(lines.subList(healedAt, lines.size()))
        .noneSatisfy(line -> assertThat(line).contains("\"kind\":\"fault.injected\""));
  }
}
