package dev.w9y.cli;

import dev.w9y.core.Simulation;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.topology.TopologyWorkload;
import dev.w9y.faults.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A topology file as a runnable simulation: its services, its {@code workload:} section and the
 * fault plan a {@link FaultChoice} picks, with the file and the choice recorded in the trace header
 * so {@code w9y replay} can run it again. Loaded once; {@link #forSeed} is cheap.
 */
final class TopologySimulation {
  private final String given;
  private final TopologyFile.TopologyDocument document;
  private final FaultChoice faults;
  private final FaultPlan plan;
  private final Simulation base;

  private TopologySimulation(
      String given, TopologyFile.TopologyDocument document, FaultChoice faults) {
    this.given = given;
    this.document = document;
    this.faults = faults;
    this.plan = faults.plan(document);
    TopologyWorkload workload =
        document
            .workload()
            .orElseThrow(
                () ->
                    new CliError(
                        given
                            + ": the topology has no workload: section, so there is nothing to run"
                            + " (see the README, \"The w9y command line\")"));
    Simulation simulation =
        Simulation.builder(document.topology())
            .workload(workload::newWorkload)
            .origin(faults.origin(portable(given)))
            .build();
    this.base =
        faults.workloadPercent() == 100
            ? simulation
            : simulation.withWorkloadPercent(faults.workloadPercent());
  }

  /**
   * Loads {@code file} (relative paths in it resolve against its directory).
   *
   * @param file as the user gave it; the trace header records it so
   */
  static TopologySimulation load(String file, FaultChoice faults) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new CliError(file + ": topology file not found");
    }
    return new TopologySimulation(file, TopologyFile.read(path), faults);
  }

  /**
   * The topology file as the trace header records it: relative to the working directory, however it
   * was given, so the same run made from the same place in another checkout, on another machine,
   * writes the same header and hash; {@code replay} resolves it the same way.
   */
  static String portable(String file) {
    Path workingDirectory = Path.of("").toAbsolutePath().normalize();
    Path absolute = Path.of(file).toAbsolutePath().normalize();
    if (!absolute.getRoot().equals(workingDirectory.getRoot())) {
      return file; // another drive: no relative path exists
    }
    return workingDirectory.relativize(absolute).toString().replace('\\', '/');
  }

  String file() {
    return given;
  }

  FaultChoice faults() {
    return faults;
  }

  /** The fault plan runs get (null for none, so SeedRunner does not try to shrink). */
  FaultPlan plan() {
    return plan;
  }

  /** The simulation at {@code seed} with its faults applied. */
  Simulation forSeed(long seed) {
    return plan.applyTo(base.withSeed(seed));
  }

  /** The simulation at {@code seed} without faults: SeedRunner applies the plan itself. */
  Simulation unplanned(long seed) {
    return base.withSeed(seed);
  }
}
