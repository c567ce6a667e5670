package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.guestwasm.WasmGuest;
import dev.w9y.guestwasm.internal.StandaloneHost;
import dev.w9y.guestwasm.internal.WasmInstances;
import java.nio.file.Path;
import java.time.Duration;

/**
 * guest-wasm's figures on wall time over whole simulations: instantiating a module (a simulation
 * that only boots it), requests per second through the echo module, and instructions per second of
 * Chicory's interpreter with W9Y's counting listener (an endless loop run into its budget). Uses
 * the checked-in fixtures under guest-wasm/src/test/resources/wasm.
 *
 * <p>The clock is read only through {@link SimulationTiming}, around simulations and snapshot
 * calls.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests -Pbench
 * -Dbench.main=dev.w9y.benchmarks.WasmGuestBenchmark -Djmh.args=}
 */
public final class WasmGuestBenchmark {
  private static final Path FIXTURES =
      Path.of("..", "guest-wasm", "src", "test", "resources", "wasm");

  private WasmGuestBenchmark() {}

  /** Snapshot and restore of an instance grown to 64 pages (4 MiB), per MiB. */
  private static void snapshotCost() {
    WasmInstances.Handle guest =
        WasmInstances.start(
            WasmGuest.fromFile(FIXTURES.resolve("misbehave.wasm")).withMaxMemoryPages(64),
            "grow",
            new StandaloneHost());
    guest.deliver(new Request("GROW", "http://grow/", Headers.EMPTY, Body.EMPTY)).get();
    double mebibytes = guest.memoryPages() * 65536.0 / (1 << 20);
    for (int i = 0; i < 200; i++) {
      guest.restore(guest.snapshot());
    }
    int rounds = 500;
    Object[] taken = {guest.snapshot()};
    double snapshotMillis =
        SimulationTiming.nanosOf(
                () -> {
                  for (int i = 0; i < rounds; i++) {
                    taken[0] = guest.snapshot();
                  }
                })
            / 1e6
            / rounds;
    double restoreMillis =
        SimulationTiming.nanosOf(
                () -> {
                  for (int i = 0; i < rounds; i++) {
                    guest.restore(taken[0]);
                  }
                })
            / 1e6
            / rounds;
    System.out.printf(
        "snapshot %.3f ms, restore %.3f ms per MiB (an instance of %.0f MiB)%n",
        snapshotMillis / mebibytes, restoreMillis / mebibytes, mebibytes);
  }

  public static void main(String[] args) {
    WasmGuest echo = WasmGuest.fromFile(FIXTURES.resolve("echo.wasm"));
    Simulation boot =
        Simulation.builder(Topology.builder().service(ServiceSpec.of("echo", echo)).build())
            .seed(1)
            .safetyPhase(Duration.ZERO)
            .build();
    double millis = SimulationTiming.millisPerRun(boot, 200, 2000);
    System.out.printf(
        "instantiate the echo module: %.3f ms per service start (a whole simulation that boots it)%n",
        millis);

    SimulationTiming.requestsPerSecond(
        "echo module",
        Topology.builder().service(ServiceSpec.of("echo", echo).asPublic()).build(),
        20_000,
        i -> Request.get("http://echo/x?i=1"));

    SimulationTiming.requestsPerSecond(
        "echo module, compiled (WasmGuest.withCompiler)",
        Topology.builder().service(ServiceSpec.of("echo", echo.withCompiler()).asPublic()).build(),
        20_000,
        i -> Request.get("http://echo/x?i=1"));

    WasmGuest kv = WasmGuest.fromFile(Path.of("..", "samples", "src", "main", "wasm", "kv.wasm"));
    for (WasmGuest guest : new WasmGuest[] {kv, kv.withCompiler()}) {
      SimulationTiming.requestsPerSecond(
          guest == kv ? "C key-value store" : "C key-value store, compiled",
          Topology.builder()
              .service(ServiceSpec.of("kv", guest).withDurableObject("STORE", "Store").asPublic())
              .build(),
          20_000,
          i ->
              i % 2 == 0
                  ? new Request("PUT", "http://kv/k" + i % 100, Headers.EMPTY, Body.ofText("v" + i))
                  : Request.get("http://kv/k" + (i - 1) % 100));
    }

    snapshotCost();

    long limit = 50_000_000L;
    WasmGuest spinner =
        WasmGuest.fromFile(FIXTURES.resolve("misbehave.wasm")).withInstructionLimit(limit);
    Simulation spin =
        Simulation.builder(
                Topology.builder().service(ServiceSpec.of("spin", spinner).asPublic()).build())
            .seed(1)
            .safetyPhase(Duration.ofSeconds(1))
            .workload(
                () ->
                    driver ->
                        driver.fetch(
                            new Request("SPIN", "http://spin/", Headers.EMPTY, Body.EMPTY)))
            .build();
    spin.run();
    int spins = 3;
    double seconds =
        SimulationTiming.secondsOf(
            () -> {
              for (int i = 0; i < spins; i++) {
                spin.withSeed(i).run();
              }
            });
    System.out.printf(
        "interpreter with the counting listener: %.1f M instructions/s (%d x %d instructions in %.2f s)%n",
        spins * limit / seconds / 1e6, spins, limit, seconds);
  }
}
