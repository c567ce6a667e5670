package dev.w9y.faults;

import dev.w9y.scheduler.Ratio;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a fault plan may touch (Jepsen's nemesis targets, FoundationDB's protected processes). A
 * <em>target</em> is a service ({@code driver}) or one durable-object namespace of a service
 * ({@code driver/JOURNAL}: the objects {@code driver} declares under the binding {@code JOURNAL},
 * the notation of a topology's {@code durableObjectsOf}). A fault touches:
 *
 * <ul>
 *   <li>a message (drop, delay, duplicate, jitter, reset, timeout, 5xx, 429, unknown outcome,
 *       partitions and clogging): its sender and its receiver;
 *   <li>a crash, an eviction, a crash mid-request, a storage fault or an alarm fault: the instance
 *       or durable object it acts on;
 *   <li>a clock skew or jump: the service whose clock it is (a namespace target does not cover the
 *       clock: objects read their service's clock);
 *   <li>a BUGGIFY site: the instance or object whose code reached it.
 * </ul>
 *
 * A service target covers the service's instances and every object of its namespaces. A fault is
 * injected only if nothing it touches is {@link #spared()}, and, when {@link #onlyFor()} is not
 * empty, something it touches is listed there; its kind must not be {@link #sparedKinds()} and must
 * be in {@link #onlyKinds()} when that is not empty. A fault left out by the scope is never drawn
 * as such: it is not recorded, has no id and shifts no other fault's id. Timed faults choose their
 * victims among what the scope allows, so sparing one service does not thin the faults of the
 * others.
 *
 * <p>The scope is part of the run's options: the trace header records it ({@code
 * options.faults.scope}) when it is not empty, and a shrunk plan file carries it, so a replay runs
 * under the same scope. Lists are kept sorted, so equal scopes are equal values.
 */
public record FaultScope(
    List<String> spared,
    List<String> onlyFor,
    List<FaultKind> sparedKinds,
    List<FaultKind> onlyKinds) {

  /** No restriction: every fault of the plan may touch everything. */
  public static final FaultScope NONE = new FaultScope(List.of(), List.of(), List.of(), List.of());

  private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]{0,62}(/[^/\\s]+)?");

  public FaultScope {
    spared = targets(spared);
    onlyFor = targets(onlyFor);
    sparedKinds = List.copyOf(kinds(sparedKinds));
    onlyKinds = List.copyOf(kinds(onlyKinds));
  }

  public boolean isEmpty() {
    return spared.isEmpty() && onlyFor.isEmpty() && sparedKinds.isEmpty() && onlyKinds.isEmpty();
  }

  /** This scope also sparing {@code targets}. */
  public FaultScope sparing(Collection<String> targets) {
    return new FaultScope(union(spared, targets), onlyFor, sparedKinds, onlyKinds);
  }

  /** This scope also letting faults touch {@code targets} (and, with them, nothing else). */
  public FaultScope onlyFor(Collection<String> targets) {
    return new FaultScope(spared, union(onlyFor, targets), sparedKinds, onlyKinds);
  }

  public FaultScope sparingKinds(Collection<FaultKind> kinds) {
    return new FaultScope(spared, onlyFor, union(sparedKinds, kinds), onlyKinds);
  }

  public FaultScope onlyKinds(Collection<FaultKind> kinds) {
    return new FaultScope(spared, onlyFor, sparedKinds, union(onlyKinds, kinds));
  }

  /** Whether faults of {@code kind} may be injected at all. */
  public boolean allows(FaultKind kind) {
    return !sparedKinds.contains(kind) && (onlyKinds.isEmpty() || onlyKinds.contains(kind));
  }

  /**
   * The scope as the trace header, the {@code fault.plan} record and plan files give it: only the
   * lists that are not empty, under {@code spare}, {@code onlyFor}, {@code spareKinds} and {@code
   * onlyKinds} (the keys of a topology's {@code faults:} section).
   */
  public Map<String, Object> describe() {
    Map<String, Object> described = new LinkedHashMap<>();
    if (!spared.isEmpty()) {
      described.put("spare", spared);
    }
    if (!onlyFor.isEmpty()) {
      described.put("onlyFor", onlyFor);
    }
    if (!sparedKinds.isEmpty()) {
      described.put("spareKinds", labels(sparedKinds));
    }
    if (!onlyKinds.isEmpty()) {
      described.put("onlyKinds", labels(onlyKinds));
    }
    return described;
  }

  /** {@code plan} with the families this scope does not allow switched off. */
  FaultPlan applyKinds(FaultPlan plan) {
    FaultPlan result = plan;
    if (!allows(FaultKind.NETWORK)) {
      result = result.withNetwork(FaultPlan.NetworkFaults.NONE);
    }
    if (!allows(FaultKind.HTTP)) {
      result = result.withHttp(FaultPlan.HttpFaults.NONE);
    }
    if (!allows(FaultKind.PROCESS)) {
      result = result.withProcess(FaultPlan.ProcessFaults.NONE);
    }
    if (!allows(FaultKind.STORAGE)) {
      // Workflow faults are storage faults: without plan-owned ones they follow storage's NONE.
      result = result.withStorage(FaultPlan.StorageFaults.NONE);
      if (result.workflows() != null) {
        result = result.withWorkflows(FaultPlan.WorkflowFaults.NONE);
      }
    }
    if (!allows(FaultKind.CLOCK)) {
      result = result.withClock(FaultPlan.ClockFaults.NONE);
    }
    if (!allows(FaultKind.BUGGIFY)) {
      result = result.withBuggify(FaultPlan.BuggifyFaults.OFF);
    }
    if (!allows(FaultKind.KV)) {
      result = result.withPlatform(result.platform().withoutKv());
    }
    if (!allows(FaultKind.QUEUE)) {
      result = result.withPlatform(result.platform().withoutQueues());
    }
    if (!allows(FaultKind.R2)) {
      result = result.withPlatform(result.platform().withR2InternalError(Ratio.NEVER));
    }
    return result;
  }

  private static List<String> labels(List<FaultKind> kinds) {
    List<String> labels = new ArrayList<>();
    for (FaultKind kind : kinds) {
      labels.add(kind.label());
    }
    return labels;
  }

  private static List<String> targets(Collection<String> targets) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String target : targets) {
      if (target == null || !TARGET.matcher(target).matches()) {
        throw new IllegalArgumentException(
            "fault scope target '"
                + target
                + "' is neither a service name (driver) nor a service's durable-object namespace"
                + " (driver/JOURNAL)");
      }
      sorted.add(target);
    }
    return List.copyOf(sorted);
  }

  private static EnumSet<FaultKind> kinds(Collection<FaultKind> kinds) {
    EnumSet<FaultKind> set = EnumSet.noneOf(FaultKind.class);
    for (FaultKind kind : kinds) {
      set.add(java.util.Objects.requireNonNull(kind, "fault kind"));
    }
    return set;
  }

  private static <T> List<T> union(List<T> current, Collection<T> more) {
    List<T> all = new ArrayList<>(current);
    all.addAll(more);
    return all;
  }
}
