package dev.w9y.selfcheck;

import dev.w9y.scheduler.AllowNondeterminism;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints one line per seed — event count, end time and SHA-256 of everything the {@link
 * SchedulerWorkload} observed — so that two JVM processes (and two JDKs) can be compared with
 * {@code diff}. CI runs this twice; any difference is nondeterminism.
 *
 * <p>Usage: {@code DeterminismCheck <firstSeed> <count>}
 */
public final class DeterminismCheck {
  private DeterminismCheck() {}

  @AllowNondeterminism(reason = "command-line entry point: prints the per-seed hashes it computed")
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: DeterminismCheck <firstSeed> <count>");
      System.exit(2);
    }
    long first = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    for (int i = 0; i < count; i++) {
      out.print(SchedulerWorkload.run(first + i).line());
      out.print('\n');
    }
    out.flush();
  }
}
