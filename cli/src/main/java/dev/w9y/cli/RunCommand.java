package dev.w9y.cli;

import dev.w9y.core.SimulationResult;
import dev.w9y.scheduler.SimulationFailure;
import dev.w9y.scheduler.VirtualTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code w9y run}: one seed of a topology file, and a one-screen summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs one seed of a topology file and prints a summary.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:The seed passed.", "1:The seed failed.", "2:Bad usage or input."})
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "The topology file (YAML).")
  String topology;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The seed (default: the plan's seed with a plan, else 1).")
  Long seed;

  @Mixin FaultOptions faults;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "Where the trace goes (default: w9y-out/seed-N.jsonl).")
  Path trace;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    FaultChoice choice = faults.choice();
    long chosen = seedOf(seed, choice);
    TopologySimulation simulation = TopologySimulation.load(topology, choice);
    Path file = trace != null ? trace : Path.of("w9y-out", "seed-" + chosen + ".jsonl");
    createParent(file);
    SimulationResult result = simulation.forSeed(chosen).withTraceFile(file).run();
    PrintWriter out = spec.commandLine().getOut();
    out.print(summary(topology, choice, result, file));
    out.flush();
    return result.passed() ? ExitCodes.OK : ExitCodes.SEED_FAILED;
  }

  /** The seed to run: {@code --seed}, else a plan's, else 1; both must agree. */
  static long seedOf(Long seed, FaultChoice choice) {
    if (seed != null && choice.planSeed() != null && !seed.equals(choice.planSeed())) {
      throw new CliError(
          "--seed " + seed + " differs from the plan's seed " + choice.planSeed() + ": give one");
    }
    return seed != null ? seed : choice.planSeed() != null ? choice.planSeed() : 1L;
  }

  static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new CliError("cannot create directory " + parent + ": " + e.getMessage(), e);
    }
  }

  /** The one-screen summary of a run. */
  static String summary(String topology, FaultChoice choice, SimulationResult result, Path trace) {
    StringBuilder out = new StringBuilder();
    out.append("w9y run ")
        .append(topology)
        .append(": seed ")
        .append(result.seed())
        .append(", faults ")
        .append(choice.base())
        .append(choice.only() == null ? "" : " (a shrunk plan's " + choice.only().size() + ")")
        .append('\n');
    out.append("  status:    ").append(result.passed() ? "PASSED" : "FAILED").append('\n');
    if (!result.passed()) {
      SimulationFailure failure = result.failure().get();
      out.append("  failure:   ").append(failure.failureCause()).append('\n');
      out.append("  at:        event #")
          .append(failure.eventIndex())
          .append(", ")
          .append(VirtualTime.format(failure.virtualTimeNanos()))
          .append(" virtual, ")
          .append(failure.eventLabel())
          .append('\n');
    }
    out.append("  events:    ")
        .append(result.events())
        .append(", virtual time ")
        .append(VirtualTime.format(result.endNanos()))
        .append('\n');
    out.append("  trace:     ").append(trace).append('\n');
    out.append("  sha256:    ").append(result.traceSha256()).append('\n');
    return out.toString();
  }
}
