package dev.w9y.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** What the commands that read a trace file share. */
final class TraceFiles {
  private TraceFiles() {}

  /** Fails with the command line's one-line error when {@code trace} is not a file. */
  static void requireTrace(Path trace) {
    if (!Files.isRegularFile(trace)) {
      throw new CliError(trace + ": trace file not found");
    }
  }

  /**
   * Writes what {@code writer} makes of {@code trace} to {@code output}, or beside the trace with
   * {@code suffix} when none is given; returns where it went.
   */
  static Path convert(Path trace, Path output, String suffix, BiConsumer<Path, Path> writer) {
    requireTrace(trace);
    Path target = output != null ? output : sibling(trace, suffix);
    writer.accept(trace, target);
    return target;
  }

  /** {@code run.jsonl} → {@code run<suffix>} beside it. */
  static Path sibling(Path trace, String suffix) {
    String name = trace.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return trace.resolveSibling(stem + suffix);
  }
}
