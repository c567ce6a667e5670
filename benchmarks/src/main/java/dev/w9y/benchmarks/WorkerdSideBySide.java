package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same Worker scripts in workerd (Miniflare 4, from {@code compat/node_modules}, offline) and
 * in W9Y, back to back in each round, every figure per CPU second of the <em>whole</em> process
 * (W9Y: {@code OperatingSystemMXBean.getProcessCpuTime}, GC and compiler threads included; workerd:
 * the Node.js process that runs Miniflare plus its workerd child, read from {@code
 * /proc/<pid>/stat} as utime + stime + cutime + cstime of node and utime + stime of every live
 * descendant, before and after each command), beside W9Y's simulation-thread CPU and wall time.
 *
 * <ul>
 *   <li>{@code inWorker}: one request whose Worker makes 10,000 {@code stub.fetch} calls to a
 *       durable-object counter (storage get + put each);
 *   <li>{@code external}: requests from outside, each through the Worker to the counter;
 *   <li>{@code worlds}: fresh three-service worlds (gateway → users, orders), 100 requests each —
 *       W9Y seeds against fresh Miniflare instances;
 *   <li>{@code cold}: process start to the first answer of the counter, one new process each: node
 *       + Miniflare + workerd; W9Y on JDK 17 (JVM defaults, and with the class-data-sharing archive
 *       + C1 only that {@code ./w9y} uses); W9Y with GraalJS's JIT on Temurin 25.
 * </ul>
 *
 * <p>Run from the repository root: {@code java -cp "benchmarks/target/classes:$(cat cp)"
 * dev.w9y.benchmarks.WorkerdSideBySide [rounds] [figures...]}; under {@code
 * .ci/graaljs-jit/java-with-jit} the W9Y side runs GraalJS with its JIT.
 */
public final class WorkerdSideBySide {
  private WorkerdSideBySide() {}

  static final String COUNTER =
      """
      export class Counter {
        constructor(state) { this.storage = state.storage; }
        async fetch() {
          const value = ((await this.storage.get("count")) ?? 0) + 1;
          await this.storage.put("count", value);
          return new Response(String(value));
        }
      }
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const stub = env.COUNTER.get(env.COUNTER.idFromName(url.searchParams.get("c")));
          const n = Number(url.searchParams.get("n") ?? "1");
          let last = "";
          for (let i = 0; i < n; i++) last = await (await stub.fetch("http://do/")).text();
          return new Response(last);
        },
      };
      """;

  static final int IN_WORKER_CALLS = 10_000;
  static final int EXTERNAL_W9Y = 10_000;
  static final int EXTERNAL_WORKERD = 2_000;
  static final int WORLDS_W9Y = 20;
  static final int WORLDS_WORKERD = 3;
  static final long TICK_NANOS = 1_000_000_000L / 100; // getconf CLK_TCK: 100 on Linux x86-64

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> figures =
        args.length > 1
            ? Arrays.asList(args).subList(1, args.length)
            : List.of("inWorker", "external", "worlds", "cold");
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("compat/node_modules/miniflare"))) {
      throw new IllegalStateException("run from the repository root, with compat/node_modules");
    }
    System.out.println("W9Y's JavaScript guests run on: " + JsGuest.runtimeDescription());
    System.out.println("load: " + loadAverage());
    List<String> warm = figures.stream().filter(f -> !f.equals("cold")).toList();
    if (!warm.isEmpty() && Boolean.getBoolean("bench.w9yOnly")) {
      // -Dbench.w9yOnly=true: the W9Y side alone (comparing JVM flags against each other).
      for (String figure : warm) {
        w9y(figure, true);
      }
      for (int round = 1; round <= rounds; round++) {
        for (String figure : warm) {
          Figure b = w9y(figure, false);
          System.out.printf(
              "  %-9s W9Y %,10.1f %s per process CPU s (%.2f s), %,10.1f per sim-thread CPU s"
                  + " (%.2f s), process/thread CPU %.2f, %,10.1f per wall s (load %s)%n",
              figure,
              b.perProcessCpu(),
              b.unit,
              b.processCpuNanos / 1e9,
              b.count / (b.threadCpuNanos / 1e9),
              b.threadCpuNanos / 1e9,
              (double) b.processCpuNanos / b.threadCpuNanos,
              b.count / (b.wallNanos / 1e9),
              loadAverage());
        }
      }
      warm = List.of();
    }
    if (!warm.isEmpty()) {
      try (Node node = Node.start(root, false)) {
        node.awaitLine();
        // Warm-up: both sides once, unmeasured (GraalJS specializes, V8 and the JVM compile).
        for (String figure : warm) {
          node.run(figure, true);
          w9y(figure, true);
        }
        for (int round = 1; round <= rounds; round++) {
          System.out.printf("round %d of %d (load %s)%n", round, rounds, loadAverage());
          for (String figure : warm) {
            // Alternate which side goes first, so a drift in the machine's speed does not always
            // land on the same side.
            Figure a;
            Figure b;
            if (round % 2 == 1) {
              a = node.run(figure, false);
              b = w9y(figure, false);
            } else {
              b = w9y(figure, false);
              a = node.run(figure, false);
            }
            System.out.printf(
                "  %-9s workerd %,10.1f %s per process CPU s (%.2f s CPU, %.2f s wall) | W9Y %,10.1f"
                    + " per process CPU s (%.2f s), %,10.1f per sim-thread CPU s (%.2f s), %,10.1f"
                    + " per wall s (%.2f s) | W9Y/workerd per process CPU: %.2fx%n",
                figure,
                a.perProcessCpu(),
                a.unit,
                a.processCpuNanos / 1e9,
                a.wallNanos / 1e9,
                b.perProcessCpu(),
                b.processCpuNanos / 1e9,
                b.count / (b.threadCpuNanos / 1e9),
                b.threadCpuNanos / 1e9,
                b.count / (b.wallNanos / 1e9),
                b.wallNanos / 1e9,
                b.perProcessCpu() / a.perProcessCpu());
          }
        }
      }
    }
    if (figures.contains("cold")) {
      coldStarts(root, rounds);
    }
  }

  record Figure(
      String unit, double count, long processCpuNanos, long threadCpuNanos, long wallNanos) {
    double perProcessCpu() {
      return count / (processCpuNanos / 1e9);
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------------------------- W9Y side

  static Topology counterTopology() {
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("counter.js", COUNTER))
                .withDurableObject("COUNTER", "Counter")
                .asPublic())
        .build();
  }

  static Simulation inWorker(long seed, int calls) {
    return Simulation.builder(counterTopology())
        .seed(seed)
        .safetyPhase(Duration.ofHours(10))
        .workload(() -> driver -> driver.fetch(Request.get("http://api/?c=a&n=" + calls)))
        .build();
  }

  static Simulation external(long seed, int requests) {
    return Simulation.builder(counterTopology())
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(requests / 1000 + 5))
        .workload(
            () ->
                driver -> {
                  for (int i = 0; i < requests; i++) {
                    int index = i;
                    driver.after(
                        Duration.ofMillis(i),
                        () -> driver.fetch(Request.get("http://api/?c=" + index % 10 + "&n=1")));
                  }
                })
        .build();
  }

  /** The three-service world of {@link JsGuestBenchmark}: the same scripts run in workerd. */
  static Simulation threeServices(long seed, int requests) {
    return JsGuestBenchmark.threeServices(seed, requests);
  }

  private static long seedCounter = 1;

  static Figure w9y(String figure, boolean warmUp) {
    Runnable work;
    String unit;
    double count;
    long seed = seedCounter++;
    switch (figure) {
      case "inWorker" -> {
        Simulation simulation = inWorker(seed, IN_WORKER_CALLS);
        work = () -> simulation.run().orThrow();
        unit = "DO calls";
        count = IN_WORKER_CALLS;
      }
      case "external" -> {
        Simulation simulation = external(seed, EXTERNAL_W9Y);
        work = () -> simulation.run().orThrow();
        unit = "requests";
        count = EXTERNAL_W9Y;
      }
      case "worlds" -> {
        work =
            () -> {
              for (int i = 0; i < WORLDS_W9Y; i++) {
                threeServices(seed * 1000 + i, 100).run().orThrow();
              }
            };
        unit = "worlds";
        count = WORLDS_W9Y;
      }
      default -> throw new IllegalArgumentException("no figure " + figure);
    }
    if (warmUp) {
      for (int i = 0; i < 2; i++) {
        work.run();
      }
      return null;
    }
    long process = SimulationTiming.processCpuNanos();
    SimulationTiming.Timed timed = SimulationTiming.timed(work);
    return new Figure(
        unit,
        count,
        SimulationTiming.processCpuNanos() - process,
        timed.cpuNanos(),
        timed.wallNanos());
  }

  // ------------------------------------------------------------------------------ workerd side

  /** CPU time of a process and its descendants, from /proc (children that exited: cutime). */
  static long treeCpuNanos(ProcessHandle process) {
    long ticks = ticksOf(process.pid(), true);
    for (ProcessHandle child : process.descendants().toList()) {
      ticks += ticksOf(child.pid(), true);
    }
    return ticks * TICK_NANOS;
  }

  private static long ticksOf(long pid, boolean withReapedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) in parentheses.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withReapedChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return 0; // exited between listing and reading
    }
  }

  static final class Node implements AutoCloseable {
    final Process process;
    final BufferedWriter in;
    final BufferedReader out;

    private Node(Process process) {
      this.process = process;
      this.in =
          new BufferedWriter(
              new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Node start(Path root, boolean cold) throws IOException {
      List<String> command = new ArrayList<>();
      command.add("node");
      command.add(root.resolve("benchmarks/src/main/node/workerd-side.mjs").toString());
      command.add(root.resolve("compat").toString());
      if (cold) {
        command.add("cold");
      }
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      Node node = new Node(builder.start());
      Map<String, String> scripts = new LinkedHashMap<>();
      scripts.put("counter", COUNTER);
      scripts.put("gateway", JsGuestBenchmark.GATEWAY);
      scripts.put("users", JsGuestBenchmark.USERS);
      scripts.put("orders", JsGuestBenchmark.ORDERS);
      node.send(JSON.writeValueAsString(scripts));
      return node;
    }

    void send(String line) {
      try {
        in.write(line);
        in.write('\n');
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    JsonNode awaitLine() {
      try {
        String line = out.readLine();
        if (line == null) {
          throw new IllegalStateException("the workerd side exited");
        }
        return JSON.readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Figure run(String figure, boolean warmUp) {
      Map<String, Object> command = new LinkedHashMap<>();
      command.put("op", figure);
      String unit;
      double count;
      switch (figure) {
        case "inWorker" -> {
          command.put("calls", IN_WORKER_CALLS);
          unit = "DO calls";
          count = IN_WORKER_CALLS;
        }
        case "external" -> {
          command.put("requests", EXTERNAL_WORKERD);
          unit = "requests";
          count = EXTERNAL_WORKERD;
        }
        case "worlds" -> {
          command.put("worlds", WORLDS_WORKERD);
          command.put("requests", 100);
          unit = "worlds";
          count = WORLDS_WORKERD;
        }
        default -> throw new IllegalArgumentException("no figure " + figure);
      }
      long cpu = treeCpuNanos(process.toHandle());
      long wall = System.nanoTime();
      send(JSON.writeValueAsString(command));
      awaitLine();
      wall = System.nanoTime() - wall;
      cpu = treeCpuNanos(process.toHandle()) - cpu;
      return warmUp ? null : new Figure(unit, count, cpu, 0, wall);
    }

    @Override
    public void close() throws Exception {
      in.close();
      process.waitFor();
    }
  }

  // -------------------------------------------------------------------------------- cold start

  /**
   * One new process per measurement, started by this JVM; wall time from {@code
   * ProcessBuilder.start} to the first answer's line on its stdout, and the CPU time of its process
   * tree at that moment (/proc, as for workerd). The child then exits when its stdin closes.
   */
  static void coldStarts(Path root, int rounds) throws Exception {
    String classpath = System.getProperty("java.class.path");
    List<String> absolute = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      // Only jars: a .pom that dependency:build-classpath lists for a pom-type dependency makes
      // JDK 17 refuse the archive at every start ("shared class paths mismatch"), silently.
      if (entry.endsWith(".jar")) {
        absolute.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    classpath = String.join(java.io.File.pathSeparator, absolute);
    Path archive = root.resolve("benchmarks/target/cold-start.jsa");
    Map<String, List<String>> launches = new LinkedHashMap<>();
    launches.put(
        "workerd (node + Miniflare + workerd)",
        List.of(
            "node",
            root.resolve("benchmarks/src/main/node/workerd-side.mjs").toString(),
            root.resolve("compat").toString(),
            "cold"));
    launches.put(
        "W9Y interpreter, JDK 17 defaults",
        List.of("java", "-cp", classpath, ColdStartCounter.class.getName()));
    launches.put(
        "W9Y interpreter, JDK 17 + CDS archive + C1 only",
        List.of(
            "java",
            "-XX:SharedArchiveFile=" + archive,
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            classpath,
            ColdStartCounter.class.getName()));
    List<String> jit = jitCommand(root, classpath);
    if (jit != null) {
      launches.put("W9Y GraalJS JIT, Temurin 25", jit);
    }
    // The archive: written once by a run with ArchiveClassesAtExit (not measured).
    if (!Files.exists(archive)) {
      Process dump =
          new ProcessBuilder(
                  "java",
                  "-XX:ArchiveClassesAtExit=" + archive,
                  "-Xlog:cds=off",
                  "-Xlog:cds+dynamic=off",
                  "-cp",
                  classpath,
                  ColdStartCounter.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      dump.getOutputStream().close();
      dump.waitFor();
    }
    for (int round = 1; round <= rounds; round++) {
      System.out.printf("cold start, round %d of %d (load %s)%n", round, rounds, loadAverage());
      for (Map.Entry<String, List<String>> launch : launches.entrySet()) {
        ProcessBuilder builder = new ProcessBuilder(launch.getValue());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStreamWriter in =
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        if (launch.getKey().startsWith("workerd")) {
          Map<String, String> scripts = new LinkedHashMap<>();
          scripts.put("counter", COUNTER);
          in.write(JSON.writeValueAsString(scripts) + "\n");
          in.flush();
        }
        String line;
        String first = null;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("{\"first\"")) {
            first = line;
            break;
          }
        }
        long wall = System.nanoTime() - start;
        long cpu = treeCpuNanos(process.toHandle());
        in.close();
        process.waitFor();
        System.out.printf(
            "  %-48s first answer after %.2f s wall, %.2f s CPU of its process tree: %s%n",
            launch.getKey(), wall / 1e9, cpu / 1e9, first);
      }
    }
  }

  /** The command .ci/graaljs-jit/java-with-jit would run, resolved once here (no Maven per run). */
  static List<String> jitCommand(Path root, String classpath) throws Exception {
    Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    if (!Files.isExecutable(java)) {
      return null;
    }
    Path resolved = Files.createTempFile("jit", ".cp");
    Process mvn =
        new ProcessBuilder(
                "mvn",
                "-q",
                "-B",
                "-o",
                "-f",
                root.resolve(".ci/graaljs-jit/pom.xml").toString(),
                "dependency:build-classpath",
                "-Dmdep.outputFile=" + resolved)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (mvn.waitFor() != 0) {
      return null;
    }
    List<String> jars = Arrays.asList(Files.readString(resolved).trim().split(":"));
    String compiler =
        String.join(":", jars.stream().filter(j -> j.matches(".*/compiler-[^/]*\\.jar")).toList());
    String modules =
        String.join(
            ":",
            jars.stream()
                .filter(j -> j.endsWith(".jar") && !j.matches(".*/compiler-[^/]*\\.jar"))
                .toList());
    String rest =
        String.join(
            ":",
            Arrays.stream(classpath.split(":")).filter(e -> !e.contains("/org/graalvm/")).toList());
    return List.of(
        java.toString(),
        "-XX:+UnlockExperimentalVMOptions",
        "-XX:+EnableJVMCI",
        "--enable-native-access=org.graalvm.truffle,ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "--upgrade-module-path=" + compiler,
        "--module-path",
        modules,
        "--add-modules",
        "org.graalvm.polyglot,org.graalvm.js",
        "-cp",
        rest,
        ColdStartCounter.class.getName());
  }
}
