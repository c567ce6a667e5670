package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.r2.R2BucketBinding;
import dev.w9y.core.r2.R2Handle;
import dev.w9y.core.r2.R2Object;
import dev.w9y.scheduler.Ratio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The r2 family: an R2 operation fails with R2's internal error, traced as a fault. */
class R2FaultsTest {
  private static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "api",
                    JavaGuest.handler(
                        (request, host) -> {
                          R2Handle bucket = (R2Handle) host.platformBinding("FILES");
                          R2Handle.PutOptions options =
                              new R2Handle.PutOptions(
                                  R2Object.HttpMetadata.NONE,
                                  new LinkedHashMap<>(),
                                  null,
                                  new LinkedHashMap<>());
                          Promise<R2Object> put =
                              bucket.put("k", "v".getBytes(StandardCharsets.UTF_8), options);
                          return put.then(object -> Response.ok(object.etag()));
                        }))
                .withPlatformBinding("FILES", new R2BucketBinding("files"))
                .asPublic())
        .build();
  }

  private static List<String> run(FaultPlan plan, SimulationResult[] result) {
    List<String> outcomes = new ArrayList<>();
    result[0] =
        Simulation.builder(topology())
            .seed(3)
            .faults(plan.injector())
            .workload(
                () ->
                    driver ->
                        driver
                            .fetch(Request.get("http://api/"))
                            .whenComplete(
                                (response, error) ->
                                    outcomes.add(
                                        error != null
                                            ? "failed"
                                            : response.status() + " " + response.body().text())))
            .safetyPhase(Duration.ofSeconds(10))
            .build()
            .retainingTrace()
            .run();
    return outcomes;
  }

  @Test
  void anR2OperationFailsWithR2sInternalErrorAsAnInjectedFault() {
    FaultPlan always =
        FaultPlan.none()
            .withPlatform(FaultPlan.PlatformFaults.NONE.withR2InternalError(Ratio.ALWAYS));
    SimulationResult[] result = new SimulationResult[1];
    run(always, result);
    List<String> trace = result[0].fullTrace();
    assertThat(trace).anyMatch(line -> line.contains("r2.internal-error:api#0/r2#1"));
    assertThat(trace)
        .anyMatch(
            line ->
                line.contains("\"r2.put.result\"")
                    && line.contains(
                        "put: We encountered an internal error. Please try again. (10001)"));
    assertThat(FaultKind.ofFaultId("r2.internal-error:api#0/r2#1")).isEqualTo(FaultKind.R2);

    List<String> clean = run(FaultPlan.none(), result);
    assertThat(clean).containsExactly("200 9e3669d19b675bd57058fd4664205d2a");
  }

  @Test
  void onlyAWorldWithR2BucketsDescribesR2FaultsInItsHeader() {
    SimulationResult[] result = new SimulationResult[1];
    run(FaultPlan.chaos(), result);
    assertThat(planRecord(result[0].fullTrace())).contains("\"r2\":\"1/100\"");

    Topology withoutR2 =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "api",
                        JavaGuest.handler((request, host) -> Promise.resolved(Response.ok("hi"))))
                    .asPublic())
            .build();
    SimulationResult plain =
        FaultPlan.chaos()
            .applyTo(
                Simulation.builder(withoutR2).seed(3).safetyPhase(Duration.ofSeconds(1)).build())
            .retainingTrace()
            .run();
    // A world without R2 keeps the header every run had before R2 existed (and so its hash).
    assertThat(planRecord(plain.fullTrace()))
        .doesNotContain("\"r2\"")
        .contains("queueConsumerCrash=1/50]");
  }

  private static String planRecord(List<String> trace) {
    return trace.stream().filter(line -> line.contains("\"fault.plan\"")).findFirst().orElseThrow();
  }
}
