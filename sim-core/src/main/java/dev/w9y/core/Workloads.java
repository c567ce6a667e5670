package dev.w9y.core;

/** Ready-made workloads. */
public final class Workloads {
  private Workloads() {}

  /**
   * Requests to the public service {@code service} generated from its contract: {@code requests} of
   * them (scaled down when a failure is shrunk), valid ones and near misses, at moments drawn from
   * the seed. See {@link ContractWorkload} for what fails a seed.
   *
   * <pre>{@code
   * Simulation.builder(topology).workload(() -> Workloads.fromContract("inventory", 50))
   * }</pre>
   */
  public static ContractWorkload fromContract(String service, int requests) {
    return new ContractWorkload(service, requests);
  }
}
