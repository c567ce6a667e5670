package dev.w9y.benchmarks;

import dev.w9y.cli.Main;
import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.Simulation;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.junit.SeedRunner;
import dev.w9y.junit.SeedSelection;
import dev.w9y.junit.Simulations;
import dev.w9y.scheduler.Ratio;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Seeds across cores, 1 → 2 threads (docs/PERFORMANCE.md, "Seeds across cores"): the same seeds
 * swept with one thread and with two, back to back in one JVM, for
 *
 * <ul>
 *   <li>{@code js}: {@code w9y fuzz --threads N} (in process, through the command line's own entry
 *       point) of the naive box office, samples/topologies/box-office/w9y.yaml — three JavaScript
 *       services under chaos faults, some seeds failing and the first one shrunk;
 *   <li>{@code java}: {@link Simulations#sweep} — what {@code @W9ySimulation(threads = ...)} runs —
 *       of a plain-Java three-service world ({@link WorldThroughputBenchmark#topology()}) under
 *       chaos faults, every seed's trace kept, the first failure shrunk (as {@code fuzz} does).
 * </ul>
 *
 * <p>Each sweep prints seeds per wall second, per process CPU second (every thread: GC and JIT
 * included) and per simulation-thread CPU second (the sweep's {@code w9y-seed-*} threads and the
 * calling thread, sampled every 20 ms by {@link ThreadMXBean}; the sampler's own CPU counts in the
 * process figure). It then checks the two sweeps reported the same: the same {@code result.json}
 * (its output directory's name aside) and byte-identical trace and plan files, or it fails.
 *
 * <p>Run from the repository root: {@code java -XX:+UseSerialGC -cp
 * "benchmarks/target/classes:$(cat /tmp/bench.cp)" dev.w9y.benchmarks.SweepThreadsBenchmark
 * [rounds] [jsSeeds] [javaSeeds]}. The order of the pair alternates by round (1 then 2 threads,
 * then 2 then 1).
 */
public final class SweepThreadsBenchmark {
  private SweepThreadsBenchmark() {}

  static final String JS_TOPOLOGY = "samples/topologies/box-office/w9y.yaml";
  static final int JAVA_REQUESTS = 200;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int jsSeeds = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int javaSeeds = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    if (!Files.isRegularFile(Path.of(JS_TOPOLOGY))) {
      throw new IllegalStateException("run from the repository root (" + JS_TOPOLOGY + ")");
    }
    System.out.println("W9Y's JavaScript guests run on: " + JsGuest.runtimeDescription());
    System.out.println(
        "processors: " + Runtime.getRuntime().availableProcessors() + ", load: " + load());
    Path work = Files.createTempDirectory("w9y-sweep-threads");
    // Warm-up of both paths (classes loaded, GraalJS and the JIT settled a little).
    fuzz(work.resolve("warm-js"), 4, 2);
    javaSweep(work.resolve("warm-java"), 40, 2);
    for (int r = 1; r <= rounds; r++) {
      int round = r;
      int[] order = round % 2 == 1 ? new int[] {1, 2} : new int[] {2, 1};
      pair(
          "js   (w9y fuzz, box office, " + jsSeeds + " seeds)",
          round,
          order,
          threads ->
              measure(() -> fuzz(work.resolve("js-" + round + "-" + threads), jsSeeds, threads)),
          work,
          "js-" + round);
      pair(
          "java (Simulations.sweep, " + javaSeeds + " seeds)",
          round,
          order,
          threads ->
              measure(
                  () ->
                      javaSweep(work.resolve("java-" + round + "-" + threads), javaSeeds, threads)),
          work,
          "java-" + round);
    }
  }

  private static void pair(
      String label, int round, int[] order, IntFunction<Figure> sweep, Path work, String prefix)
      throws IOException {
    Map<Integer, Figure> figures = new TreeMap<>();
    for (int threads : order) {
      figures.put(threads, sweep.apply(threads));
    }
    Path one = work.resolve(prefix + "-1");
    Path two = work.resolve(prefix + "-2");
    Map<String, String> a = reports(one);
    Map<String, String> b = reports(two);
    if (!a.equals(b)) {
      throw new IllegalStateException(
          label + ": 1 and 2 threads reported differently\n  " + a + "\n  " + b);
    }
    for (Map.Entry<Integer, Figure> entry : figures.entrySet()) {
      Figure f = entry.getValue();
      System.out.printf(
          "round %d %s, %d thread(s): %d seeds, %.2f s wall, %.2f process CPU s, %.2f sim-thread"
              + " CPU s: %.2f seeds/wall s, %.2f seeds/process CPU s, %.2f seeds/sim-thread CPU"
              + " s, process/thread %.2f (load %s)%n",
          round,
          label,
          entry.getKey(),
          f.seeds,
          f.wallSeconds,
          f.processCpuSeconds,
          f.threadCpuSeconds,
          f.seeds / f.wallSeconds,
          f.seeds / f.processCpuSeconds,
          f.seeds / f.threadCpuSeconds,
          f.processCpuSeconds / f.threadCpuSeconds,
          f.load);
    }
    Figure f1 = figures.get(1);
    Figure f2 = figures.get(2);
    System.out.printf(
        "round %d %s: 2 threads / 1 thread: %.2f× seeds per wall s, %.2f× per process CPU s; same"
            + " reports (%d files, result.json included)%n",
        round,
        label,
        (f2.seeds / f2.wallSeconds) / (f1.seeds / f1.wallSeconds),
        (f2.seeds / f2.processCpuSeconds) / (f1.seeds / f1.processCpuSeconds),
        a.size());
  }

  /** {@code w9y fuzz} of the box office; returns the seeds it ran. */
  static long fuzz(Path out, int seeds, int threads) {
    StringWriter text = new StringWriter();
    PrintWriter console = new PrintWriter(text);
    int code =
        Main.run(
            new String[] {
              "fuzz",
              JS_TOPOLOGY,
              "--seeds",
              Integer.toString(seeds),
              "--threads",
              Integer.toString(threads),
              "--out",
              out.toString()
            },
            console,
            console);
    console.flush();
    // 1: some seed failed (the naive box office sells a seat twice on some seeds); 0: none did.
    if (code > 1) {
      throw new IllegalStateException("w9y fuzz exited " + code + ":\n" + text);
    }
    return seeds;
  }

  /** A threaded sweep of the plain-Java world; returns the seeds it ran. */
  static long javaSweep(Path out, int seeds, int threads) {
    try {
      Files.createDirectories(out);
      SeedRunner runner =
          new SeedRunner("java-world", "java {seed}", out, FaultPlan.chaos(), 50, true);
      Stream<Long> all = SeedSelection.derived("java-world", seeds).stream();
      Simulations.SweepResult result =
          Simulations.sweep(
              "java-world",
              SweepThreadsBenchmark::javaWorld,
              all,
              runner,
              threads,
              Ratio.of(1, 20),
              0,
              new Simulations.Bounds(0, 1));
      Files.writeString(out.resolve("summary.txt"), failures(result));
      return result.seedsRun();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String failures(Simulations.SweepResult result) {
    StringBuilder text = new StringBuilder("seeds " + result.seedsRun() + "\n");
    for (SeedRunner.Outcome outcome : result.failures()) {
      text.append(outcome.result().seed())
          .append(' ')
          .append(outcome.result().traceSha256())
          .append('\n')
          .append(outcome.report());
    }
    result.nondeterminism().forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  static Simulation javaWorld(long seed) {
    return Simulation.builder(WorldThroughputBenchmark.topology())
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(5))
        // A crashed service's failed fetch is part of the chaos here, not a finding: most seeds
        // pass, as in a sweep of a correct system.
        .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
        .workload(() -> WorldThroughputBenchmark.transfers(JAVA_REQUESTS))
        .build();
  }

  /**
   * Every file a sweep wrote, by name, with its sha-256 (result.json with the output directory's
   * path replaced, since each sweep has its own).
   */
  static Map<String, String> reports(Path out) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> listing = Files.list(out)) {
      for (Path file : listing.sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        files.put(file.getFileName().toString(), sha256(text.replace(out.toString(), "OUT")));
      }
    }
    return files;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  record Figure(
      long seeds,
      double wallSeconds,
      double processCpuSeconds,
      double threadCpuSeconds,
      String load) {}

  interface Sweep {
    long run() throws Exception;
  }

  /** Runs {@code sweep} with the process's and the simulation threads' CPU measured around it. */
  static Figure measure(Sweep sweep) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long caller = Thread.currentThread().getId();
    long callerStart = threads.getCurrentThreadCpuTime();
    ThreadCpuSampler sampler = new ThreadCpuSampler(threads);
    double process0 = SimulationTiming.processCpuNanos() / 1e9;
    long wall0 = System.nanoTime();
    sampler.start();
    long seeds;
    try {
      seeds = sweep.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    long wall = System.nanoTime() - wall0;
    double process = SimulationTiming.processCpuNanos() / 1e9 - process0;
    double callerCpu = (threads.getThreadCpuTime(caller) - callerStart) / 1e9;
    double seedThreads = sampler.stop();
    return new Figure(seeds, wall / 1e9, process, callerCpu + seedThreads, load());
  }

  /**
   * The CPU of the sweep's {@code w9y-seed-*} threads, read every 20 ms while they live (a pool's
   * threads end with its sweep, taking their counters with them; the last sample stands).
   */
  static final class ThreadCpuSampler {
    private final ThreadMXBean threads;
    private final Map<Long, Long> lastCpu = new TreeMap<>();
    private final Map<Long, Long> before = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ThreadCpuSampler(ThreadMXBean threads) {
      this.threads = threads;
      // A measuring thread beside the sweep (it reads CPU counters and wall time for the report),
      // never inside a simulation: the seeds' traces are compared identical across thread counts.
      this.thread = new Thread(this::loop, "cpu-sampler");
      this.thread.setDaemon(true);
    }

    void start() {
      // Seed threads alive already (another sweep's, ending) count from here only.
      sample();
      synchronized (lastCpu) {
        before.putAll(lastCpu);
      }
      thread.start();
    }

    private void loop() {
      while (running) {
        sample();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sample() {
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null && info.getThreadName().startsWith("w9y-seed-")) {
          long cpu = threads.getThreadCpuTime(info.getThreadId());
          if (cpu >= 0) {
            synchronized (lastCpu) {
              lastCpu.put(info.getThreadId(), cpu);
            }
          }
        }
      }
    }

    /** Stops sampling; the CPU seconds of every seed thread seen. */
    double stop() {
      running = false;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sample();
      synchronized (lastCpu) {
        long sum = 0;
        for (Map.Entry<Long, Long> entry : lastCpu.entrySet()) {
          sum += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        }
        return sum / 1e9;
      }
    }
  }

  static String load() {
    try {
      List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).split(" "));
      return String.join(" ", parts.subList(0, 3));
    } catch (IOException e) {
      return "?";
    }
  }
}
