package dev.w9y.junit;

import dev.w9y.core.CheckFailed;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.Divergence;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.faults.FaultPlan;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;
import dev.w9y.scheduler.SimulationFailure;
import dev.w9y.scheduler.VirtualTime;
import dev.w9y.scheduler.W9yException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Runs one seed of a simulation the way a test wants it: under a fault plan, with its trace written
 * to a file, and — when it fails — shrunk to the faults it needs and explained in a report that
 * ends with the command that reproduces it. Usable without JUnit.
 */
public final class SeedRunner {
  /** Replays shrinking may spend on one failing seed unless told otherwise. */
  public static final int DEFAULT_SHRINK_ATTEMPTS = 200;

  /** How many trace lines before the failure the report shows. */
  public static final int REPORT_EVENTS = 12;

  private final String testId;
  private final String reproduceCommand;
  private final Path traceDirectory;
  private final FaultPlan plan;
  private final int shrinkAttempts;
  private final boolean keepTraces;
  private final int workloadPercent;

  /**
   * @param testId {@code Class#method}, for names and reports
   * @param reproduceCommand the command that reruns this test, without the seed option
   * @param traceDirectory where trace and plan files go
   * @param plan the fault plan to apply, or null to run the simulation as built (no shrinking)
   */
  public SeedRunner(
      String testId,
      String reproduceCommand,
      Path traceDirectory,
      FaultPlan plan,
      int shrinkAttempts,
      boolean keepTraces) {
    this(testId, reproduceCommand, traceDirectory, plan, shrinkAttempts, keepTraces, 100);
  }

  /** As above, with the workload scaled to {@code workloadPercent} (a shrunk plan's size). */
  public SeedRunner(
      String testId,
      String reproduceCommand,
      Path traceDirectory,
      FaultPlan plan,
      int shrinkAttempts,
      boolean keepTraces,
      int workloadPercent) {
    this.workloadPercent = workloadPercent;
    this.testId = testId;
    this.reproduceCommand = reproduceCommand;
    this.traceDirectory = traceDirectory;
    this.plan = plan;
    this.shrinkAttempts = shrinkAttempts;
    this.keepTraces = keepTraces;
  }

  /** What one seed did. */
  public record Outcome(
      SimulationResult result,
      Optional<List<String>> shrunkFaults,
      int injectedFaults,
      String report) {
    public boolean passed() {
      return result.passed();
    }
  }

  /** The report for a seed whose two runs differed: where they parted, side by side. */
  String nondeterminismReport(long seed, SimulationResult first, SimulationResult second) {
    String divergence =
        Divergence.between(first.fullTrace(), second.fullTrace())
            .map(Divergence::describe)
            .orElse("the traces have different hashes but no differing line");
    return "W9Y nondeterminism: "
        + testId
        + ", seed "
        + seed
        + " gave two different runs\n  "
        + divergence.replace("\n", "\n  ")
        + "\n  Something in the simulation reads real time, real randomness, a thread, or state"
        + " that outlives a run (a static field).\n";
  }

  /** Whether {@code seed} is one of the share {@code ratio} of seeds run twice; stable per seed. */
  static boolean checksDeterminism(long seed, Ratio ratio) {
    return RandomStream.root(seed).child("w9y.determinism-check").chance(ratio);
  }

  /** Runs {@code simulation} at {@code seed}. */
  public Outcome run(Simulation simulation, long seed) {
    return run(simulation, seed, false, false);
  }

  /**
   * Runs {@code simulation} at {@code seed}. A passing run stays in memory (no trace file unless
   * traces are kept); a failing one is replayed — exactly, the run being a function of its seed —
   * with its trace written to a file and kept whole for shrinking and the report.
   *
   * @param rerun the determinism check's second run of the seed (its trace file has its own name)
   * @param retain keep every trace line of a passing run too (the determinism check needs them to
   *     show where two runs parted)
   */
  public Outcome run(Simulation simulation, long seed, boolean rerun, boolean retain) {
    Path trace = traceDirectory.resolve("seed-" + seed + (rerun ? ".rerun" : "") + ".jsonl");
    Simulation sized =
        workloadPercent == 100 ? simulation : simulation.withWorkloadPercent(workloadPercent);
    Simulation base = planned(sized.withSeed(seed), plan);
    Simulation first = keepTraces ? base.withTraceFile(trace) : base;
    SimulationResult result = (retain ? first.retainingTrace() : first).run();
    if (result.passed()) {
      return new Outcome(result, Optional.empty(), 0, "seed " + seed + " passed");
    }
    SimulationResult fast = result;
    result = base.withTraceFile(trace).retainingTrace().run();
    String replayNote =
        result.traceSha256().equals(fast.traceSha256())
            ? ""
            : "  WARNING:   the replay that wrote this trace differed from the first run (trace "
                + fast.traceSha256()
                + "): the simulation is not deterministic (state kept from the first run? reset"
                + " what the workload and checks share in the workload factory)\n";
    Simulation seeded = sized.withSeed(seed);
    List<String> faults = injectedFaults(result);
    Optional<List<String>> shrunk = Optional.empty();
    int shrunkPercent = workloadPercent;
    Path planFile = traceDirectory.resolve("seed-" + seed + ".plan");
    if (plan != null && !faults.isEmpty()) {
      String signature = signature(result.failure().get());
      Shrinker shrinker =
          new Shrinker(
              keep -> {
                SimulationResult replay = planned(seeded, plan.withOnly(keep)).run();
                return !replay.passed() && signature(replay.failure().get()).equals(signature);
              },
              shrinkAttempts);
      List<String> minimal = shrinker.shrink(faults);
      shrunk = Optional.of(minimal);
      shrunkPercent = shrinkWorkload(seeded, plan.withOnly(minimal), signature, shrinker);
      ShrunkPlan.write(planFile, seed, minimal, shrunkPercent);
    }
    String report =
        report(seed, result, faults, shrunk, trace, planFile)
            + (shrunk.isPresent() && shrunkPercent < workloadPercent
                ? "  workload:  still fails at "
                    + shrunkPercent
                    + "% of its size (the plan replays it so)\n"
                : "")
            + replayNote;
    return new Outcome(result, shrunk, faults.size(), report);
  }

  /**
   * After the faults, the workload: halves it while the failure remains (for workloads that size
   * themselves with {@code WorkloadDriver.scaled}), within the same attempt budget.
   */
  private int shrinkWorkload(
      Simulation seeded, FaultPlan onlyNeeded, String signature, Shrinker budget) {
    int best = workloadPercent;
    for (int percent = best / 2; percent >= 1 && !budget.budgetExhausted(); percent /= 2) {
      budget.charge();
      SimulationResult replay = onlyNeeded.applyTo(seeded.withWorkloadPercent(percent)).run();
      if (replay.passed() || !signature(replay.failure().get()).equals(signature)) {
        break;
      }
      best = percent;
    }
    return best;
  }

  private static Simulation planned(Simulation simulation, FaultPlan plan) {
    return plan == null ? simulation : plan.applyTo(simulation);
  }

  /** The ids of the faults the run injected, in order. */
  static List<String> injectedFaults(SimulationResult result) {
    List<String> ids = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "run").records()) {
      if (record.get("kind").asString().equals("fault.injected")) {
        ids.add(record.get("fault").asString());
      }
    }
    return ids;
  }

  /** What makes two failures "the same": their type and, for checks, the check's name. */
  private static String signature(SimulationFailure failure) {
    return failure.getClass().getName()
        + (failure instanceof CheckFailed check ? ":" + check.checkName() : "");
  }

  private String report(
      long seed,
      SimulationResult result,
      List<String> faults,
      Optional<List<String>> shrunk,
      Path trace,
      Path planFile) {
    SimulationFailure failure = result.failure().get();
    StringBuilder out = new StringBuilder();
    out.append("W9Y simulation failed: ")
        .append(testId)
        .append(", seed ")
        .append(seed)
        .append('\n');
    out.append("  failure:   ").append(failure.failureCause()).append('\n');
    out.append("  at:        event #")
        .append(failure.eventIndex())
        .append(", ")
        .append(VirtualTime.format(failure.virtualTimeNanos()))
        .append(" virtual, ")
        .append(failure.eventLabel())
        .append('\n');
    out.append("  reproduce: ")
        .append(reproduceCommand)
        .append(" -Dseed=")
        .append(seed)
        .append('\n');
    out.append("  trace:     ")
        .append(trace.toAbsolutePath())
        .append(" (sha256 ")
        .append(result.traceSha256())
        .append(")\n");
    if (shrunk.isPresent()) {
      out.append("  shrunk:    fails with ")
          .append(shrunk.get().size())
          .append(" of ")
          .append(faults.size())
          .append(" injected faults ")
          .append(shrunk.get())
          .append("; replay: ")
          .append(reproduceCommand)
          .append(" -Dw9y.plan=")
          .append(planFile.toAbsolutePath())
          .append('\n');
    } else if (plan == null) {
      out.append("  shrunk:    not attempted (the test runs without a W9Y fault plan)\n");
    } else {
      out.append("  shrunk:    nothing to shrink (no faults were injected)\n");
    }
    out.append("  last events:\n");
    List<String> recent = result.recentTrace();
    for (String line : recent.subList(Math.max(0, recent.size() - REPORT_EVENTS), recent.size())) {
      out.append("    ").append(line).append('\n');
    }
    return out.toString();
  }

  /** A failure's seed and shrunk fault list, as a file the reproduce command accepts. */
  public record ShrunkPlan(long seed, List<String> faults, int workloadPercent) {
    static void write(Path file, long seed, List<String> faults, int workloadPercent) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            "# W9Y shrunk plan: replay with -Dw9y.plan="
                + file.getFileName()
                + "\nseed="
                + seed
                + "\nfaults="
                + String.join(",", faults)
                + "\nworkload="
                + workloadPercent
                + "\n",
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new W9yException("cannot write plan " + file + ": " + e.getMessage(), e);
      }
    }

    /** Reads a plan file written by a failing run. */
    public static ShrunkPlan read(Path file) {
      try {
        Long seed = null;
        List<String> faults = null;
        int percent = 100;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.startsWith("seed=")) {
            seed = Long.parseLong(line.substring(5).strip());
          } else if (line.startsWith("faults=")) {
            String list = line.substring(7).strip();
            faults = list.isEmpty() ? List.of() : List.of(list.split(","));
          } else if (line.startsWith("workload=")) {
            percent = Integer.parseInt(line.substring(9).strip());
          }
        }
        if (seed == null || faults == null) {
          throw new W9yException("plan " + file + " needs a seed= and a faults= line");
        }
        return new ShrunkPlan(seed, faults, percent);
      } catch (IOException | NumberFormatException e) {
        throw new W9yException("cannot read plan " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
