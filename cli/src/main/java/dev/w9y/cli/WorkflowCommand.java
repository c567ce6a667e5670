package dev.w9y.cli;

import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.core.workflow.WorkflowHistory;
import dev.w9y.core.workflow.WorkflowReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code w9y workflow}: Cloudflare Workflows histories and the replay check. */
@Command(
    name = "workflow",
    mixinStandardHelpOptions = true,
    description = {
      "Workflow histories: record one from a trace, replay one against changed code.",
    },
    subcommands = {WorkflowCommand.History.class, WorkflowCommand.Replay.class})
final class WorkflowCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.BAD_INPUT;
  }

  /** {@code w9y workflow history TRACE --workflow NAME [--instance ID] -o FILE}. */
  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the history of a workflow instance (its params and durable steps, in order) from"
            + " a trace, for `w9y workflow replay`.",
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:Written.", "2:Bad usage or input (no such trace, workflow or instance)."})
  static final class History implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(
        index = "0",
        paramLabel = "TRACE",
        description = "A trace file written by w9y.")
    Path trace;

    @Option(
        names = "--workflow",
        required = true,
        paramLabel = "NAME",
        description = "The workflow's name.")
    String workflow;

    @Option(
        names = "--instance",
        paramLabel = "ID",
        description = "The instance (default: the first the trace created).")
    String instance;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "The history file (JSON).")
    Path output;

    @Mixin Verbose verbose;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(trace)) {
        throw new CliError("no trace file " + trace);
      }
      List<String> lines = Files.readAllLines(trace);
      WorkflowHistory history;
      try {
        TraceReader.parse(lines, trace.toString());
        String id = instance != null ? instance : WorkflowHistory.firstInstance(lines, workflow);
        history = WorkflowHistory.fromTrace(lines, workflow, id);
      } catch (IllegalArgumentException e) {
        throw new CliError(trace + ": " + e.getMessage(), e);
      }
      history.write(output);
      spec.commandLine()
          .getOut()
          .println(
              "history: "
                  + output
                  + " (workflow "
                  + workflow
                  + ", instance "
                  + history.instanceId()
                  + ", "
                  + history.steps().size()
                  + " steps"
                  + (history.complete() ? ", complete" : "")
                  + ")");
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  /** {@code w9y workflow replay --history FILE --topology FILE}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Replays a workflow history against the code of a topology (Temporal's non-determinism"
            + " check): the new code gets the recorded params and step results and must make the"
            + " recorded steps in order; the first step where it departs is reported.",
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:The new code makes the recorded steps.",
        "2:Bad usage or input (history, topology, a workflow the topology lacks).",
        "3:The new code diverges from the history."
      })
  static final class Replay implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--history",
        required = true,
        paramLabel = "FILE",
        description = "A history file.")
    Path history;

    @Option(
        names = "--topology",
        required = true,
        paramLabel = "FILE",
        description = "The topology file whose code to replay against.")
    Path topology;

    @Mixin Verbose verbose;

    @Override
    public Integer call() {
      WorkflowHistory recorded;
      try {
        recorded = WorkflowHistory.read(history);
      } catch (IllegalArgumentException e) {
        throw new CliError(e.getMessage(), e);
      }
      if (!Files.isRegularFile(topology)) {
        throw new CliError("no topology file " + topology);
      }
      Optional<WorkflowReplay.Divergence> divergence;
      try {
        divergence = WorkflowReplay.check(recorded, TopologyFile.read(topology).topology());
      } catch (IllegalArgumentException e) {
        throw new CliError(topology + ": " + e.getMessage(), e);
      }
      String what =
          "workflow "
              + recorded.workflow()
              + " instance "
              + recorded.instanceId()
              + " against "
              + topology;
      if (divergence.isPresent()) {
        spec.commandLine().getOut().println("DIVERGED: " + what);
        spec.commandLine().getOut().println("  " + divergence.get().message());
        spec.commandLine().getOut().flush();
        return ExitCodes.DIVERGED;
      }
      spec.commandLine()
          .getOut()
          .println("REPLAYS: " + what + " (" + recorded.steps().size() + " recorded steps)");
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
