package dev.w9y.faults;

import dev.w9y.core.FaultContext;
import dev.w9y.core.FaultHooks;
import dev.w9y.core.Simulation;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.Ratio;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Which faults a run suffers, family by family. Immutable. Probabilities are exact {@link Ratio}s;
 * durations are {@link Distribution}s drawn from the run's fault streams.
 *
 * <p>{@link #none()} injects nothing, {@link #chaos()} is the documented default mix, and {@link
 * #swarm()} derives the mix itself from each seed (TigerBeetle's swarm testing), so a seed sweep
 * explores many mixes. {@link #withSuppressed} replays a run with chosen fault events switched off:
 * each injected fault is a trace event {@code fault.injected} with a stable id ({@code
 * family:occurrence}, e.g. {@code http.unknown-outcome:ledger->payer/response#6}) that switching
 * other faults off does not renumber. An id W9Y could not have recorded (an unknown family, a
 * truncated occurrence) is refused with an error naming it; see {@link FaultKind#ofFaultId}.
 *
 * <p>{@code workflows} may be null: the workflow faults then follow the storage family's rates (see
 * {@link #workflowFaults()}), as in {@link #none()}, {@link #chaos()} and {@link #swarm()}.
 *
 * <p>A {@link FaultScope} says what the faults may touch: {@link #sparing} ({@code "driver"},
 * {@code "driver/JOURNAL"}), {@link #onlyFor}, {@link #sparingKinds}, {@link #onlyKinds}.
 * Suppression and {@link #withOnly} act within the scope.
 */
public record FaultPlan(
    NetworkFaults network,
    HttpFaults http,
    ProcessFaults process,
    StorageFaults storage,
    ClockFaults clock,
    BuggifyFaults buggify,
    PlatformFaults platform,
    WorkflowFaults workflows,
    boolean derivedFromSeed,
    List<String> suppressed,
    List<String> onlyFaults,
    FaultScope scope) {

  public FaultPlan {
    suppressed = faultIds(suppressed);
    onlyFaults = onlyFaults == null ? null : faultIds(onlyFaults);
    scope = scope == null ? FaultScope.NONE : scope;
  }

  /** Sorted and checked: an id W9Y could not have recorded would silently match nothing. */
  private static List<String> faultIds(Collection<String> ids) {
    for (String id : ids) {
      FaultKind.ofFaultId(id);
    }
    return List.copyOf(new TreeSet<>(ids));
  }

  /** No faults. */
  public static FaultPlan none() {
    return new FaultPlan(
        NetworkFaults.NONE,
        HttpFaults.NONE,
        ProcessFaults.NONE,
        StorageFaults.NONE,
        ClockFaults.NONE,
        BuggifyFaults.OFF,
        PlatformFaults.NONE,
        null,
        false,
        List.of(),
        null,
        FaultScope.NONE);
  }

  /**
   * The default mix: every family on at a moderate rate. Network: 1/100 drops, 1/20 delayed by up
   * to 500 ms, 1/100 duplicated, jitter to reorder, a partition (of a random mode) every ~30 s for
   * 1–10 s, swizzle-clogging every ~60 s. HTTP: 1/100 each of 5xx, 429, reset, timeout and unknown
   * outcome. Process: an instance crash every ~20 s restarted after 0.1–5 s, a durable-object crash
   * every ~30 s, idle objects evicted every ~30 s, 1/200 receivers crashed mid-request. Storage:
   * 1/100 write failures, 1/20 slow operations, 1/200 crashes after a durable write, 1/10 alarms
   * late by up to 10 s, 1/20 delivered twice. Clock: half the services skewed by up to ±5 s with
   * ±1000 ppm drift and a jump every ~60 s, minutes-wide skews and jumps in 1 run of 4, a strobing
   * clock in 1 run of 4 ({@link ClockFaults#CHAOS}). BUGGIFY: sites active 1/4, firing 1/4. KV and
   * Queues: {@link PlatformFaults#CHAOS}. Workflows: the storage rates ({@link WorkflowFaults#of}).
   */
  public static FaultPlan chaos() {
    return new FaultPlan(
        NetworkFaults.CHAOS,
        HttpFaults.CHAOS,
        ProcessFaults.CHAOS,
        StorageFaults.CHAOS,
        ClockFaults.CHAOS,
        BuggifyFaults.DEFAULT,
        PlatformFaults.CHAOS,
        null,
        false,
        List.of(),
        null,
        FaultScope.NONE);
  }

  /**
   * A plan whose families and intensities are drawn from each run's seed: every family is on or off
   * with even odds and its rates scale by a seeded factor. The resolved plan is the first fault
   * record of the trace ({@code fault.plan}).
   */
  public static FaultPlan swarm() {
    return new FaultPlan(
        NetworkFaults.CHAOS,
        HttpFaults.CHAOS,
        ProcessFaults.CHAOS,
        StorageFaults.CHAOS,
        ClockFaults.CHAOS,
        BuggifyFaults.DEFAULT,
        PlatformFaults.CHAOS,
        null,
        true,
        List.of(),
        null,
        FaultScope.NONE);
  }

  public FaultPlan withNetwork(NetworkFaults value) {
    return changed(copy -> copy.network = value);
  }

  public FaultPlan withHttp(HttpFaults value) {
    return changed(copy -> copy.http = value);
  }

  public FaultPlan withProcess(ProcessFaults value) {
    return changed(copy -> copy.process = value);
  }

  public FaultPlan withStorage(StorageFaults value) {
    return changed(copy -> copy.storage = value);
  }

  public FaultPlan withClock(ClockFaults value) {
    return changed(copy -> copy.clock = value);
  }

  public FaultPlan withBuggify(BuggifyFaults value) {
    return changed(copy -> copy.buggify = value);
  }

  /** The same plan with {@code value} as its KV and queue faults. */
  public FaultPlan withPlatform(PlatformFaults value) {
    return changed(copy -> copy.platform = value);
  }

  /**
   * The same plan with {@code value} as its workflow faults; null makes them follow the storage
   * family's rates again (see {@link #workflowFaults()}).
   */
  public FaultPlan withWorkflows(WorkflowFaults value) {
    return changed(copy -> copy.workflows = value);
  }

  /**
   * The workflow faults this plan injects: its own if it has them ({@link #withWorkflows}, a
   * topology file's {@code workflows:} key), otherwise the storage family's rates, as every plan
   * had before workflows had a family of their own ({@link WorkflowFaults#of}).
   */
  public WorkflowFaults workflowFaults() {
    return workflows != null ? workflows : WorkflowFaults.of(storage);
  }

  /** The same plan with the fault events {@code faultIds} (e.g. {@code f3}) switched off. */
  public FaultPlan withSuppressed(Collection<String> faultIds) {
    return changed(copy -> copy.suppressed = List.copyOf(faultIds));
  }

  /**
   * The same plan with every fault event suppressed except {@code faultIds}: what a shrunk failure
   * replays (see the junit-extension's shrinking).
   */
  public FaultPlan withOnly(Collection<String> faultIds) {
    return changed(copy -> copy.onlyFaults = List.copyOf(faultIds));
  }

  /**
   * The same plan leaving {@code targets} alone: services ({@code driver}) or durable-object
   * namespaces ({@code driver/JOURNAL}) no fault may touch — a test harness's own driver, say. See
   * {@link FaultScope} for what a fault touches.
   */
  public FaultPlan sparing(String... targets) {
    return withScope(scope.sparing(List.of(targets)));
  }

  /** The same plan with faults touching only {@code targets} (services or namespaces). */
  public FaultPlan onlyFor(String... targets) {
    return withScope(scope.onlyFor(List.of(targets)));
  }

  /** The same plan without faults of {@code kinds}, whatever the families say (swarm too). */
  public FaultPlan sparingKinds(FaultKind... kinds) {
    return withScope(scope.sparingKinds(List.of(kinds)));
  }

  /** The same plan with only faults of {@code kinds}. */
  public FaultPlan onlyKinds(FaultKind... kinds) {
    return withScope(scope.onlyKinds(List.of(kinds)));
  }

  /** The same plan under {@code value} instead of its scope. */
  public FaultPlan withScope(FaultScope value) {
    return changed(copy -> copy.scope = value);
  }

  private FaultPlan changed(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /**
   * A mutable copy of every component, so each {@code with...} method names only what it changes.
   */
  private static final class Copy {
    NetworkFaults network;
    HttpFaults http;
    ProcessFaults process;
    StorageFaults storage;
    ClockFaults clock;
    BuggifyFaults buggify;
    PlatformFaults platform;
    WorkflowFaults workflows;
    final boolean derivedFromSeed;
    List<String> suppressed;
    List<String> onlyFaults;
    FaultScope scope;

    Copy(FaultPlan plan) {
      network = plan.network;
      http = plan.http;
      process = plan.process;
      storage = plan.storage;
      clock = plan.clock;
      buggify = plan.buggify;
      platform = plan.platform;
      workflows = plan.workflows;
      derivedFromSeed = plan.derivedFromSeed;
      suppressed = plan.suppressed;
      onlyFaults = plan.onlyFaults;
      scope = plan.scope;
    }

    FaultPlan build() {
      return new FaultPlan(
          network,
          http,
          process,
          storage,
          clock,
          buggify,
          platform,
          workflows,
          derivedFromSeed,
          suppressed,
          onlyFaults,
          scope);
    }
  }

  /** The injector factory a {@link Simulation} takes. */
  public Function<FaultContext, FaultHooks> injector() {
    return context -> new FaultInjector(this, context);
  }

  /**
   * {@code simulation} with this plan's faults. A scope, if the plan has one, joins the run's
   * options in the trace header ({@code options.faults.scope}); without one the header is what it
   * always was, so unscoped traces and their hashes do not change.
   */
  public Simulation applyTo(Simulation simulation) {
    Map<String, Object> options = new TreeMap<>();
    if (!scope.isEmpty()) {
      options.put("scope", scope.describe());
    }
    return simulation.withFaults(injector(), options);
  }

  /** Network faults. */
  public record NetworkFaults(
      Ratio drop,
      Ratio delay,
      Distribution delayBy,
      Ratio duplicate,
      Distribution duplicateAfter,
      Distribution jitter,
      Distribution partitionEvery,
      Distribution partitionLasts,
      Distribution clogEvery,
      Distribution clogStep) {
    public static final NetworkFaults NONE =
        new NetworkFaults(
            Ratio.NEVER,
            Ratio.NEVER,
            zero(),
            Ratio.NEVER,
            zero(),
            zero(),
            null,
            zero(),
            null,
            zero());

    public static final NetworkFaults CHAOS =
        new NetworkFaults(
            Ratio.of(1, 100),
            Ratio.of(1, 20),
            Distribution.longTail(
                Distribution.uniform(Duration.ofMillis(10), Duration.ofMillis(100)),
                Ratio.of(1, 10),
                Distribution.exponential(Duration.ofMillis(200), Duration.ofMillis(500))),
            Ratio.of(1, 100),
            Distribution.uniform(Duration.ZERO, Duration.ofMillis(50)),
            Distribution.uniform(Duration.ZERO, Duration.ofMillis(5)),
            Distribution.exponential(Duration.ofSeconds(30), Duration.ofMinutes(5)),
            Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(10)),
            Distribution.exponential(Duration.ofSeconds(60), Duration.ofMinutes(10)),
            Distribution.uniform(Duration.ofMillis(100), Duration.ofSeconds(2)));

    /** Partitions start every {@code every} and last {@code lasts}; null turns them off. */
    public NetworkFaults withPartitions(Distribution every, Distribution lasts) {
      return new NetworkFaults(
          drop,
          delay,
          delayBy,
          duplicate,
          duplicateAfter,
          jitter,
          every,
          lasts,
          clogEvery,
          clogStep);
    }

    public NetworkFaults withDrop(Ratio value) {
      return new NetworkFaults(
          value,
          delay,
          delayBy,
          duplicate,
          duplicateAfter,
          jitter,
          partitionEvery,
          partitionLasts,
          clogEvery,
          clogStep);
    }

    public NetworkFaults withDuplicate(Ratio value) {
      return new NetworkFaults(
          drop,
          delay,
          delayBy,
          value,
          duplicateAfter,
          jitter,
          partitionEvery,
          partitionLasts,
          clogEvery,
          clogStep);
    }

    public NetworkFaults withDelay(Ratio value, Distribution by) {
      return new NetworkFaults(
          drop,
          value,
          by,
          duplicate,
          duplicateAfter,
          jitter,
          partitionEvery,
          partitionLasts,
          clogEvery,
          clogStep);
    }

    /** Swizzle-clogging rounds start every {@code every}; null turns them off. */
    public NetworkFaults withClogging(Distribution every, Distribution step) {
      return new NetworkFaults(
          drop,
          delay,
          delayBy,
          duplicate,
          duplicateAfter,
          jitter,
          partitionEvery,
          partitionLasts,
          every,
          step);
    }
  }

  /** HTTP-level faults on responses and connections. */
  public record HttpFaults(
      Ratio serverError,
      Ratio tooManyRequests,
      Ratio reset,
      Ratio timeout,
      Distribution timeoutAfter,
      Ratio unknownOutcome) {
    public static final HttpFaults NONE =
        new HttpFaults(Ratio.NEVER, Ratio.NEVER, Ratio.NEVER, Ratio.NEVER, zero(), Ratio.NEVER);

    public static final HttpFaults CHAOS =
        new HttpFaults(
            Ratio.of(1, 100),
            Ratio.of(1, 100),
            Ratio.of(1, 100),
            Ratio.of(1, 100),
            Distribution.uniform(Duration.ofMillis(1), Duration.ofSeconds(1)),
            Ratio.of(1, 100));

    public HttpFaults withUnknownOutcome(Ratio value) {
      return new HttpFaults(serverError, tooManyRequests, reset, timeout, timeoutAfter, value);
    }

    public HttpFaults withServerError(Ratio value) {
      return new HttpFaults(value, tooManyRequests, reset, timeout, timeoutAfter, unknownOutcome);
    }

    public HttpFaults withTooManyRequests(Ratio value) {
      return new HttpFaults(serverError, value, reset, timeout, timeoutAfter, unknownOutcome);
    }

    public HttpFaults withReset(Ratio value) {
      return new HttpFaults(
          serverError, tooManyRequests, value, timeout, timeoutAfter, unknownOutcome);
    }

    public HttpFaults withTimeout(Ratio value, Distribution after) {
      return new HttpFaults(serverError, tooManyRequests, reset, value, after, unknownOutcome);
    }
  }

  /** Crashes and restarts of service instances and durable objects; null intervals are off. */
  /**
   * Crashes and restarts: instance crashes at seeded intervals (restarted after {@code
   * restartAfter}), durable-object crashes, evictions of idle objects (null intervals are off), and
   * crashes of the receiver right after a request reached it ({@code crashMidRequest}).
   */
  public record ProcessFaults(
      Distribution instanceCrashEvery,
      Distribution restartAfter,
      Distribution objectCrashEvery,
      Distribution evictEvery,
      Ratio crashMidRequest) {
    public static final ProcessFaults NONE =
        new ProcessFaults(null, zero(), null, null, Ratio.NEVER);

    public static final ProcessFaults CHAOS =
        new ProcessFaults(
            Distribution.exponential(Duration.ofSeconds(20), Duration.ofMinutes(5)),
            Distribution.uniform(Duration.ofMillis(100), Duration.ofSeconds(5)),
            Distribution.exponential(Duration.ofSeconds(30), Duration.ofMinutes(5)),
            Distribution.exponential(Duration.ofSeconds(30), Duration.ofMinutes(5)),
            Ratio.of(1, 200));

    public ProcessFaults withInstanceCrashes(Distribution every, Distribution restartAfterValue) {
      return new ProcessFaults(
          every, restartAfterValue, objectCrashEvery, evictEvery, crashMidRequest);
    }

    public ProcessFaults withObjectCrashes(Distribution every) {
      return new ProcessFaults(
          instanceCrashEvery, restartAfter, every, evictEvery, crashMidRequest);
    }

    public ProcessFaults withEvictions(Distribution every) {
      return new ProcessFaults(
          instanceCrashEvery, restartAfter, objectCrashEvery, every, crashMidRequest);
    }

    public ProcessFaults withCrashMidRequest(Ratio value, Distribution restartAfterValue) {
      return new ProcessFaults(
          instanceCrashEvery, restartAfterValue, objectCrashEvery, evictEvery, value);
    }
  }

  /**
   * Durable-object storage faults: failed writes, slow operations, crashes right after a durable
   * write, and alarms that fire late ({@code alarmDelay}, by {@code alarmDelayBy}) or twice.
   */
  public record StorageFaults(
      Ratio writeFailure,
      Ratio slow,
      Distribution slowBy,
      Ratio crashAfterWrite,
      Ratio alarmDelay,
      Distribution alarmDelayBy,
      Ratio alarmTwice) {
    public static final StorageFaults NONE =
        new StorageFaults(
            Ratio.NEVER, Ratio.NEVER, zero(), Ratio.NEVER, Ratio.NEVER, zero(), Ratio.NEVER);

    public static final StorageFaults CHAOS =
        new StorageFaults(
            Ratio.of(1, 100),
            Ratio.of(1, 20),
            Distribution.uniform(Duration.ofMillis(5), Duration.ofMillis(200)),
            Ratio.of(1, 200),
            Ratio.of(1, 10),
            Distribution.uniform(Duration.ofMillis(100), Duration.ofSeconds(10)),
            Ratio.of(1, 20));

    public StorageFaults withWriteFailure(Ratio value) {
      return new StorageFaults(
          value, slow, slowBy, crashAfterWrite, alarmDelay, alarmDelayBy, alarmTwice);
    }

    public StorageFaults withCrashAfterWrite(Ratio value) {
      return new StorageFaults(
          writeFailure, slow, slowBy, value, alarmDelay, alarmDelayBy, alarmTwice);
    }

    public StorageFaults withSlow(Ratio value, Distribution by) {
      return new StorageFaults(
          writeFailure, value, by, crashAfterWrite, alarmDelay, alarmDelayBy, alarmTwice);
    }

    public StorageFaults withAlarmFaults(Ratio delay, Distribution delayBy, Ratio twice) {
      return new StorageFaults(writeFailure, slow, slowBy, crashAfterWrite, delay, delayBy, twice);
    }
  }

  /**
   * Platform faults (KV, Queues and R2). KV: a write reaches another location late with probability
   * {@code kvStaleRead} (per write and reading location), by {@code kvPropagation} (Cloudflare
   * documents up to 60 s), so reads there are stale meanwhile. Queues: a delivered message is
   * delivered again ({@code queueDuplicate}, after {@code queueDuplicateAfter}: at-least-once), a
   * sent message arrives late ({@code queueDelay}, by {@code queueDelayBy}), the consumer instance
   * crashes while it handles a batch ({@code queueConsumerCrash}, restarted after the process
   * faults' {@code restartAfter}) so the batch is delivered again. R2: an operation fails with R2's
   * transient internal error ({@code r2InternalError}, per operation; a failed write changes
   * nothing).
   */
  public record PlatformFaults(
      Ratio kvStaleRead,
      Distribution kvPropagation,
      Ratio queueDuplicate,
      Distribution queueDuplicateAfter,
      Ratio queueDelay,
      Distribution queueDelayBy,
      Ratio queueConsumerCrash,
      Ratio r2InternalError) {
    public static final PlatformFaults NONE =
        new PlatformFaults(
            Ratio.NEVER,
            zero(),
            Ratio.NEVER,
            zero(),
            Ratio.NEVER,
            zero(),
            Ratio.NEVER,
            Ratio.NEVER);

    /**
     * 1/4 of writes reach a reading location late by 1–60 s; 1/20 of messages delivered twice
     * (0.1–5 s later), 1/10 late by up to 10 s, 1/50 batches lose their consumer mid-batch; 1/100
     * R2 operations fail with an internal error.
     */
    public static final PlatformFaults CHAOS =
        new PlatformFaults(
            Ratio.of(1, 4),
            Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(60)),
            Ratio.of(1, 20),
            Distribution.uniform(Duration.ofMillis(100), Duration.ofSeconds(5)),
            Ratio.of(1, 10),
            Distribution.uniform(Duration.ofMillis(100), Duration.ofSeconds(10)),
            Ratio.of(1, 50),
            Ratio.of(1, 100));

    public PlatformFaults withKvStaleRead(Ratio value, Distribution propagation) {
      return new PlatformFaults(
          value,
          propagation,
          queueDuplicate,
          queueDuplicateAfter,
          queueDelay,
          queueDelayBy,
          queueConsumerCrash,
          r2InternalError);
    }

    public PlatformFaults withQueueDuplicate(Ratio value, Distribution after) {
      return new PlatformFaults(
          kvStaleRead,
          kvPropagation,
          value,
          after,
          queueDelay,
          queueDelayBy,
          queueConsumerCrash,
          r2InternalError);
    }

    public PlatformFaults withQueueDelay(Ratio value, Distribution by) {
      return new PlatformFaults(
          kvStaleRead,
          kvPropagation,
          queueDuplicate,
          queueDuplicateAfter,
          value,
          by,
          queueConsumerCrash,
          r2InternalError);
    }

    public PlatformFaults withQueueConsumerCrash(Ratio value) {
      return new PlatformFaults(
          kvStaleRead,
          kvPropagation,
          queueDuplicate,
          queueDuplicateAfter,
          queueDelay,
          queueDelayBy,
          value,
          r2InternalError);
    }

    public PlatformFaults withR2InternalError(Ratio value) {
      return new PlatformFaults(
          kvStaleRead,
          kvPropagation,
          queueDuplicate,
          queueDuplicateAfter,
          queueDelay,
          queueDelayBy,
          queueConsumerCrash,
          value);
    }

    /**
     * The KV and queue part of this mix, in the words a trace header has always used for the
     * platform faults (the record's own text before R2 joined it), so headers and hashes of runs
     * without R2 buckets do not change; R2's ratio is described beside it where a world has R2.
     */
    String describeKvAndQueues() {
      return "PlatformFaults[kvStaleRead="
          + kvStaleRead
          + ", kvPropagation="
          + kvPropagation
          + ", queueDuplicate="
          + queueDuplicate
          + ", queueDuplicateAfter="
          + queueDuplicateAfter
          + ", queueDelay="
          + queueDelay
          + ", queueDelayBy="
          + queueDelayBy
          + ", queueConsumerCrash="
          + queueConsumerCrash
          + "]";
    }

    /** This mix without its KV faults. */
    PlatformFaults withoutKv() {
      return withKvStaleRead(Ratio.NEVER, zero());
    }

    /** This mix without its queue faults. */
    PlatformFaults withoutQueues() {
      return withQueueDuplicate(Ratio.NEVER, zero())
          .withQueueDelay(Ratio.NEVER, zero())
          .withQueueConsumerCrash(Ratio.NEVER);
    }
  }

  /**
   * Workflow faults: the engine crashes between a step's side effect and its checkpoint ({@code
   * crash}, so run() re-runs the step: at-least-once), a step attempt fails ({@code stepFailure},
   * retried under its retry config), a sleeping instance wakes late ({@code wakeupDelay}, by {@code
   * wakeupDelayBy}). Their fault ids keep the storage family's names ({@code
   * storage.workflow-crash:...}): they are storage faults of the engine's durable state.
   */
  public record WorkflowFaults(
      Ratio crash, Ratio stepFailure, Ratio wakeupDelay, Distribution wakeupDelayBy) {
    public static final WorkflowFaults NONE =
        new WorkflowFaults(Ratio.NEVER, Ratio.NEVER, Ratio.NEVER, zero());

    /**
     * The rates a plan without workflow faults of its own injects: the storage family's crashes
     * after a durable write, write failures and late alarms.
     */
    public static WorkflowFaults of(StorageFaults storage) {
      return new WorkflowFaults(
          storage.crashAfterWrite(),
          storage.writeFailure(),
          storage.alarmDelay(),
          storage.alarmDelayBy());
    }

    public WorkflowFaults withCrash(Ratio value) {
      return new WorkflowFaults(value, stepFailure, wakeupDelay, wakeupDelayBy);
    }

    public WorkflowFaults withStepFailure(Ratio value) {
      return new WorkflowFaults(crash, value, wakeupDelay, wakeupDelayBy);
    }

    public WorkflowFaults withWakeupDelay(Ratio value, Distribution by) {
      return new WorkflowFaults(crash, stepFailure, value, by);
    }
  }

  /**
   * Skewed clocks: each service is skewed with probability {@code skewed}, by an offset of up to
   * {@code maxOffsetMillis} either way and a drift of up to {@code maxDriftPpm} either way; its
   * wall clock jumps by up to {@code maxJumpMillis} either way every {@code jumpEvery} (null:
   * never).
   *
   * <p>Bugs that trust another machine's clock (a lease computed from the caller's clock, a token
   * expiry) hide behind small skews, so two rarer modes go further, as Jepsen's clock nemesis and
   * FoundationDB's simulator do. With probability {@code wide} a run's offsets and jumps reach
   * {@code maxWideMillis} (minutes) instead. With probability {@code strobing} a run strobes
   * clocks: every {@code strobeEvery} one service's wall clock flips between its time and that time
   * plus an amount of up to {@code maxStrobeMillis} either way, every 5–50 ms for 1–10 s. The
   * monotonic clock ({@code performance.now}) is only ever drifted: it never goes backwards.
   */
  public record ClockFaults(
      Ratio skewed,
      long maxOffsetMillis,
      long maxDriftPpm,
      Distribution jumpEvery,
      long maxJumpMillis,
      Ratio wide,
      long maxWideMillis,
      Ratio strobing,
      Distribution strobeEvery,
      long maxStrobeMillis) {
    public static final ClockFaults NONE = new ClockFaults(Ratio.NEVER, 0, 0, null, 0);

    /**
     * Half the services skewed by up to ±5 s with ±1000 ppm drift and a jump of up to ±30 s every
     * ~60 s; in 1 run of 4 offsets and jumps of up to ±10 minutes; in 1 run of 4 a strobe every ~20
     * s of up to ±2 minutes.
     */
    public static final ClockFaults CHAOS =
        new ClockFaults(
            Ratio.of(1, 2),
            5_000,
            1_000,
            Distribution.exponential(Duration.ofSeconds(60), Duration.ofMinutes(10)),
            30_000,
            Ratio.of(1, 4),
            600_000,
            Ratio.of(1, 4),
            Distribution.exponential(Duration.ofSeconds(20), Duration.ofMinutes(2)),
            120_000);

    /** Small skews and jumps only: no wide skews, no strobing. */
    public ClockFaults(
        Ratio skewed,
        long maxOffsetMillis,
        long maxDriftPpm,
        Distribution jumpEvery,
        long maxJumpMillis) {
      this(
          skewed,
          maxOffsetMillis,
          maxDriftPpm,
          jumpEvery,
          maxJumpMillis,
          Ratio.NEVER,
          maxOffsetMillis,
          Ratio.NEVER,
          null,
          0);
    }

    public ClockFaults {
      if (maxOffsetMillis < 0
          || maxDriftPpm < 0
          || maxJumpMillis < 0
          || maxWideMillis < 0
          || maxStrobeMillis < 0
          || maxDriftPpm >= 1_000_000) {
        throw new IllegalArgumentException(
            "clock fault bounds must be non-negative (drift below 1,000,000 ppm)");
      }
    }

    /** The same faults without wide skews and strobing: the small-skew mode alone. */
    public ClockFaults narrow() {
      return new ClockFaults(skewed, maxOffsetMillis, maxDriftPpm, jumpEvery, maxJumpMillis);
    }
  }

  /**
   * BUGGIFY: each site is active for the whole run with {@code activation}, then fires per call
   * with {@code fire}.
   */
  public record BuggifyFaults(boolean enabled, Ratio activation, Ratio fire, List<String> sites) {
    public static final BuggifyFaults OFF =
        new BuggifyFaults(false, Ratio.NEVER, Ratio.NEVER, List.of());
    public static final BuggifyFaults DEFAULT =
        new BuggifyFaults(true, Ratio.of(1, 4), Ratio.of(1, 4), List.of());

    public BuggifyFaults {
      sites = List.copyOf(new TreeSet<>(sites));
    }

    public BuggifyFaults(boolean enabled, Ratio activation, Ratio fire) {
      this(enabled, activation, fire, List.of());
    }

    /**
     * Declares the sites the code under test has, so their activation is decided and recorded at
     * the start of the run (the run's header of faults) instead of when each is first reached.
     */
    public BuggifyFaults withSites(List<String> names) {
      return new BuggifyFaults(enabled, activation, fire, names);
    }
  }

  private static Distribution zero() {
    return new Distribution.Fixed(0);
  }
}
