package dev.w9y.cli;

import dev.w9y.junit.SeedRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code w9y shrink}: the fewest faults a failing trace's run needs, as a plan file. */
@Command(
    name = "shrink",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the minimal fault schedule of a failing trace as a plan.",
      "Shrinks the trace's fault schedule to the faults the failure needs (and the",
      "workload, when it sizes itself) and writes it as a plan file that w9y run --faults PLAN",
      "replays."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:A plan was written.",
      "2:Bad usage or input (the trace's run passed, not a trace, ...)."
    })
final class ShrinkCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin TraceArguments arguments;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PLAN",
      description = "Where the plan goes (default: the trace's name with .plan).")
  Path output;

  @Mixin Verbose verbose;

  @Override
  public Integer call() throws IOException {
    RecordedRun recorded = arguments.read();
    Path trace = arguments.trace;
    if (recorded.passed()) {
      throw new CliError(trace + ": the trace's run passed: there is no failure to shrink");
    }
    if (recorded.faults().only() != null) {
      throw new CliError(trace + ": the run already replayed a shrunk plan");
    }
    TopologySimulation simulation = recorded.simulation();
    Path plan = output != null ? output : Path.of(withoutJsonl(trace.toString()) + ".plan");
    RunCommand.createParent(plan);
    // SeedRunner writes its trace and plan into a directory of its own: never over the input.
    Path work = Files.createTempDirectory(plan.toAbsolutePath().getParent(), ".w9y-shrink-");
    try {
      SeedRunner runner =
          new SeedRunner(
              "w9y shrink " + trace,
              "./w9y run " + recorded.topology() + " --seed {seed}",
              work,
              simulation.plan(),
              SeedRunner.DEFAULT_SHRINK_ATTEMPTS,
              false);
      SeedRunner.Outcome outcome =
          runner.run(simulation.unplanned(recorded.seed()), recorded.seed(), false, false, true);
      if (outcome.passed()) {
        throw new CliError(
            trace + ": the run passes now (the code or topology changed since it was recorded?)");
      }
      Path written = work.resolve("seed-" + recorded.seed() + ".plan");
      if (!Files.isRegularFile(written)) {
        throw new CliError(
            trace + ": the run injected no faults: it fails without any, nothing to shrink");
      }
      Files.move(written, plan, StandardCopyOption.REPLACE_EXISTING);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "shrunk: fails with "
              + outcome.shrunkFaults().get().size()
              + " of "
              + outcome.injectedFaults()
              + " injected faults "
              + outcome.shrunkFaults().get());
      out.println("plan:   " + plan);
      out.println(
          "replay: ./w9y run " + recorded.topology() + " " + recorded.faults().arguments(plan));
      out.flush();
      return ExitCodes.OK;
    } finally {
      deleteTree(work);
    }
  }

  private static String withoutJsonl(String name) {
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
  }

  private static void deleteTree(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
