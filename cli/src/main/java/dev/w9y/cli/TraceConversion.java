package dev.w9y.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code w9y view} and {@code w9y export} share: one trace file in, one file written beside it
 * (or at {@link #output()}), its path printed. A subclass declares its own {@code -o} option, whose
 * help names its format.
 */
abstract class TraceConversion implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRACE", description = "A trace file written by w9y.")
  Path trace;

  @Mixin Verbose verbose;

  private final String suffix;
  private final BiConsumer<Path, Path> writer;
  private final String label;
  private final String hint;

  /**
   * {@code writer} makes the file from the trace; the command then prints {@code label: <file>
   * (hint)}.
   */
  TraceConversion(String suffix, BiConsumer<Path, Path> writer, String label, String hint) {
    this.suffix = suffix;
    this.writer = writer;
    this.label = label;
    this.hint = hint;
  }

  /** The {@code -o} file, or null for the trace's name with the suffix. */
  abstract Path output();

  @Override
  public Integer call() {
    Path written = TraceFiles.convert(trace, output(), suffix, writer);
    spec.commandLine().getOut().println(label + ": " + written + " (" + hint + ")");
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
