package dev.w9y.cli;

import dev.w9y.viewer.TraceViewer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
final class ViewCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRACE", description = "A trace file written by w9y.")
  Path trace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The HTML file (default: the trace's name with .html).")
  Path output;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    Path html = TraceFiles.convert(trace, output, ".html", TraceViewer::writeHtml);
    spec.commandLine().getOut().println("viewer: " + html + " (open it in a browser)");
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
