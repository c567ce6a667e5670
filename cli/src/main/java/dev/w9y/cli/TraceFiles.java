package dev.w9y.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the commands that read a trace file share. */
final class TraceFiles {
  private TraceFiles() {}

  /** Fails with the command line's one-line error when {@code trace} is not a file. */
  static void requireTrace(Path trace) {
    if (!Files.isRegularFile(trace)) {
      throw new CliError(trace + ": trace file not found");
    }
  }

  /** {@code run.jsonl} → {@code run<suffix>} beside it. */
  static Path sibling(Path trace, String suffix) {
    String name = trace.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return trace.resolveSibling(stem + suffix);
  }
}
