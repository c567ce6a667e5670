package dev.w9y.cli;

import dev.w9y.viewer.PerfettoExport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code w9y export --perfetto}: a trace as Chrome/Perfetto trace-event JSON. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a trace for other tools (--perfetto: trace-event JSON).",
      "Exports a trace for other tools. --perfetto writes Chrome trace-event JSON that opens in",
      "ui.perfetto.dev and chrome://tracing: a track per service instance and durable object,",
      "request spans, flow arrows from sender to receiver, instants for faults and checks."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Written.", "2:Bad usage or input (missing, not a trace, truncated)."})
final class ExportCommand extends TraceConversion {
  ExportCommand() {
    super(".perfetto.json", PerfettoExport::write, "perfetto", "open it in ui.perfetto.dev");
  }

  @Option(
      names = "--perfetto",
      required = true,
      description = "Chrome/Perfetto trace-event JSON (the only format so far).")
  boolean perfetto;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The JSON file (default: the trace's name with .perfetto.json).")
  Path output;

  @Override
  Path output() {
    return output;
  }
}
