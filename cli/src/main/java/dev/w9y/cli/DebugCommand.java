package dev.w9y.cli;

import dev.w9y.debugger.Debugger;
import dev.w9y.debugger.TimeTravel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code w9y debug}: the time-travel debugger over one run, loaded from a trace (its seed, faults
 * and topology run again) or from a topology file and a seed.
 */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description = {
      "Time travel over one run: step, back, breakpoints, state at any event.",
      "Opens the time-travel debugger on one run: step and back, goto #N or +00:01:02.5,",
      "continue and reverse-continue to breakpoints (kind, actor, request, check, fault,",
      "console text), show the whole system at any event, why <request-id>. Type help inside.",
      "Given a trace, it runs the trace's seed again (replay must say identical); given a",
      "topology file, it runs --seed with --faults. Commands come from standard input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:The session ended.", "2:Bad usage or input."})
final class DebugCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "TRACE|TOPOLOGY",
      description = "A trace file (.jsonl) written by w9y, or a topology file (YAML).")
  String file;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "With a topology file: the seed (default: the plan's with a plan, else 1).")
  Long seed;

  @Mixin FaultOptions faults;

  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "With a trace: the topology file to run (default: the one the trace names).")
  String topology;

  @Option(
      names = "--echo",
      description = "Print each command after its prompt (for scripted sessions and transcripts).")
  boolean echo;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    TopologySimulation simulation;
    long chosen;
    if (file.endsWith(".jsonl")) {
      RecordedRun recorded = RecordedRun.read(Path.of(file), topology);
      simulation = recorded.simulation();
      chosen = recorded.seed();
    } else {
      FaultChoice choice = faults.choice();
      chosen = RunCommand.seedOf(seed, choice);
      simulation = TopologySimulation.load(file, choice);
    }
    TimeTravel run = TimeTravel.load(simulation.forSeed(chosen));
    // The debugger is a terminal program: it reads and writes the process's own streams.
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Debugger.run(run, in, out, echo);
    out.flush();
    return ExitCodes.OK;
  }
}
