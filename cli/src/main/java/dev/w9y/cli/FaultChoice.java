package dev.w9y.cli;

import dev.w9y.core.topology.TopologyFile;
import dev.w9y.faults.FaultKind;
import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.FaultPlanFile;
import dev.w9y.faults.FaultScope;
import dev.w9y.junit.SeedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Which faults a run gets: a base ({@code topology}: the file's {@code faults:} section, none if it
 * has none; or {@code none}, {@code chaos}, {@code swarm}, which keep the file's scope so a spared
 * driver stays spared) and, from a shrunk plan file, only the plan's faults, its scope and its
 * workload size. It is recorded in the trace header ({@link #origin}) so {@code replay} can rebuild
 * it.
 *
 * @param only the only faults allowed (a shrunk plan's), or null for all the base draws
 * @param scope the plan's scope, or null for the base's
 * @param planSeed the seed a plan file names, or null
 */
record FaultChoice(
    String base, List<String> only, FaultScope scope, int workloadPercent, Long planSeed) {
  static final List<String> BASES = List.of("topology", "none", "chaos", "swarm");

  /**
   * {@code --faults} (a base or a plan file, which then uses the topology base) and {@code --plan}
   * (a plan file over the base).
   */
  static FaultChoice parse(String faults, Path planFile) {
    String base = faults == null ? "topology" : faults;
    if (!BASES.contains(base)) {
      Path file = Path.of(base);
      if (!Files.isRegularFile(file)) {
        throw new CliError(
            "--faults: '"
                + base
                + "' is none of "
                + String.join(", ", BASES)
                + " and no plan file of that name exists");
      }
      if (planFile != null) {
        throw new CliError("--faults names a plan file and --plan another: give one");
      }
      planFile = file;
      base = "topology";
    }
    if (planFile == null) {
      return new FaultChoice(base, null, null, 100, null);
    }
    if (!Files.isRegularFile(planFile)) {
      throw new CliError("--plan: file not found: " + planFile);
    }
    SeedRunner.ShrunkPlan plan = SeedRunner.ShrunkPlan.read(planFile);
    return new FaultChoice(base, plan.faults(), plan.scope(), plan.workloadPercent(), plan.seed());
  }

  /** The fault plan for {@code document}. */
  FaultPlan plan(TopologyFile.TopologyDocument document) {
    FaultPlan fromFile = FaultPlanFile.planOf(document);
    FaultPlan plan =
        switch (base) {
          case "none" -> FaultPlan.none();
          case "chaos" -> FaultPlan.chaos().withScope(fromFile.scope());
          case "swarm" -> FaultPlan.swarm().withScope(fromFile.scope());
          default -> fromFile;
        };
    if (scope != null) {
      plan = plan.withScope(scope);
    }
    return only == null ? plan : plan.withOnly(only);
  }

  /**
   * What the trace header records of this choice (with the topology file, relative to the working
   * directory).
   */
  Map<String, Object> origin(String topologyFile) {
    Map<String, Object> origin = new LinkedHashMap<>();
    origin.put("topologyFile", topologyFile);
    origin.put("faults", base);
    if (only != null) {
      origin.put("only", only);
      origin.put("scope", scope.describe());
    }
    return origin;
  }

  /** The choice a trace header's {@code options} recorded ({@link #origin}). */
  static FaultChoice fromOrigin(JsonNode options, String trace) {
    JsonNode origin = options.path("origin");
    String base = origin.path("faults").asString("");
    if (!BASES.contains(base)) {
      throw new CliError(
          trace
              + ": the trace names no fault choice (options.origin.faults); it was not made by"
              + " w9y from a topology file");
    }
    int percent = options.path("workloadPercent").asInt(100);
    if (!origin.has("only")) {
      return new FaultChoice(base, null, null, percent, null);
    }
    List<String> only = new ArrayList<>();
    origin.path("only").forEach(id -> only.add(id.asString()));
    JsonNode described = origin.path("scope");
    FaultScope scope =
        FaultScope.NONE
            .sparing(texts(described.path("spare")))
            .onlyFor(texts(described.path("onlyFor")))
            .sparingKinds(kinds(described.path("spareKinds")))
            .onlyKinds(kinds(described.path("onlyKinds")));
    return new FaultChoice(base, only, scope, percent, null);
  }

  /** How {@code run} gets this choice back: the {@code --faults}/{@code --plan} arguments. */
  String arguments(Path planFile) {
    if (planFile == null) {
      return "--faults " + base;
    }
    return base.equals("topology")
        ? "--faults " + planFile
        : "--faults " + base + " --plan " + planFile;
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(item -> texts.add(item.asString()));
    return texts;
  }

  private static List<FaultKind> kinds(JsonNode list) {
    List<FaultKind> kinds = new ArrayList<>();
    list.forEach(item -> kinds.add(FaultKind.parse(item.asString())));
    return kinds;
  }
}
