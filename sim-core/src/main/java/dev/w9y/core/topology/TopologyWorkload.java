package dev.w9y.core.topology;

import dev.w9y.core.ContractWorkload;
import dev.w9y.core.Workload;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A topology file's {@code workload:} section: the requests sent during the safety phase and,
 * optionally, the end-of-run requests sent once every fault is healed. It is a plain {@link
 * Workload} built on {@link WorkloadDriver#after}, {@link WorkloadDriver#fetchExpecting}, {@link
 * WorkloadDriver#scaled} and {@link WorkloadDriver#afterHealed}, so a topology file alone is a
 * runnable simulation (see {@link TopologyFile} for the syntax).
 *
 * @param requests sent during the safety phase
 * @param afterHealed the end-of-run checks, if any
 * @param fromContract requests generated from public services' contracts ({@code fromContract:
 *     {service: inventory, requests: 50}}), started with the others
 */
public record TopologyWorkload(
    List<RequestSpec> requests,
    Optional<AfterHealed> afterHealed,
    List<ContractWorkload> fromContract) {
  public TopologyWorkload {
    requests = List.copyOf(requests);
    fromContract = List.copyOf(fromContract);
  }

  /** A workload section without contract-driven requests. */
  public TopologyWorkload(List<RequestSpec> requests, Optional<AfterHealed> afterHealed) {
    this(requests, afterHealed, List.of());
  }

  /**
   * One request line of the section.
   *
   * @param url may hold {@code {i}}, replaced by the copy's number 0..count-1
   * @param atNanos when to send it (virtual time from the start of its phase)
   * @param count how many copies; 0 for a single request, which the shrinker leaves alone
   * @param withinNanos each copy goes at a moment drawn from the workload's seeded random stream in
   *     {@code [at, at + within)}; 0 sends every copy at {@code at}
   * @param expect the statuses that pass; another fails the seed (empty: any status passes)
   */
  public record RequestSpec(
      String method,
      String url,
      String body,
      long atNanos,
      int count,
      long withinNanos,
      List<Integer> expect) {
    public RequestSpec {
      expect = List.copyOf(expect);
    }

    /** The request of copy {@code i}. */
    Request request(int i) {
      return new Request(
          method,
          url.replace("{i}", Integer.toString(i)),
          Headers.EMPTY,
          body == null ? Body.EMPTY : Body.ofText(body));
    }
  }

  /** Requests sent {@code settleNanos} after the faults are healed. */
  public record AfterHealed(long settleNanos, List<RequestSpec> requests) {
    public AfterHealed {
      requests = List.copyOf(requests);
    }
  }

  /** A fresh workload for one run (it keeps no state, so runs of a seed are the same run). */
  public Workload newWorkload() {
    return driver -> {
      for (ContractWorkload generated : fromContract) {
        generated.start(driver);
      }
      schedule(driver, requests, (delay, send) -> driver.after(Duration.ofNanos(delay), send));
      // Each after-healing request is its own afterHealed action (settle + its moment), not a timer
      // set by one: the liveness phase waits for actions and their requests, not for timers.
      afterHealed.ifPresent(
          healed ->
              schedule(
                  driver,
                  healed.requests(),
                  (delay, send) ->
                      driver.afterHealed(Duration.ofNanos(healed.settleNanos() + delay), send)));
    };
  }

  /** Where a request's send goes: a timer in the safety phase, an after-healing action. */
  private interface Timing {
    void at(long delayNanos, Runnable send);
  }

  private static void schedule(WorkloadDriver driver, List<RequestSpec> specs, Timing timing) {
    for (RequestSpec spec : specs) {
      int copies = spec.count() == 0 ? 1 : driver.scaled(spec.count());
      for (int i = 0; i < copies; i++) {
        long at =
            spec.atNanos()
                + (spec.withinNanos() > 0 ? driver.random().nextLong(spec.withinNanos()) : 0);
        Request request = spec.request(i);
        timing.at(at, () -> send(driver, request, spec.expect()));
      }
    }
  }

  private static void send(WorkloadDriver driver, Request request, List<Integer> expect) {
    if (expect.isEmpty()) {
      driver.fetch(request);
      return;
    }
    int[] statuses = new int[expect.size()];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = expect.get(i);
    }
    driver.fetchExpecting(request, statuses);
  }
}
