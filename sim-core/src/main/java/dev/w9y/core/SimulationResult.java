package dev.w9y.core;

import dev.w9y.scheduler.SimulationFailure;
import dev.w9y.scheduler.VirtualTime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of a {@link Simulation} did.
 *
 * @param seed the seed; rerunning the same simulation with it reproduces the run exactly
 * @param failure why the run failed, if it did
 * @param traceSha256 SHA-256 of the trace's header and records: equal hashes, equal runs
 * @param events scheduler events dispatched
 * @param traceRecords trace records written
 * @param traceBytes trace bytes written, header and footer included
 * @param endNanos virtual time at the end
 * @param sometimes how often each {@code sometimes} check fired, by name
 * @param traceFile the trace file, if one was written
 * @param recentTrace the last trace lines (for failure reports)
 * @param fullTrace every trace line, if the simulation was asked to retain them, else empty
 * @param workloadSized whether the workload sized itself with {@link WorkloadDriver#scaled}, so
 *     that {@link Simulation#withWorkloadPercent} changes what it does (shrinking tries it only
 *     then)
 * @param contractViolations how many messages broke a contract (see {@link
 *     Simulation.Builder#contracts}); in enforce mode the first one also fails the run
 * @param contractCoverage for a contract-driven workload ({@link Workloads#fromContract}): each
 *     operation ({@code inventory: operation POST /orders}) and how often it answered each status;
 *     a declared status never answered has a count of 0
 */
public record SimulationResult(
    long seed,
    Optional<SimulationFailure> failure,
    String traceSha256,
    long events,
    long traceRecords,
    long traceBytes,
    long endNanos,
    Map<String, Long> sometimes,
    Optional<Path> traceFile,
    List<String> recentTrace,
    List<String> fullTrace,
    boolean workloadSized,
    long contractViolations,
    Map<String, Map<String, Long>> contractCoverage) {

  /** A result without contract coverage (no contract-driven workload ran). */
  public SimulationResult(
      long seed,
      Optional<SimulationFailure> failure,
      String traceSha256,
      long events,
      long traceRecords,
      long traceBytes,
      long endNanos,
      Map<String, Long> sometimes,
      Optional<Path> traceFile,
      List<String> recentTrace,
      List<String> fullTrace,
      boolean workloadSized,
      long contractViolations) {
    this(
        seed,
        failure,
        traceSha256,
        events,
        traceRecords,
        traceBytes,
        endNanos,
        sometimes,
        traceFile,
        recentTrace,
        fullTrace,
        workloadSized,
        contractViolations,
        new java.util.TreeMap<>());
  }

  public boolean passed() {
    return failure.isEmpty();
  }

  /** Throws the failure, if any; returns this result otherwise. */
  public SimulationResult orThrow() {
    if (failure.isPresent()) {
      throw failure.get();
    }
    return this;
  }

  /** A short human summary: seed first. */
  public String summary() {
    return "seed "
        + seed
        + ": "
        + (passed() ? "passed" : "FAILED " + failure.get().getMessage())
        + " ("
        + events
        + " events, "
        + VirtualTime.format(endNanos)
        + " virtual, trace "
        + traceSha256
        + ")";
  }
}
