package dev.w9y.cli;

import dev.w9y.junit.SeedRunner;
import dev.w9y.junit.SeedSelection;
import dev.w9y.junit.Simulations;
import dev.w9y.scheduler.Ratio;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code w9y fuzz}: many seeds of a topology file through {@link Simulations#sweep} (threads,
 * shrinking, the determinism sample, the progress line), each failure's trace and shrunk plan in
 * {@code --out}, and {@code result.json} for {@code w9y merge}.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = {
      "Runs many seeds of a topology file.",
      "Writes each failure's trace, its shrunk plan and a reproduce command, and",
      "OUT/result.json (for w9y merge). Seeds are derived from the topology file's path",
      "relative to the working directory, so the same command runs the same seeds everywhere."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:No seed failed.", "1:A seed failed.", "2:Bad usage or input."})
final class FuzzCommand implements Callable<Integer> {
  private static final Pattern TIME = Pattern.compile("(\\d+)(s|m|h)");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "The topology file (YAML).")
  String topology;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      description = "How many seeds in all shards together (default 100 without --time).")
  Integer seeds;

  @Option(
      names = "--time",
      paramLabel = "DURATION",
      description = "Run new seeds for this long (90s, 10m, 2h) instead of a count.")
  String time;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Seeds run at once (default: the available processors). Each seed runs alone on its"
              + " thread, so the same seeds give the same failures, traces and result.json with"
              + " any N.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--shard",
      paramLabel = "i/n",
      description = "Run only shard i (from 0) of n of the seeds.")
  String shard;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where traces, plans and result.json go (default w9y-out/fuzz).")
  Path out = Path.of("w9y-out", "fuzz");

  @Option(
      names = "--shrink",
      paramLabel = "N",
      description = "Shrink the fault schedules of the first N failures (default 1).")
  int shrink = 1;

  @Mixin FaultOptions faults;

  @Mixin Verbose verbose;

  @Override
  public Integer call() throws Exception {
    if (seeds != null && time != null) {
      throw new CliError("--seeds and --time: give one");
    }
    if (seeds != null && seeds < 1) {
      throw new CliError("--seeds must be at least 1, was " + seeds);
    }
    if (threads < 1) {
      throw new CliError("--threads must be at least 1, was " + threads);
    }
    SeedSelection.Shard part;
    try {
      part = SeedSelection.Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new CliError("--shard must be i/n with 0 <= i < n (e.g. 3/16), was '" + shard + "'");
    }
    long budget = time == null ? 0 : duration(time);
    FaultChoice choice = faults.choice();
    if (choice.only() != null) {
      throw new CliError("fuzz takes a base (--faults topology|none|chaos|swarm), not a plan");
    }
    TopologySimulation simulation = TopologySimulation.load(topology, choice);
    Files.createDirectories(out);
    String reproduce = "./w9y run " + topology + " --seed {seed} " + choice.arguments(null);
    SeedRunner runner =
        new SeedRunner(
            topology, reproduce, out, simulation.plan(), SeedRunner.DEFAULT_SHRINK_ATTEMPTS, false);
    Stream<Long> all = SeedSelection.derivedSeeds("w9y/" + TopologySimulation.portable(topology));
    int count = time == null ? (seeds == null ? 100 : seeds) : -1;
    Stream<Long> mine = part.of(count < 0 ? all : all.limit(count));
    int expected =
        count < 0
            ? -1
            : (int) part.of(SeedSelection.derived("w9y/" + topology, count).stream()).count();
    Simulations.SweepResult result =
        Simulations.sweep(
            topology,
            simulation::unplanned,
            mine,
            runner,
            threads,
            Ratio.of(1, 20),
            budget,
            new Simulations.Bounds(0, shrink),
            expected);
    PrintWriter console = spec.commandLine().getOut();
    List<ShardResult.Failure> failures = new ArrayList<>();
    for (SeedRunner.Outcome outcome : result.failures()) {
      long seed = outcome.result().seed();
      Path plan = out.resolve("seed-" + seed + ".plan");
      boolean shrunk = outcome.shrunkFaults().isPresent() && Files.isRegularFile(plan);
      String again = reproduce.replace("{seed}", Long.toString(seed));
      console.print(outcome.report());
      if (shrunk) {
        console.println(
            "  replay the shrunk plan: ./w9y run " + topology + " " + choice.arguments(plan));
      }
      failures.add(
          new ShardResult.Failure(
              seed,
              outcome.result().failure().get().failureCause(),
              outcome.result().traceSha256(),
              out.resolve("seed-" + seed + ".jsonl").toString(),
              shrunk ? plan.toString() : null,
              again));
    }
    for (String difference : result.nondeterminism()) {
      console.println("NONDETERMINISM: " + difference);
    }
    // The sweep printed its summary (with the sometimes coverage) on stderr, as its progress.
    double cpuSeconds = processCpuSeconds();
    console.println(
        "fuzz: "
            + result.seedsRun()
            + " seeds, "
            + result.failures().size()
            + " failed, shard "
            + part.index()
            + "/"
            + part.count()
            + String.format(
                java.util.Locale.ROOT,
                ", %.1f process CPU-s (%.2f seeds per CPU-s, JVM start and shrinking included)",
                cpuSeconds,
                result.seedsRun() / Math.max(cpuSeconds, 1e-9)));
    Path json = out.resolve("result.json");
    new ShardResult(
            topology,
            choice.base(),
            part.index() + "/" + part.count(),
            result.seedsRun(),
            failures,
            result.sometimesCoverage())
        .write(json);
    console.println("result: " + json);
    console.flush();
    return result.passed() ? ExitCodes.OK : ExitCodes.SEED_FAILED;
  }

  /** CPU time of the whole process (every thread, the JIT and GC too), for the speed figure. */
  private static double processCpuSeconds() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static long duration(String text) {
    Matcher matcher = TIME.matcher(text.strip());
    if (!matcher.matches()) {
      throw new CliError("--time must be a duration like 90s, 10m or 2h, was '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    long unit =
        switch (matcher.group(2)) {
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    return amount * unit;
  }
}
