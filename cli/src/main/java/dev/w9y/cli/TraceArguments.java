package dev.w9y.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The trace argument and {@code --topology}, shared by the commands that re-run a trace. */
final class TraceArguments {
  @Parameters(index = "0", paramLabel = "TRACE", description = "A trace file written by w9y.")
  Path trace;

  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "The topology file to run (default: the one the trace names).")
  String topology;

  RecordedRun read() {
    return RecordedRun.read(trace, topology);
  }
}
