package dev.w9y.core;

/**
 * The clients outside the simulated system: they send requests at virtual times through a {@link
 * WorkloadDriver}, await responses and record what they saw. A workload object is created fresh for
 * every run, so it may keep state about the run.
 */
@FunctionalInterface
public interface Workload {
  /** Called once, at virtual time 0, before anything else runs. */
  void start(WorkloadDriver driver);
}
