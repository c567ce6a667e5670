package dev.w9y.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --faults} and {@code --plan}, shared by the commands that run seeds. */
final class FaultOptions {
  @Option(
      names = "--faults",
      paramLabel = "none|chaos|swarm|topology|PLAN",
      description =
          "The faults: the topology's faults: section (topology, the default), none, chaos or"
              + " swarm (keeping the topology's spare/onlyFor scope), or a shrunk plan file.")
  String faults;

  @Option(
      names = "--plan",
      paramLabel = "PLAN",
      description = "A shrunk plan file to replay over --faults (its seed, faults and size).")
  Path plan;

  FaultChoice choice() {
    return FaultChoice.parse(faults, plan);
  }
}
