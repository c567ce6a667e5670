package dev.w9y.selfcheck;

import dev.w9y.core.SimulationResult;
import dev.w9y.scheduler.AllowNondeterminism;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints lines per seed — the {@link SchedulerWorkload}'s digest of every dispatched event, the
 * {@link WorldWorkload}'s trace hash and those of the guest topologies ({@link JsWorkload}, {@link
 * WasmWorkload}, and for the first {@value #CONTRACT_SEEDS} the contract-checked {@link
 * ContractsWorkload}) — so that two JVM processes (and two JDKs) can be compared with {@code diff}.
 * CI runs this twice; any difference is nondeterminism.
 *
 * <p>Usage: {@code DeterminismCheck <firstSeed> <count>}
 */
public final class DeterminismCheck {
  /** The contract-checked topology runs for the first seeds only: it adds a few seconds. */
  static final int CONTRACT_SEEDS = 10;

  private DeterminismCheck() {}

  @AllowNondeterminism(reason = "command-line entry point: prints the per-seed hashes it computed")
  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: DeterminismCheck <firstSeed> <count> [<javaScriptSeedCount>]");
      System.exit(2);
    }
    long first = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    // Guest (JavaScript, WebAssembly) runs cost far more per seed, so the check may run fewer.
    int javaScriptCount = args.length == 3 ? Integer.parseInt(args[2]) : count;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    if (javaScriptCount > 0) {
      // To stderr: the hashes on stdout must not depend on which runtime ran them.
      System.err.println(
          "JavaScript guests run on: " + dev.w9y.guestjs.JsGuest.runtimeDescription());
    }
    for (int i = 0; i < count; i++) {
      long seed = first + i;
      out.print(SchedulerWorkload.run(seed).line());
      out.print('\n');
      out.print(worldLine(WorldWorkload.run(seed)));
      out.print('\n');
      out.print("swarm " + worldLine(WorldWorkload.runWithSwarm(seed)));
      out.print('\n');
      if (i < javaScriptCount) {
        out.print("js " + worldLine(JsWorkload.run(seed)));
        out.print('\n');
        out.print("wasm " + worldLine(WasmWorkload.run(seed)));
        out.print('\n');
      }
      if (i < Math.min(javaScriptCount, CONTRACT_SEEDS)) {
        out.print("contracts " + worldLine(ContractsWorkload.run(seed)));
        out.print('\n');
      }
    }
    out.flush();
  }

  /** One line per world run: enough to tell two runs apart. */
  static String worldLine(SimulationResult result) {
    return "world seed="
        + result.seed()
        + " events="
        + result.events()
        + " records="
        + result.traceRecords()
        + " status="
        + (result.passed() ? "passed" : "failed")
        + " trace="
        + result.traceSha256();
  }
}
