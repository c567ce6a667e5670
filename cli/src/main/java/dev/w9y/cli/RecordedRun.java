package dev.w9y.cli;

import dev.w9y.core.trace.TraceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A trace written by {@code w9y run} or {@code fuzz}, read back (and checked by {@link
 * TraceReader}: format version, order, footer hash) with what its header recorded: the seed, the
 * topology file (relative to the directory w9y ran in; {@code --topology} overrides) and the fault
 * choice.
 */
record RecordedRun(Path file, TraceReader trace, long seed, String topology, FaultChoice faults) {

  static RecordedRun read(Path file, String topologyOverride) {
    if (!Files.isRegularFile(file)) {
      throw new CliError(file + ": trace file not found");
    }
    TraceReader trace = TraceReader.read(file);
    if (!trace.isComplete()) {
      throw new CliError(file + ": the trace has no footer (the run did not finish)");
    }
    JsonNode options = trace.header().path("options");
    String topology =
        topologyOverride != null
            ? topologyOverride
            : options.path("origin").path("topologyFile").asString(null);
    if (topology == null) {
      throw new CliError(
          file
              + ": the trace names no topology file (it was not made by w9y from one); give"
              + " --topology FILE");
    }
    return new RecordedRun(
        file,
        trace,
        trace.header().path("seed").asLong(),
        topology,
        FaultChoice.fromOrigin(options, file.toString()));
  }

  /** The simulation the trace recorded, loaded again from its topology file. */
  TopologySimulation simulation() {
    return TopologySimulation.load(topology, faults);
  }

  /** The lines the trace hash covers: everything before the footer. */
  List<String> hashedLines() {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.subList(0, lines.size() - 1);
    } catch (IOException e) {
      throw new CliError(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  boolean passed() {
    return trace.footer().map(f -> f.path("status").asString("")).orElse("").equals("passed");
  }
}
