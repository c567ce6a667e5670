package dev.w9y.core;

import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.storage.StorageHooks;
import dev.w9y.scheduler.Budgets;
import dev.w9y.scheduler.SchedulerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One simulation: a topology, a workload, checks and a seed. Immutable; {@link #run()} runs it and
 * may be called again to replay the run exactly.
 *
 * <p>A run has two phases (TigerBeetle's VOPR): a <b>safety</b> phase of fixed virtual length in
 * which faults act and {@code always} checks are evaluated after every event, then, if there are
 * {@code eventually} checks, a <b>liveness</b> phase: every fault is healed, crashed instances
 * restart, and every {@code eventually} check must hold within the liveness budget.
 */
public final class Simulation {
  private final long seed;
  private final Topology topology;
  private final Supplier<? extends Workload> workload;
  private final List<World.NamedCheck> always;
  private final List<World.NamedCheck> eventually;
  private final int alwaysEveryEvents;
  private final Function<FaultContext, ? extends NetworkHooks> networkHooks;
  private final Function<FaultContext, ? extends StorageHooks> storageHooks;
  private final Function<FaultContext, ? extends FaultHooks> faults;
  private final Map<String, Object> faultOptions;
  private final long safetyNanos;
  private final long livenessBudgetNanos;
  private final Budgets budgets;
  private final boolean shuffleSameTimeEvents;
  private final Path traceFile;
  private final boolean retainTrace;
  private final boolean recordTrace;
  private final int workloadPercent;
  private final GuestErrorPolicy guestErrors;
  private final Map<String, Object> origin;
  private final ContractMode contractMode;

  private Simulation(Builder builder) {
    this.seed = builder.seed;
    this.topology = builder.topology;
    this.workload = builder.workload;
    this.always = List.copyOf(builder.always);
    this.eventually = List.copyOf(builder.eventually);
    this.alwaysEveryEvents = builder.alwaysEveryEvents;
    this.networkHooks = builder.networkHooks;
    this.storageHooks = builder.storageHooks;
    this.faults = builder.faults;
    this.faultOptions = builder.faultOptions;
    this.safetyNanos = builder.safetyNanos;
    this.livenessBudgetNanos = builder.livenessBudgetNanos;
    this.budgets = builder.budgets;
    this.shuffleSameTimeEvents = builder.shuffleSameTimeEvents;
    this.traceFile = builder.traceFile;
    this.retainTrace = builder.retainTrace;
    this.recordTrace = builder.recordTrace;
    this.workloadPercent = builder.workloadPercent;
    this.guestErrors = builder.guestErrors;
    this.origin = builder.origin;
    this.contractMode = builder.contractMode;
  }

  public static Builder builder(Topology topology) {
    return new Builder(topology);
  }

  public long seed() {
    return seed;
  }

  /** The same simulation with another seed. */
  public Simulation withSeed(long newSeed) {
    Builder copy = toBuilder();
    copy.seed = newSeed;
    return copy.build();
  }

  /** The same simulation held to other budgets (max events, virtual time, livelock, queue). */
  public Simulation withBudgets(Budgets value) {
    Builder copy = toBuilder();
    copy.budgets = Objects.requireNonNull(value, "budgets");
    return copy.build();
  }

  /** The budgets each run is held to. */
  public Budgets budgets() {
    return budgets;
  }

  /** The same simulation writing its trace to {@code file}. */
  public Simulation withTraceFile(Path file) {
    Builder copy = toBuilder();
    copy.traceFile = file;
    return copy.build();
  }

  /** The same simulation keeping every trace line in its result (for replay comparisons). */
  public Simulation retainingTrace() {
    Builder copy = toBuilder();
    copy.retainTrace = true;
    return copy.build();
  }

  /** Every option of the run, in a fixed order, seed first: the trace header's options. */
  public Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("seed", seed);
    if (!origin.isEmpty()) {
      // Only for runs made from a topology file (the command line's replay reads it back), so
      // simulations built in Java keep the header, and the hash, they always had.
      options.put("origin", origin);
    }
    Map<String, Object> scheduler = new LinkedHashMap<>(schedulerConfig().describe());
    scheduler.remove("seed");
    options.put("scheduler", scheduler);
    options.put("safetyNs", safetyNanos);
    options.put("livenessBudgetNs", livenessBudgetNanos);
    options.put("alwaysEveryEvents", (long) alwaysEveryEvents);
    options.put("workloadPercent", (long) workloadPercent);
    options.put("always", names(always));
    options.put("eventually", names(eventually));
    options.put("latency", topology.latency().toString());
    options.put("connectTimeoutNs", topology.connectTimeoutNanos());
    options.put("epochMillis", topology.epochMillis());
    List<Object> services = new ArrayList<>();
    for (ServiceSpec spec : topology.services()) {
      Map<String, Object> service = new TreeMap<>();
      service.put("name", spec.name());
      service.put("kind", spec.code().kind());
      service.put("code", spec.code().describe());
      service.put("public", spec.isPublic());
      service.put("hostnames", spec.hostnames());
      service.put("bindings", spec.bindings());
      if (!spec.entrypoints().isEmpty()) {
        // Only when set, so topologies without named entrypoints keep their header and hash.
        service.put("entrypoints", spec.entrypoints());
      }
      service.put("vars", spec.varsAsTraced());
      if (!spec.jsonVars().isEmpty()) {
        // Only when set, so topologies with string variables only keep their header and hash.
        service.put("jsonVars", spec.jsonVars());
      }
      service.put("crons", spec.crons());
      service.put("instances", (long) spec.instances());
      if (spec.contract() != null) {
        // Only when set, so topologies without contracts keep their header and hash.
        service.put("contract", spec.contract().identity());
      }
      if (spec.assets() != null) {
        // Only when set: a hash of the files and the settings, never where the files lie.
        service.put("assets", spec.assets().identity());
      }
      services.add(service);
    }
    options.put("services", services);
    if (hasContracts()) {
      options.put("contracts", contractMode.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!guestErrors.isStrict()) {
      // Only when set, so runs that tolerate nothing keep the header (and hash) they always had.
      options.put("tolerate", guestErrors.describe());
    }
    // Only when the injector has options of its own (a fault scope): a run without them keeps the
    // header, and so the trace hash, it always had.
    if (!faultOptions.isEmpty()) {
      options.put("faults", faultOptions);
    }
    return options;
  }

  private boolean hasContracts() {
    for (ServiceSpec spec : topology.services()) {
      if (spec.contract() != null) {
        return true;
      }
    }
    return false;
  }

  ContractMode contractMode() {
    return contractMode;
  }

  private static List<String> names(List<World.NamedCheck> checks) {
    List<String> names = new ArrayList<>();
    for (World.NamedCheck check : checks) {
      names.add(check.name());
    }
    return names;
  }

  private SchedulerConfig schedulerConfig() {
    return SchedulerConfig.of(seed)
        .withBudgets(budgets)
        .withShuffleSameTimeEvents(shuffleSameTimeEvents);
  }

  /** Runs the simulation once. Never throws for a failing run: the result carries the failure. */
  public SimulationResult run() {
    try (SimulationRun run = start()) {
      return run.runToEnd();
    }
  }

  /**
   * Starts a run that can be driven event by event: {@link SimulationRun#runTo} replays the run to
   * an event index and pauses there with the world inspectable (time travel).
   */
  public SimulationRun start() {
    return new SimulationRun(this, null);
  }

  /**
   * As {@link #start()}, with {@code observer} seeing every event and trace record from the first
   * (those the run writes while it is set up included), without changing the run.
   */
  public SimulationRun start(RunObserver observer) {
    return new SimulationRun(this, java.util.Objects.requireNonNull(observer, "observer"));
  }

  SchedulerConfig schedulerConfigForRun() {
    return schedulerConfig();
  }

  Topology topology() {
    return topology;
  }

  Workload newWorkload() {
    return workload.get();
  }

  List<World.NamedCheck> alwaysChecks() {
    return always;
  }

  List<World.NamedCheck> eventuallyChecks() {
    return eventually;
  }

  int alwaysEveryEvents() {
    return alwaysEveryEvents;
  }

  NetworkHooks newNetworkHooks(FaultContext context) {
    return networkHooks.apply(context);
  }

  StorageHooks newStorageHooks(FaultContext context) {
    return storageHooks.apply(context);
  }

  /** The run's fault injector, if one was set with {@link Builder#faults}; else null. */
  FaultHooks newFaultHooks(FaultContext context) {
    return faults == null ? null : faults.apply(context);
  }

  /** A copy of this simulation with the fault injector {@code factory} (see the faults module). */
  public Simulation withFaults(Function<FaultContext, ? extends FaultHooks> factory) {
    return withFaults(factory, new TreeMap<>());
  }

  /**
   * A copy of this simulation with the fault injector {@code factory} and the options that shape
   * it, recorded in the trace header under {@code faults} when not empty (a fault plan's scope).
   */
  public Simulation withFaults(
      Function<FaultContext, ? extends FaultHooks> factory, Map<String, Object> options) {
    Builder copy = toBuilder();
    copy.faults = Objects.requireNonNull(factory, "faults factory");
    copy.faultOptions = Collections.unmodifiableMap(new TreeMap<>(options));
    return copy.build();
  }

  long safetyNanos() {
    return safetyNanos;
  }

  long livenessBudgetNanos() {
    return livenessBudgetNanos;
  }

  Path traceFile() {
    return traceFile;
  }

  boolean retainsTrace() {
    return retainTrace;
  }

  boolean recordsTrace() {
    return recordTrace;
  }

  int workloadPercent() {
    return workloadPercent;
  }

  GuestErrorPolicy guestErrors() {
    return guestErrors;
  }

  /**
   * The same simulation with its workload scaled to {@code percent} (1–100) of its size: a workload
   * that sizes itself with {@link WorkloadDriver#scaled} then does less. Shrinking uses this to
   * find a smaller workload that still fails.
   */
  public Simulation withWorkloadPercent(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("workload percent must be 1..100, was " + percent);
    }
    Builder copy = toBuilder();
    copy.workloadPercent = percent;
    return copy.build();
  }

  private Builder toBuilder() {
    Builder copy = new Builder(topology);
    copy.seed = seed;
    copy.workload = workload;
    copy.always.addAll(always);
    copy.eventually.addAll(eventually);
    copy.alwaysEveryEvents = alwaysEveryEvents;
    copy.networkHooks = networkHooks;
    copy.storageHooks = storageHooks;
    copy.faults = faults;
    copy.faultOptions = faultOptions;
    copy.safetyNanos = safetyNanos;
    copy.livenessBudgetNanos = livenessBudgetNanos;
    copy.budgets = budgets;
    copy.shuffleSameTimeEvents = shuffleSameTimeEvents;
    copy.traceFile = traceFile;
    copy.retainTrace = retainTrace;
    copy.recordTrace = recordTrace;
    copy.workloadPercent = workloadPercent;
    copy.guestErrors = guestErrors;
    copy.origin = origin;
    copy.contractMode = contractMode;
    return copy;
  }

  /** Builds a {@link Simulation}; only the topology is required. */
  public static final class Builder {
    private final Topology topology;
    private long seed;
    private Supplier<? extends Workload> workload = () -> driver -> {};
    private final List<World.NamedCheck> always = new ArrayList<>();
    private final List<World.NamedCheck> eventually = new ArrayList<>();
    private int alwaysEveryEvents = 1;
    private Function<FaultContext, ? extends NetworkHooks> networkHooks =
        context -> NetworkHooks.NONE;
    private Function<FaultContext, ? extends StorageHooks> storageHooks =
        context -> StorageHooks.NONE;
    private Function<FaultContext, ? extends FaultHooks> faults;
    private Map<String, Object> faultOptions = Collections.emptyMap();
    private long safetyNanos = Duration.ofMinutes(1).toNanos();
    private long livenessBudgetNanos = Duration.ofMinutes(1).toNanos();
    private Budgets budgets = Budgets.DEFAULT;
    private boolean shuffleSameTimeEvents;
    private Path traceFile;
    private boolean retainTrace;
    private boolean recordTrace = true;
    private int workloadPercent = 100;
    private GuestErrorPolicy guestErrors = GuestErrorPolicy.STRICT;
    private Map<String, Object> origin = Collections.emptyMap();
    private ContractMode contractMode = ContractMode.ENFORCE;

    private Builder(Topology topology) {
      this.topology = Objects.requireNonNull(topology, "topology");
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * The workload; {@code factory} makes a fresh one for every run, before the run's first event.
     * A run of the same {@code Simulation} again (a failing seed's replay, shrinking) must be the
     * same run, so state the workload shares with checks (a list of answers) is reset here.
     */
    public Builder workload(Supplier<? extends Workload> factory) {
      workload = Objects.requireNonNull(factory, "workload factory");
      return this;
    }

    /** A safety check evaluated after every event (or every {@link #alwaysEvery} events). */
    public Builder always(String name, Predicate<World> holds) {
      always.add(new World.NamedCheck(name, holds));
      return this;
    }

    /** Evaluate {@code always} checks after every {@code events} events instead of every one. */
    public Builder alwaysEvery(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("alwaysEvery must be at least 1, was " + events);
      }
      alwaysEveryEvents = events;
      return this;
    }

    /** A liveness check: must hold within the liveness budget once faults are healed. */
    public Builder eventually(String name, Predicate<World> holds) {
      eventually.add(new World.NamedCheck(name, holds));
      return this;
    }

    /**
     * Fault hooks on the network; {@code factory} makes fresh ones for every run from the run's
     * {@link FaultContext}.
     */
    public Builder networkHooks(Function<FaultContext, ? extends NetworkHooks> factory) {
      networkHooks = Objects.requireNonNull(factory, "network hooks factory");
      return this;
    }

    /** Fault hooks on durable-object storage; fresh ones for every run. */
    public Builder storageHooks(Function<FaultContext, ? extends StorageHooks> factory) {
      storageHooks = Objects.requireNonNull(factory, "storage hooks factory");
      return this;
    }

    /**
     * One fault injector for every family (network, storage, clock, buggify), made fresh for every
     * run; it replaces {@link #networkHooks} and {@link #storageHooks}. The faults module's {@code
     * FaultPlan} provides one.
     */
    public Builder faults(Function<FaultContext, ? extends FaultHooks> factory) {
      faults = Objects.requireNonNull(factory, "faults factory");
      faultOptions = Collections.emptyMap();
      return this;
    }

    /** Virtual length of the safety phase. */
    public Builder safetyPhase(Duration length) {
      safetyNanos = length.toNanos();
      return this;
    }

    /** Virtual time the liveness phase has to make every {@code eventually} check hold. */
    public Builder livenessBudget(Duration budget) {
      livenessBudgetNanos = budget.toNanos();
      return this;
    }

    public Builder budgets(Budgets value) {
      budgets = Objects.requireNonNull(value, "budgets");
      return this;
    }

    /** Explore other legal orders of events that share a virtual time (seeded). */
    public Builder shuffleSameTimeEvents(boolean value) {
      shuffleSameTimeEvents = value;
      return this;
    }

    /** Write the trace to this file (JSON Lines); by default the trace is only hashed. */
    public Builder traceFile(Path file) {
      traceFile = file;
      return this;
    }

    /**
     * Whether to record the trace at all (default true). Without it a run has no trace hash, no
     * recent events for reports and no replay: only for measuring what tracing costs.
     */
    public Builder recordTrace(boolean value) {
      recordTrace = value;
      return this;
    }

    /**
     * Accepts every guest error of {@code kind} instead of failing the seed (by default any of them
     * fails it: see {@link GuestErrorKind}). The error is still in the trace.
     */
    public Builder tolerate(GuestErrorKind kind) {
      guestErrors =
          guestErrors.with(
              new GuestErrorPolicy.Toleration(Objects.requireNonNull(kind, "kind"), null));
      return this;
    }

    /**
     * Accepts the guest errors of {@code kind} whose text (as the trace's {@code guest.error} has
     * it, or the request for {@link GuestErrorKind#UNANSWERED_REQUEST}) contains a match of the
     * regular expression {@code pattern}.
     */
    public Builder tolerate(GuestErrorKind kind, String pattern) {
      guestErrors =
          guestErrors.with(
              new GuestErrorPolicy.Toleration(
                  Objects.requireNonNull(kind, "kind"),
                  java.util.regex.Pattern.compile(Objects.requireNonNull(pattern, "pattern"))));
      return this;
    }

    /**
     * Records where this simulation came from in the trace header ({@code options.origin}, keys in
     * sorted order): the command line puts the topology file and the fault plan it was asked for
     * there, so a trace says what to replay. Unset or empty, the header has no such key.
     */
    public Builder origin(Map<String, Object> value) {
      origin = Collections.unmodifiableMap(new TreeMap<>(value));
      return this;
    }

    /**
     * What a message that breaks a service's contract ({@link ServiceSpec#withContract}) does:
     * {@link ContractMode#ENFORCE} (the default) fails the run, {@link ContractMode#REPORT} records
     * and counts it, {@link ContractMode#OFF} checks nothing.
     */
    public Builder contracts(ContractMode mode) {
      contractMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Simulation build() {
      return new Simulation(this);
    }
  }
}
