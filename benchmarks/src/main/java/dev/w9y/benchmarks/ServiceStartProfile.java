package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.guestjs.internal.StartProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one JavaScript service instance's start goes, stage by stage: making its GraalJS context,
 * sharing the host objects, running each prelude file's top level (in {@code Prelude.FILES} order),
 * evaluating the user's entry module and making {@code env}; then the first request of a fresh
 * world. Each stage's process CPU (every thread) and simulation-thread CPU, read at the marks
 * {@link StartProfile} makes: for the JVM's first instance (cold: the counter's service, as {@link
 * ColdStartBreakdown}'s first world), and the mean over the instances of many fresh three-service
 * worlds (warm: {@link JsGuestBenchmark#threeServices}, three instances each). Whole worlds (booted
 * only, and with one request) are means too.
 *
 * <p>Run: {@code java [JVM options] -cp "benchmarks/target/classes:$(cat cp)"
 * dev.w9y.benchmarks.ServiceStartProfile [worlds]}.
 */
public final class ServiceStartProfile {
  private ServiceStartProfile() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds (process, thread) of each stage, one sample per instance. */
  private static final class Stages {
    final Map<String, List<long[]>> samples = new LinkedHashMap<>();
    private long lastProcess;
    private long lastThread;

    void mark(String stage) {
      long process = SimulationTiming.processCpuNanos();
      long thread = THREADS.getCurrentThreadCpuTime();
      if (!stage.equals(StartProfile.STARTING)) {
        samples
            .computeIfAbsent(stage, name -> new ArrayList<>())
            .add(new long[] {process - lastProcess, thread - lastThread});
      }
      lastProcess = process;
      lastThread = thread;
    }
  }

  public static void main(String[] args) {
    int worlds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    System.out.println("W9Y's JavaScript guests run on: " + JsGuest.runtimeDescription());
    System.out.println("load: " + WorkerdSideBySide.loadAverage());
    Stages cold = new Stages();
    StartProfile.observe(cold::mark);
    ColdStartBreakdown.counterBootedOnly().run().orThrow();
    StartProfile.observe(null);

    for (int i = 0; i < worlds; i++) { // warm-up: GraalJS's nodes specialize, the JVM compiles
      JsGuestBenchmark.threeServices(100 + i, 1).run().orThrow();
    }
    Stages warm = new Stages();
    StartProfile.observe(warm::mark);
    List<long[]> booted = new ArrayList<>();
    List<long[]> oneRequest = new ArrayList<>();
    for (int i = 0; i < worlds; i++) {
      booted.add(cpuOf(JsGuestBenchmark.threeServices(1000 + i, 0)));
      oneRequest.add(cpuOf(JsGuestBenchmark.threeServices(1000 + i, 1)));
    }
    StartProfile.observe(null);

    System.out.printf(
        "%n| stage | cold: process CPU ms | cold: sim-thread CPU ms |"
            + " warm mean: process CPU ms | warm mean: sim-thread CPU ms |%n");
    System.out.println("|---|---:|---:|---:|---:|");
    long[] coldTotal = new long[2];
    long[] warmTotal = new long[2];
    for (String stage : warm.samples.keySet()) {
      long[] c = first(cold.samples.get(stage));
      long[] w = {mean(warm.samples.get(stage), 0), mean(warm.samples.get(stage), 1)};
      coldTotal[0] += c[0];
      coldTotal[1] += c[1];
      warmTotal[0] += w[0];
      warmTotal[1] += w[1];
      System.out.printf(
          "| %s | %s | %s | %s | %s |%n", stage, ms(c[0]), ms(c[1]), ms(w[0]), ms(w[1]));
    }
    System.out.printf(
        "| **one instance's start, sum** | %s | %s | %s | %s |%n",
        ms(coldTotal[0]), ms(coldTotal[1]), ms(warmTotal[0]), ms(warmTotal[1]));
    long[] boot = {mean(booted, 0), mean(booted, 1)};
    long[] request = {mean(oneRequest, 0), mean(oneRequest, 1)};
    System.out.printf(
        "%nfresh three-service world (mean of %d): booted, no request: process %s ms,"
            + " sim-thread %s ms; with one request: process %s ms, sim-thread %s ms;"
            + " so the first request: process %s ms, sim-thread %s ms (load %s)%n",
        worlds,
        ms(boot[0]),
        ms(boot[1]),
        ms(request[0]),
        ms(request[1]),
        ms(request[0] - boot[0]),
        ms(request[1] - boot[1]),
        WorkerdSideBySide.loadAverage());
  }

  /** Process and simulation-thread CPU of one whole run (the marks inside it are charged too). */
  private static long[] cpuOf(Simulation simulation) {
    long process = SimulationTiming.processCpuNanos();
    long thread = THREADS.getCurrentThreadCpuTime();
    SimulationResult result = simulation.run();
    result.orThrow();
    return new long[] {
      SimulationTiming.processCpuNanos() - process, THREADS.getCurrentThreadCpuTime() - thread
    };
  }

  private static long[] first(List<long[]> samples) {
    return samples == null || samples.isEmpty() ? new long[2] : samples.get(0);
  }

  /**
   * The mean: the process CPU clock moves in 10 ms ticks here, so one stage's process CPU is 0 or
   * 10 ms in any one instance, and only a mean over many says what the stage costs.
   */
  private static long mean(List<long[]> samples, int which) {
    long sum = 0;
    for (long[] sample : samples) {
      sum += sample[which];
    }
    return sum / samples.size();
  }

  private static String ms(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }
}
