package dev.w9y.samples.counter;

import dev.w9y.core.SimulationResult;
import dev.w9y.scheduler.AllowNondeterminism;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one seed of the {@link CounterSystem}, writes its trace under {@code target/w9y/}, and
 * prints what happened. Run it twice with one seed: same answers, same trace hash.
 */
public final class CounterDemo {
  private CounterDemo() {}

  @AllowNondeterminism(reason = "demo entry point: prints the simulated run for a person to read")
  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
    Path trace = Path.of("target", "w9y", "counter-seed-" + seed + ".jsonl");
    List<Long> answers = new ArrayList<>();
    SimulationResult result = CounterSystem.simulation(seed, answers).withTraceFile(trace).run();
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print(
        "W9Y counter demo: " + CounterSystem.CLIENTS + " clients increment one durable object\n");
    out.print("last events:\n");
    List<String> recent = result.recentTrace();
    for (String line : recent.subList(Math.max(0, recent.size() - 8), recent.size())) {
      out.print("  " + line + "\n");
    }
    out.print("answers in arrival order: " + answers + "\n");
    out.print(result.summary() + "\n");
    out.print("trace: " + trace.toAbsolutePath() + "\n");
    out.print("Run it again with seed " + seed + ": same answers, same trace hash.\n");
    out.flush();
  }
}
