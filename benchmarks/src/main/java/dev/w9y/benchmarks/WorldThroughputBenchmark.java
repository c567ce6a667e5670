package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.Workload;
import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One simulation of a plain-Java three-service system (gateway → accounts → ledger) serving {@value
 * #REQUESTS} requests, with the trace off, hashed in memory (the default), or written to a file.
 * Scores are simulations per second; {@link #main} prints events and trace bytes per run, so events
 * per second and the cost of tracing follow (see docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WorldThroughputBenchmark {
  static final int REQUESTS = 200;

  @Param({"off", "memory", "file"})
  public String trace;

  private Simulation simulation;

  @Setup
  public void build() throws IOException {
    Simulation.Builder builder =
        Simulation.builder(topology()).seed(1).workload(() -> transfers(REQUESTS));
    builder.safetyPhase(Duration.ofSeconds(10));
    switch (trace) {
      case "off" -> builder.recordTrace(false);
      case "file" ->
          builder.traceFile(Files.createTempDirectory("w9y-bench").resolve("trace.jsonl"));
      default -> {}
    }
    simulation = builder.build();
  }

  @Benchmark
  public SimulationResult threeServices() {
    return simulation.run();
  }

  /** {@code requests} transfers through the gateway, one every 10 virtual ms. */
  static Workload transfers(int requests) {
    return driver -> {
      for (int i = 0; i < requests; i++) {
        int amount = i % 7 + 1;
        driver.after(
            Duration.ofMillis(10L * i),
            () -> driver.fetch(Request.get("http://gateway/transfer?amount=" + amount)));
      }
    };
  }

  static Topology topology() {
    JavaGuest gateway =
        JavaGuest.handler(
            (request, host) ->
                host.fetchBinding(
                    "ACCOUNTS",
                    request.withUrl("http://accounts" + request.parsedUrl().pathAndQuery())));
    JavaGuest accounts =
        JavaGuest.of(
            "Accounts",
            () -> {
              long[] balance = {1_000_000};
              return (request, host) ->
                  host.fetch(
                          Request.post("http://ledger/append", request.parsedUrl().pathAndQuery()))
                      .then(
                          logged -> {
                            balance[0] -= 1;
                            return Response.ok(Long.toString(balance[0]));
                          });
            });
    JavaGuest ledger =
        JavaGuest.of(
            "Ledger",
            () -> {
              List<String> entries = new ArrayList<>();
              return (request, host) -> {
                entries.add(request.body().text());
                return Promise.resolved(Response.status(204));
              };
            });
    return Topology.builder()
        .service(ServiceSpec.of("gateway", gateway).asPublic().withBinding("ACCOUNTS", "accounts"))
        .service(ServiceSpec.of("accounts", accounts))
        .service(ServiceSpec.of("ledger", ledger))
        .build();
  }

  /** Prints the per-run figures the benchmark scores are multiplied by. */
  public static void main(String[] args) throws IOException {
    WorldThroughputBenchmark benchmark = new WorldThroughputBenchmark();
    benchmark.trace = "memory";
    benchmark.build();
    SimulationResult result = benchmark.threeServices();
    System.out.println(
        "events="
            + result.events()
            + " records="
            + result.traceRecords()
            + " traceBytes="
            + result.traceBytes()
            + " bytesPerEvent="
            + result.traceBytes() / result.events()
            + " bytesPerRecord="
            + result.traceBytes() / result.traceRecords());
  }
}
