package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
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
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests exec:exec
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
    Object snapshot = guest.snapshot();
    for (int i = 0; i < 200; i++) {
      guest.restore(guest.snapshot());
    }
    int rounds = 500;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      snapshot = guest.snapshot();
    }
    double snapshotMillis = (System.nanoTime() - start) / 1e6 / rounds;
    start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      guest.restore(snapshot);
    }
    double restoreMillis = (System.nanoTime() - start) / 1e6 / rounds;
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
    for (int i = 0; i < 200; i++) {
      boot.withSeed(i).run().orThrow();
    }
    int runs = 2000;
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      boot.withSeed(i).run().orThrow();
    }
    System.out.printf(
        "instantiate the echo module: %.3f ms per service start (a whole simulation that boots it)%n",
        (System.nanoTime() - start) / 1e6 / runs);

    int requests = 20_000;
    Simulation serve =
        Simulation.builder(
                Topology.builder().service(ServiceSpec.of("echo", echo).asPublic()).build())
            .seed(1)
            .safetyPhase(Duration.ofSeconds(requests / 1000 + 5))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < requests; i++) {
                        driver.after(
                            Duration.ofMillis(i),
                            () -> driver.fetch(Request.get("http://echo/x?i=1")));
                      }
                    })
            .build();
    for (int i = 0; i < 3; i++) {
      serve.withSeed(100 + i).run().orThrow();
    }
    start = System.nanoTime();
    SimulationResult result = serve.run().orThrow();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "echo module: %d requests in %.2f s = %.0f requests/s (%d events)%n",
        requests, seconds, requests / seconds, result.events());

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
    start = System.nanoTime();
    int spins = 3;
    for (int i = 0; i < spins; i++) {
      spin.withSeed(i).run();
    }
    seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "interpreter with the counting listener: %.1f M instructions/s (%d x %d instructions in %.2f s)%n",
        spins * limit / seconds / 1e6, spins, limit, seconds);
  }
}
