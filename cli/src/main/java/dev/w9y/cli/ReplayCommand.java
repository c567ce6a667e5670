package dev.w9y.cli;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.Divergence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code w9y replay}: runs a trace's seed again and compares the new trace with it. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a trace's seed again and compares the traces.",
      "Re-runs the seed, faults and options the trace recorded and prints 'identical', or the",
      "first record where the runs differ (both versions). The topology file is the one the",
      "trace header names (relative to where w9y ran), unless --topology."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Identical.",
      "2:Bad usage or input (not a trace, truncated, another format version).",
      "3:The runs diverged."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin TraceArguments arguments;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    RecordedRun recorded = arguments.read();
    Path trace = arguments.trace;
    SimulationResult again = recorded.simulation().forSeed(recorded.seed()).retainingTrace().run();
    List<String> now = again.fullTrace();
    Optional<Divergence> divergence =
        Divergence.between(recorded.hashedLines(), now.subList(0, now.size() - 1));
    PrintWriter out = spec.commandLine().getOut();
    if (divergence.isEmpty()) {
      out.println(
          "identical: "
              + trace
              + " (seed "
              + recorded.seed()
              + ", "
              + (now.size() - 2)
              + " records, sha256 "
              + again.traceSha256()
              + ")");
      out.flush();
      return ExitCodes.OK;
    }
    out.println("diverged: " + trace + " (seed " + recorded.seed() + ")");
    out.println("  " + divergence.get().describe().replace("\n", "\n  "));
    out.flush();
    return ExitCodes.DIVERGED;
  }
}
