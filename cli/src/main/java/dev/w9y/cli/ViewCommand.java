package dev.w9y.cli;

import dev.w9y.viewer.TraceViewer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code w9y view}: a trace as one self-contained HTML page (the viewer module). */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a trace as one self-contained HTML viewer.",
      "Writes a trace as one self-contained HTML viewer (no network: it opens from a CI",
      "artifact): a lane per actor, message arrows, faults and the failure marked, search,",
      "each event's record and a durable object's storage. Press ? in the page for its keys."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Written.", "2:Bad usage or input (missing, not a trace, truncated)."})
final class ViewCommand extends TraceConversion {
  ViewCommand() {
    super(".html", TraceViewer::writeHtml, "viewer", "open it in a browser");
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The HTML file (default: the trace's name with .html).")
  Path output;

  @Override
  Path output() {
    return output;
  }
}
