package dev.w9y.core;

import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.trace.TraceWriter;
import dev.w9y.scheduler.Budgets;
import dev.w9y.scheduler.Scheduler;
import dev.w9y.scheduler.SchedulerConfig;
import dev.w9y.scheduler.SimulationFailure;
import dev.w9y.scheduler.StopReason;
import dev.w9y.scheduler.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
  private final long safetyNanos;
  private final long livenessBudgetNanos;
  private final Budgets budgets;
  private final boolean shuffleSameTimeEvents;
  private final Path traceFile;
  private final boolean retainTrace;

  private Simulation(Builder builder) {
    this.seed = builder.seed;
    this.topology = builder.topology;
    this.workload = builder.workload;
    this.always = List.copyOf(builder.always);
    this.eventually = List.copyOf(builder.eventually);
    this.alwaysEveryEvents = builder.alwaysEveryEvents;
    this.networkHooks = builder.networkHooks;
    this.safetyNanos = builder.safetyNanos;
    this.livenessBudgetNanos = builder.livenessBudgetNanos;
    this.budgets = builder.budgets;
    this.shuffleSameTimeEvents = builder.shuffleSameTimeEvents;
    this.traceFile = builder.traceFile;
    this.retainTrace = builder.retainTrace;
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
    Map<String, Object> scheduler = new LinkedHashMap<>(schedulerConfig().describe());
    scheduler.remove("seed");
    options.put("scheduler", scheduler);
    options.put("safetyNs", safetyNanos);
    options.put("livenessBudgetNs", livenessBudgetNanos);
    options.put("alwaysEveryEvents", (long) alwaysEveryEvents);
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
      service.put("vars", spec.vars());
      service.put("crons", spec.crons());
      service.put("instances", (long) spec.instances());
      services.add(service);
    }
    options.put("services", services);
    return options;
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
    Scheduler scheduler = Scheduler.create(schedulerConfig());
    TraceWriter trace =
        traceFile == null
            ? TraceWriter.inMemory(retainTrace)
            : TraceWriter.toFile(traceFile, retainTrace);
    try {
      trace.header(seed, Version.W9Y, options());
      World world = new World(scheduler, topology, trace, always, alwaysEveryEvents);
      NetworkHooks hooks = networkHooks.apply(world.faultContext());
      world.installNetworkHooks(hooks);
      SimulationFailure failure = null;
      try {
        world.startServices();
        Workload clients = workload.get();
        world.schedule(
            0,
            World.WORKLOAD_ACTOR,
            "workload.start",
            World.details(),
            () -> clients.start(world.workloadDriver()));
        world.schedule(safetyNanos, "simulation", "phase.safety-end", World.details(), () -> {});
        scheduler.runFor(safetyNanos);
        if (!eventually.isEmpty()) {
          runLiveness(scheduler, world, hooks);
        }
      } catch (SimulationFailure thrown) {
        failure = thrown;
      }
      return finish(scheduler, world, trace, failure);
    } finally {
      trace.close();
    }
  }

  private void runLiveness(Scheduler scheduler, World world, NetworkHooks hooks) {
    world.schedule(
        0,
        "simulation",
        "phase.liveness",
        World.details("budgetNs", livenessBudgetNanos),
        () -> {
          hooks.heal();
          world.restartAllCrashed();
        });
    boolean[] deadline = {false};
    world.schedule(
        livenessBudgetNanos,
        "simulation",
        "phase.liveness-deadline",
        World.details(),
        () -> deadline[0] = true);
    StopReason reason = scheduler.runUntil(() -> deadline[0] || allHold(world));
    if (allHold(world)) {
      // Recorded between events (event index -1): the run stops right after the event that
      // converged.
      world.record("simulation", "phase.converged", World.details());
      return;
    }
    List<String> unmet = new ArrayList<>();
    for (World.NamedCheck check : eventually) {
      if (!check.predicate().test(world)) {
        unmet.add(check.name());
      }
    }
    String why =
        reason == StopReason.QUIESCENT
            ? "the system went idle before it held"
            : "did not hold within the liveness budget of "
                + VirtualTime.format(livenessBudgetNanos);
    throw world.failCheck("eventually", String.join(", ", unmet), why);
  }

  private boolean allHold(World world) {
    for (World.NamedCheck check : eventually) {
      if (!check.predicate().test(world)) {
        return false;
      }
    }
    return true;
  }

  private SimulationResult finish(
      Scheduler scheduler, World world, TraceWriter trace, SimulationFailure failure) {
    Map<String, Object> footer = new TreeMap<>();
    footer.put("status", failure == null ? "passed" : "failed");
    if (failure != null) {
      Map<String, Object> failed = new TreeMap<>();
      failed.put("type", failure.getClass().getSimpleName());
      failed.put("message", failure.getMessage());
      failed.put("eventIndex", failure.eventIndex());
      failed.put("t", failure.virtualTimeNanos());
      footer.put("failure", failed);
    }
    footer.put("events", scheduler.dispatchedCount());
    footer.put("t", scheduler.nowNanos());
    footer.put("sometimes", new TreeMap<>(world.sometimesCounts()));
    Map<String, Object> draws = new TreeMap<>();
    scheduler.randomStreams().forEach((name, stream) -> draws.put(name, stream.drawCount()));
    footer.put("randomDraws", draws);
    String hash = trace.finish(footer);
    return new SimulationResult(
        seed,
        Optional.ofNullable(failure),
        hash,
        scheduler.dispatchedCount(),
        trace.recordCount(),
        trace.byteCount(),
        scheduler.nowNanos(),
        new TreeMap<>(world.sometimesCounts()),
        trace.file(),
        trace.recentLines(),
        retainTrace ? trace.allLines() : List.of());
  }

  private Builder toBuilder() {
    Builder copy = new Builder(topology);
    copy.seed = seed;
    copy.workload = workload;
    copy.always.addAll(always);
    copy.eventually.addAll(eventually);
    copy.alwaysEveryEvents = alwaysEveryEvents;
    copy.networkHooks = networkHooks;
    copy.safetyNanos = safetyNanos;
    copy.livenessBudgetNanos = livenessBudgetNanos;
    copy.budgets = budgets;
    copy.shuffleSameTimeEvents = shuffleSameTimeEvents;
    copy.traceFile = traceFile;
    copy.retainTrace = retainTrace;
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
    private long safetyNanos = Duration.ofMinutes(1).toNanos();
    private long livenessBudgetNanos = Duration.ofMinutes(1).toNanos();
    private Budgets budgets = Budgets.DEFAULT;
    private boolean shuffleSameTimeEvents;
    private Path traceFile;
    private boolean retainTrace;

    private Builder(Topology topology) {
      this.topology = Objects.requireNonNull(topology, "topology");
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** The workload; {@code factory} makes a fresh one for every run. */
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

    public Simulation build() {
      return new Simulation(this);
    }
  }
}
