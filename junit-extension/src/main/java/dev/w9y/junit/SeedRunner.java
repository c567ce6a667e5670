package dev.w9y.junit;

import dev.w9y.core.CheckFailed;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.Divergence;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.faults.FaultKind;
import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.FaultScope;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
  private final Path replayedPlan;

  /**
   * @param testId {@code Class#method}, for names and reports
   * @param reproduceCommand the command that reruns this test: without the seed option for a JUnit
   *     test ({@code mvn test -Dtest=A#b}; reports add {@code -Dseed=N} and {@code -Dw9y.plan=F}),
   *     or with {@link #SEED_PLACEHOLDER} (and optionally {@link #PLAN_PLACEHOLDER}) where a
   *     plain-Java sweep's command takes them
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
    this(
        testId,
        reproduceCommand,
        traceDirectory,
        plan,
        shrinkAttempts,
        keepTraces,
        workloadPercent,
        null);
  }

  private SeedRunner(
      String testId,
      String reproduceCommand,
      Path traceDirectory,
      FaultPlan plan,
      int shrinkAttempts,
      boolean keepTraces,
      int workloadPercent,
      Path replayedPlan) {
    this.replayedPlan = replayedPlan;
    this.workloadPercent = workloadPercent;
    this.testId = testId;
    this.reproduceCommand = reproduceCommand;
    this.traceDirectory = traceDirectory;
    this.plan = plan;
    this.shrinkAttempts = shrinkAttempts;
    this.keepTraces = keepTraces;
  }

  /**
   * This runner replaying the shrunk plan {@code planFile} (whose faults, scope and workload size
   * this runner's plan and size already are): its runs write their traces under their own name
   * beside the original's ({@code seed-N.replay.jsonl} for {@code seed-N.plan}), never over the
   * original's trace or plan; they are not shrunk again (the plan is the shrunk one); and a fault
   * the plan lists that the replay never injected fails the run naming it — the code changed since
   * the plan was written, or the plan was edited, and the replay would prove nothing.
   */
  public SeedRunner replaying(Path planFile) {
    return new SeedRunner(
        testId,
        reproduceCommand,
        traceDirectory,
        plan,
        shrinkAttempts,
        keepTraces,
        workloadPercent,
        planFile);
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
    return run(simulation, seed, rerun, retain, true);
  }

  /**
   * As {@link #run(Simulation, long, boolean, boolean)}; {@code shrink} false reports a failure
   * with its whole fault schedule instead of shrinking it (a sweep that bounds how many failures it
   * shrinks).
   */
  public Outcome run(
      Simulation simulation, long seed, boolean rerun, boolean retain, boolean shrink) {
    Path trace = traceDirectory.resolve(traceName(seed) + (rerun ? ".rerun" : "") + ".jsonl");
    Simulation sized =
        workloadPercent == 100 ? simulation : simulation.withWorkloadPercent(workloadPercent);
    Simulation base = planned(sized.withSeed(seed), plan);
    // A replay keeps its trace (to check the plan's faults against it) and writes it to a file.
    Simulation first = keepTraces || replayedPlan != null ? base.withTraceFile(trace) : base;
    SimulationResult result =
        (retain || replayedPlan != null ? first.retainingTrace() : first).run();
    if (replayedPlan != null) {
      checkReplayMatchesPlan(result, trace);
    }
    if (result.passed()) {
      return new Outcome(result, Optional.empty(), 0, "seed " + seed + " passed");
    }
    SimulationResult fast = result;
    if (replayedPlan == null) {
      result = base.withTraceFile(trace).retainingTrace().run();
    }
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
    Path planFile =
        replayedPlan != null ? replayedPlan : traceDirectory.resolve("seed-" + seed + ".plan");
    if (shrink && plan != null && !faults.isEmpty() && replayedPlan == null) {
      String signature = signature(result.failure().get());
      Shrinker shrinker =
          new Shrinker(
              keep -> {
                SimulationResult replay = planned(seeded, plan.withOnly(keep)).run();
                return !replay.passed() && signature(replay.failure().get()).equals(signature);
              },
              shrinkAttempts);
      List<String> minimal = shrinker.shrink(faults);
      // Only a workload that sizes itself does less at a smaller percent; for any other the
      // report would claim a smaller workload that never ran.
      if (result.workloadSized()) {
        shrunkPercent = shrinkWorkload(seeded, plan.withOnly(minimal), signature, shrinker);
      }
      minimal = reached(seeded, minimal, shrunkPercent);
      shrunk = Optional.of(minimal);
      ShrunkPlan.write(planFile, seed, minimal, shrunkPercent, plan.scope());
    }
    String report =
        report(seed, result, faults, shrunk, trace, planFile, shrink)
            + (shrunk.isPresent() && shrunkPercent < workloadPercent
                ? "  workload:  still fails at "
                    + shrunkPercent
                    + "% of its size (the plan replays it so)\n"
                : "")
            + replayNote;
    return new Outcome(result, shrunk, faults.size(), report);
  }

  /** The name a run's trace file starts with: the seed's, or the replayed plan's. */
  private String traceName(long seed) {
    if (replayedPlan == null) {
      return "seed-" + seed;
    }
    String name = replayedPlan.getFileName().toString();
    return (name.endsWith(".plan") ? name.substring(0, name.length() - 5) : name) + ".replay";
  }

  /**
   * The faults of {@code minimal} that its replay (at {@code percent} of the workload) injects, in
   * the order injected. A shrink cut short by its budget, or a smaller workload, can leave ids the
   * run no longer reaches; they change nothing (never reached, never consulted), so dropping them
   * gives the same run, and every id of the written plan is one its replay must inject.
   */
  private List<String> reached(Simulation seeded, List<String> minimal, int percent) {
    if (minimal.isEmpty()) {
      return minimal;
    }
    Simulation sized = percent == 100 ? seeded : seeded.withWorkloadPercent(percent);
    List<String> injected =
        injectedFaults(plan.withOnly(minimal).applyTo(sized).retainingTrace().run());
    List<String> kept = new ArrayList<>(injected);
    kept.retainAll(minimal);
    return kept;
  }

  /**
   * A replayed plan must be matched fault for fault: each id it lists must be injected by the
   * replay. Otherwise the replay is not the run that was shrunk, and neither its passing nor its
   * failing would mean anything.
   */
  private void checkReplayMatchesPlan(SimulationResult result, Path trace) {
    List<String> injected = injectedFaults(result);
    List<String> missing =
        new ArrayList<>(plan.onlyFaults() == null ? List.of() : plan.onlyFaults());
    missing.removeAll(injected);
    if (missing.isEmpty()) {
      return;
    }
    throw new W9yException(
        "W9Y plan does not match the run: "
            + testId
            + " replaying "
            + replayedPlan.toAbsolutePath()
            + "\n  the plan lists "
            + (missing.size() == 1 ? "fault " : missing.size() + " faults ")
            + String.join(", ", missing)
            + ", but the replay of seed "
            + result.seed()
            + " never injected "
            + (missing.size() == 1 ? "it" : "them")
            + "; it injected "
            + (injected.isEmpty()
                ? "no faults"
                : injected.size() + ": " + String.join(", ", injected))
            + "\n  the code or the test changed since the plan was written, or the plan was edited;"
            + " rerun the seed (-Dseed="
            + result.seed()
            + ") to shrink it again\n  replay ("
            + (result.passed() ? "passed" : "failed: " + result.failure().get().failureCause())
            + "): "
            + trace.toAbsolutePath()
            + "\n");
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

  /**
   * The command that reruns {@code seed}: the reproduce command with {@code {seed}} replaced, for a
   * plain-Java sweep ({@code java -cp app.jar my.Fuzz --seed {seed}}), or else with Maven's {@code
   * -Dseed=N} after it (a JUnit test).
   */
  private String reproduceFor(long seed) {
    return reproduceCommand.contains(SEED_PLACEHOLDER)
        ? reproduceCommand.replace(SEED_PLACEHOLDER, Long.toString(seed))
        : reproduceCommand + " -Dseed=" + seed;
  }

  /** The command that replays a shrunk plan, in the same two forms ({@code {plan}} for Java). */
  private String replayFor(Path planFile) {
    String plan = planFile.toAbsolutePath().toString();
    return reproduceCommand.contains(PLAN_PLACEHOLDER)
        ? reproduceCommand.replace(PLAN_PLACEHOLDER, plan)
        : reproduceCommand.contains(SEED_PLACEHOLDER)
            ? plan + " (a runner's replaying(planFile) runs it)"
            : reproduceCommand + " -Dw9y.plan=" + plan;
  }

  /** What a plain-Java reproduce command marks the seed's and the plan file's places with. */
  public static final String SEED_PLACEHOLDER = "{seed}";

  public static final String PLAN_PLACEHOLDER = "{plan}";

  private String report(
      long seed,
      SimulationResult result,
      List<String> faults,
      Optional<List<String>> shrunk,
      Path trace,
      Path planFile,
      boolean shrinkAllowed) {
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
    out.append("  reproduce: ").append(reproduceFor(seed)).append('\n');
    out.append("  trace:     ")
        .append(trace.toAbsolutePath())
        .append(" (sha256 ")
        .append(result.traceSha256())
        .append(")\n");
    // The viewer reads any trace; the debugger needs the simulation, so a test opens it with
    // TimeTravel.load (README "Debugging a failing seed").
    out.append("  view:      ./w9y view ").append(trace.toAbsolutePath()).append('\n');
    if (replayedPlan != null) {
      out.append("  replayed:  plan ")
          .append(replayedPlan.toAbsolutePath())
          .append(" with its ")
          .append(faults.size())
          .append(" faults ")
          .append(faults)
          .append(" (not shrunk again)\n");
    } else if (shrunk.isPresent()) {
      out.append("  shrunk:    fails with ")
          .append(shrunk.get().size())
          .append(" of ")
          .append(faults.size())
          .append(" injected faults ")
          .append(shrunk.get())
          .append("; replay: ")
          .append(replayFor(planFile))
          .append('\n');
    } else if (plan == null) {
      out.append("  shrunk:    not attempted (the test runs without a W9Y fault plan)\n");
    } else if (!shrinkAllowed && !faults.isEmpty()) {
      out.append("  faults:    ")
          .append(faults.size())
          .append(" injected ")
          .append(faults)
          .append(", not shrunk (the sweep's bound on shrunk failures was reached)\n");
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

  /**
   * A failure's seed, shrunk fault list, workload size and fault scope, as a file the reproduce
   * command accepts ({@code -Dw9y.plan}):
   *
   * <pre>
   * # W9Y shrunk plan: replay with -Dw9y.plan=seed-42.plan
   * seed=42
   * faults=network.drop:payer->ledger/request#7,storage.write-failure:JOURNAL:0123456789ab/write#2
   * workload=50
   * spare=driver                # the scope, when the run had one: spare, onlyFor, spareKinds,
   * onlyKinds=network,storage   #   onlyKinds (comma-separated)
   * </pre>
   *
   * Reading is strict: an unknown line, a repeated key, a missing seed or faults line, a number
   * that is not one, or a fault id W9Y could not have recorded (an unknown family, a truncated
   * occurrence) is an error naming the file, the line and the offending text — a plan that silently
   * matched nothing would replay a run without faults and pass.
   */
  public record ShrunkPlan(long seed, List<String> faults, int workloadPercent, FaultScope scope) {
    private static final List<String> KEYS =
        List.of("seed", "faults", "workload", "spare", "onlyFor", "spareKinds", "onlyKinds");

    public ShrunkPlan {
      faults = List.copyOf(faults);
      scope = scope == null ? FaultScope.NONE : scope;
    }

    static void write(
        Path file, long seed, List<String> faults, int workloadPercent, FaultScope scope) {
      StringBuilder text =
          new StringBuilder("# W9Y shrunk plan: replay with -Dw9y.plan=")
              .append(file.getFileName())
              .append("\nseed=")
              .append(seed)
              .append("\nfaults=")
              .append(String.join(",", faults))
              .append("\nworkload=")
              .append(workloadPercent)
              .append('\n');
      // Scope lines only when there is a scope: plans of unscoped runs read as they always did.
      for (Map.Entry<String, Object> entry : scope.describe().entrySet()) {
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) entry.getValue();
        text.append(entry.getKey()).append('=').append(String.join(",", values)).append('\n');
      }
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new W9yException("cannot write plan " + file + ": " + e.getMessage(), e);
      }
    }

    /** Reads a plan file written by a failing run; see the class comment for what it refuses. */
    public static ShrunkPlan read(Path file) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new W9yException("cannot read plan " + file + ": " + e.getMessage(), e);
      }
      Map<String, Integer> lineOf = new TreeMap<>();
      Map<String, String> values = new TreeMap<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int equals = line.indexOf('=');
        String key = equals < 0 ? line : line.substring(0, equals).strip();
        if (equals < 0 || !KEYS.contains(key)) {
          throw error(
              file,
              i + 1,
              "unknown line '"
                  + line
                  + "' (a plan has the lines "
                  + String.join("=, ", KEYS)
                  + "=)");
        }
        if (lineOf.containsKey(key)) {
          throw error(file, i + 1, key + "= given twice (first at line " + lineOf.get(key) + ")");
        }
        lineOf.put(key, i + 1);
        values.put(key, line.substring(equals + 1).strip());
      }
      for (String required : List.of("seed", "faults")) {
        if (!values.containsKey(required)) {
          throw new W9yException(
              "plan " + file.toAbsolutePath() + " has no " + required + "= line (truncated?)");
        }
      }
      long seed;
      try {
        seed = Long.parseLong(values.get("seed"));
      } catch (NumberFormatException e) {
        throw error(file, lineOf.get("seed"), "seed '" + values.get("seed") + "' is not a number");
      }
      int percent = 100;
      if (values.containsKey("workload")) {
        try {
          percent = Integer.parseInt(values.get("workload"));
        } catch (NumberFormatException e) {
          percent = 0;
        }
        if (percent < 1 || percent > 100) {
          throw error(
              file,
              lineOf.get("workload"),
              "workload '" + values.get("workload") + "' is not a percentage from 1 to 100");
        }
      }
      List<String> faults = new ArrayList<>();
      for (String id : items(values.get("faults"))) {
        try {
          FaultKind.ofFaultId(id);
        } catch (IllegalArgumentException e) {
          throw error(file, lineOf.get("faults"), e.getMessage());
        }
        faults.add(id);
      }
      FaultScope scope = FaultScope.NONE;
      try {
        scope = scope.sparing(items(values.getOrDefault("spare", "")));
        scope = scope.onlyFor(items(values.getOrDefault("onlyFor", "")));
        scope = scope.sparingKinds(kinds(values.getOrDefault("spareKinds", "")));
        scope = scope.onlyKinds(kinds(values.getOrDefault("onlyKinds", "")));
      } catch (IllegalArgumentException e) {
        throw new W9yException("plan " + file.toAbsolutePath() + ": " + e.getMessage(), e);
      }
      return new ShrunkPlan(seed, faults, percent, scope);
    }

    private static List<String> items(String list) {
      if (list.isEmpty()) {
        return List.of();
      }
      List<String> items = new ArrayList<>();
      for (String item : list.split(",", -1)) {
        // An empty item ("a,,b", a trailing comma) stays, and fails the id check by name.
        items.add(item.strip());
      }
      return items;
    }

    private static List<FaultKind> kinds(String list) {
      List<FaultKind> kinds = new ArrayList<>();
      for (String label : items(list)) {
        kinds.add(FaultKind.parse(label));
      }
      return kinds;
    }

    private static W9yException error(Path file, int line, String problem) {
      return new W9yException("plan " + file.toAbsolutePath() + ":" + line + ": " + problem);
    }
  }
}
