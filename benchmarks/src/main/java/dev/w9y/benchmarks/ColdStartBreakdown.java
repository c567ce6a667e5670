package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Where a cold JavaScript simulation's start goes, in one fresh JVM: time since JVM start (wall)
 * and CPU time of the whole process at each stage — JVM start to {@code main}, creating GraalJS's
 * shared engine (loading its classes), the first world that only boots the durable-object counter
 * (its first context and the prelude), the first request answered, and a second whole seed (warm
 * engine, for comparison). Then the README example's topology and a three-service topology, each
 * for one whole seed, as a {@code mvn test -Dseed=N} fork would run them.
 *
 * <p>Run: {@code java [JVM options] -cp "benchmarks/target/classes:$(cat cp)"
 * dev.w9y.benchmarks.ColdStartBreakdown}.
 */
public final class ColdStartBreakdown {
  private ColdStartBreakdown() {}

  private static long lastWall;
  private static long lastCpu;

  private static void stage(String name) {
    long wall = ManagementFactory.getRuntimeMXBean().getUptime();
    long cpu = SimulationTiming.processCpuNanos() / 1_000_000;
    System.out.printf(
        "%-58s at %6d ms since JVM start (+%5d ms), process CPU %6d ms (+%5d ms)%n",
        name, wall, wall - lastWall, cpu, cpu - lastCpu);
    lastWall = wall;
    lastCpu = cpu;
  }

  /** A world that only boots the counter's service (its first context and prelude), no request. */
  static Simulation counterBootedOnly() {
    return Simulation.builder(WorkerdSideBySide.counterTopology())
        .seed(1)
        .safetyPhase(Duration.ofMillis(1))
        .workload(() -> driver -> {})
        .build();
  }

  public static void main(String[] args) {
    stage("main() entered (JVM start, class path)");
    String runtime = JsGuest.runtimeDescription();
    stage("GraalJS engine created (" + runtime + ")");
    counterBootedOnly().run().orThrow();
    stage("first world: counter service booted, no request");
    Simulation.builder(WorkerdSideBySide.counterTopology())
        .seed(2)
        .safetyPhase(Duration.ofSeconds(1))
        .workload(() -> driver -> driver.fetch(Request.get("http://api/?c=a&n=1")))
        .build()
        .run()
        .orThrow();
    stage("second world: one request through the Worker to the DO");
    WorkerdSideBySide.external(3, 10).run().orThrow();
    stage("third world: 10 requests");
    WorkerdSideBySide.threeServices(4, 100).run().orThrow();
    stage("three-service topology, 100 requests: first seed");
    WorkerdSideBySide.threeServices(5, 100).run().orThrow();
    stage("three-service topology, 100 requests: second seed");
  }
}
