package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.clock.ClockHooks;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.cron.CronSchedule;
import dev.w9y.core.guest.DurableObjectId;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.TimerHandle;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.network.RequestFate;
import dev.w9y.core.network.ResponseFate;
import dev.w9y.core.storage.StorageHooks;
import dev.w9y.core.trace.TraceRecord;
import dev.w9y.core.trace.TraceWriter;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.ScheduledEvent;
import dev.w9y.scheduler.Scheduler;
import dev.w9y.scheduler.SimulationFailure;
import dev.w9y.scheduler.W9yException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The running simulated world: services and their instances, the network between them, timers, the
 * trace and the checks, all driven by one {@link Scheduler}. Every effect is a scheduler event
 * whose first act is to write its trace record, so the trace is the run.
 *
 * <p>Created and run by {@link Simulation}; checks and workloads read it.
 */
public final class World {
  /** Bodies up to this size are written into the trace as text; larger ones as size and hash. */
  static final int INLINE_BODY_BYTES = 256;

  static final String WORKLOAD_ACTOR = "workload";

  private final Scheduler scheduler;
  private final Topology topology;
  private final TraceWriter trace;
  private NetworkHooks hooks = NetworkHooks.NONE;
  private StorageHooks storageHooks = StorageHooks.NONE;
  private ClockHooks clockHooks = ClockHooks.NONE;
  private BuggifyHooks buggifyHooks = BuggifyHooks.NONE;
  private final RandomStream latencyRandom;
  private final RandomStream routingRandom;
  private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
  private final Map<String, ServiceRuntime> servicesByHost = new LinkedHashMap<>();
  private final WebSocketNetwork webSockets = new WebSocketNetwork(this);
  private final PlatformServices platform = new PlatformServices(this);
  private final List<NamedCheck> alwaysChecks;
  private final int alwaysEveryEvents;
  private final GuestErrorPolicy guestErrors;
  private final ContractChecks contracts;

  /** Requests the workload sent and has no answer for yet, by message id: id to "METHOD url". */
  private final Map<String, String> openWorkloadRequests = new LinkedHashMap<>();

  private final Map<String, Long> sometimes = new TreeMap<>();

  // Contract-driven workloads (ContractWorkload): the exchanges they sent, which of their answers
  // an injected fault replaced, and each operation's statuses seen (0: declared, never answered).
  private final java.util.Set<String> contractExchanges = new java.util.LinkedHashSet<>();
  private final java.util.Set<String> injectedAnswers = new java.util.LinkedHashSet<>();
  private final Map<String, Map<String, Long>> contractCoverage = new TreeMap<>();
  private long faultsInjected;
  private Invocation currentInvocation;
  private boolean workloadSized;
  private Predicate<World> breakpoint;
  private Predicate<String> breakpointKinds;
  private boolean breakpointKindSeen;
  private long nextRecordIndex;
  private long nextMessageId;
  private long eventsSinceAlwaysCheck;
  private SimulationFailure pendingFailure;
  private RunObserver observer;

  World(
      Scheduler scheduler,
      Topology topology,
      TraceWriter trace,
      List<NamedCheck> alwaysChecks,
      int alwaysEveryEvents,
      GuestErrorPolicy guestErrors,
      ContractMode contractMode) {
    this.scheduler = scheduler;
    this.guestErrors = guestErrors;
    this.topology = topology;
    this.trace = trace;
    this.latencyRandom = scheduler.random("network/latency");
    this.routingRandom = scheduler.random("network/routing");
    this.alwaysChecks = List.copyOf(alwaysChecks);
    this.alwaysEveryEvents = alwaysEveryEvents;
    this.contracts = new ContractChecks(this, topology, contractMode);
    for (ServiceSpec spec : topology.services()) {
      ServiceCode code;
      try {
        code = spec.code().load(spec.name());
      } catch (RuntimeException e) {
        // Not thrown here: the service fails to start at boot, like code whose entry throws, so
        // every kind of guest fails a seed the same way, with the trace so far and the seed.
        code =
            ServiceCode.failing(
                new GuestException(
                    "service '"
                        + spec.name()
                        + "' ("
                        + spec.code().describe()
                        + "): "
                        + e.getMessage(),
                    e));
      }
      ServiceRuntime runtime = new ServiceRuntime(this, spec, code);
      services.put(spec.name(), runtime);
      for (String host : spec.hostnames()) {
        servicesByHost.put(host, runtime);
      }
    }
  }

  /** A check over the world, named. */
  record NamedCheck(String name, Predicate<World> predicate) {}

  // ---------------------------------------------------------------- reading the world

  public long seed() {
    return scheduler.seed();
  }

  /** Virtual nanoseconds since the start of the run. */
  public long nowNanos() {
    return scheduler.nowNanos();
  }

  public Topology topology() {
    return topology;
  }

  /**
   * How many times each {@code sometimes} check has fired so far, by name (0: reached, never true).
   */
  public Map<String, Long> sometimesCounts() {
    return Collections.unmodifiableMap(sometimes);
  }

  /**
   * The live guest object of a plain-Java service instance, for checks that read service state.
   *
   * @throws IllegalArgumentException if the service is unknown, not plain Java, or crashed
   */
  public <T> T javaService(String service, int instance, Class<T> type) {
    return runtime(service).instance(instance).javaService(type);
  }

  /** Shorthand for instance 0. */
  public <T> T javaService(String service, Class<T> type) {
    return javaService(service, 0, type);
  }

  /** Whether an instance is running (not crashed). */
  public boolean isRunning(String service, int instance) {
    return runtime(service).instance(instance).isAlive();
  }

  // ---------------------------------------------------------------- process control (faults)

  /** Crashes an instance: memory lost, in-flight requests fail for their callers. */
  public void crash(String service, int instance, String reason) {
    runtime(service).instance(instance).crash(reason);
  }

  /** Starts a crashed instance again with fresh memory. */
  public void restart(String service, int instance) {
    runtime(service).instance(instance).start("restart");
  }

  /** Restarts every crashed instance (the liveness phase's healing). */
  void restartAllCrashed() {
    for (ServiceRuntime runtime : services.values()) {
      for (ServiceRuntime.Instance instance : runtime.instances()) {
        if (!instance.isAlive()) {
          instance.start("heal");
        }
      }
    }
  }

  /**
   * The run has ended (or was abandoned): every live guest frees what it holds outside the JVM's
   * garbage collector, so a JVM can run seed after seed for hours. The world stays readable (plain
   * Java guests, storage, counts); guest code can no longer run.
   */
  void releaseGuests() {
    for (ServiceRuntime runtime : services.values()) {
      runtime.releaseGuests();
    }
    platform.release();
  }

  ServiceRuntime runtime(String service) {
    ServiceRuntime runtime = services.get(service);
    if (runtime == null) {
      throw new IllegalArgumentException("no service named '" + service + "'");
    }
    return runtime;
  }

  Map<String, ServiceRuntime> services() {
    return services;
  }

  // ---------------------------------------------------------------- events and the trace

  /**
   * Schedules an event that, when it runs, first records {@code kind} by {@code actor} with {@code
   * details} in the trace, then runs {@code action}, then the {@code always} checks.
   */
  ScheduledEvent schedule(
      long delayNanos, String actor, String kind, Map<String, Object> details, Runnable action) {
    Runnable carried = carryingInvocation(action);
    return scheduler.scheduleAfter(
        delayNanos,
        kind + " " + actor,
        () -> {
          record(actor, kind, details);
          carried.run();
          afterEvent();
        });
  }

  /**
   * The guest invocation whose work is running, or null outside any (the workload, the world's own
   * events).
   */
  Invocation currentInvocation() {
    return currentInvocation;
  }

  /** Runs {@code work} as part of {@code invocation} (null: of none). */
  <T> T within(Invocation invocation, java.util.function.Supplier<T> work) {
    Invocation before = currentInvocation;
    currentInvocation = invocation;
    try {
      return work.get();
    } finally {
      currentInvocation = before;
    }
  }

  /** {@code action} to run later as part of the invocation running now. */
  Runnable carryingInvocation(Runnable action) {
    Invocation captured = currentInvocation;
    if (captured == null) {
      return action;
    }
    return () ->
        within(
            captured,
            () -> {
              action.run();
              return null;
            });
  }

  /** Writes one trace record for the current event. */
  void record(String actor, String kind, Map<String, Object> details) {
    record(
        actor,
        kind,
        details,
        observer == null || currentInvocation == null ? null : currentInvocation.cause());
  }

  /** Writes one trace record, telling an observer which request's handling caused it. */
  private void record(String actor, String kind, Map<String, Object> details, String cause) {
    if (!trace.isEnabled()) {
      trace.record(null);
      nextRecordIndex++;
      return;
    }
    long eventIndex = scheduler.isDispatching() ? scheduler.dispatchedCount() - 1 : -1;
    TraceRecord written =
        new TraceRecord(nextRecordIndex++, eventIndex, scheduler.nowNanos(), actor, kind, details);
    trace.record(written);
    if (observer != null) {
      observer.recorded(written, cause);
    }
    if (breakpointKinds != null && eventIndex >= 0 && breakpointKinds.test(kind)) {
      breakpointKindSeen = true;
    }
  }

  /** Installs the run's one observer (see {@link SimulationRun#observe}). */
  void observe(RunObserver runObserver) {
    if (observer != null) {
      throw new IllegalStateException("this run already has an observer");
    }
    observer = runObserver;
  }

  /**
   * Pauses the run after the first event (whose checks passed) after which {@code condition} holds,
   * or that wrote a record whose kind {@code kinds} accepts; null for either clears it.
   */
  void breakAt(Predicate<World> condition, Predicate<String> kinds) {
    breakpoint = condition;
    breakpointKinds = kinds;
    breakpointKindSeen = false;
  }

  private void afterEvent() {
    if (pendingFailure != null) {
      throw pendingFailure;
    }
    if (!alwaysChecks.isEmpty() && ++eventsSinceAlwaysCheck >= alwaysEveryEvents) {
      eventsSinceAlwaysCheck = 0;
      for (NamedCheck check : alwaysChecks) {
        boolean holds;
        try {
          holds = check.predicate().test(this);
        } catch (RuntimeException e) {
          throw failCheck("always", check.name(), "the check threw " + e);
        }
        if (!holds) {
          throw failCheck("always", check.name(), "violated");
        }
      }
    }
    if (breakpointKindSeen || (breakpoint != null && breakpoint.test(this))) {
      breakpointKindSeen = false;
      scheduler.pause();
    }
  }

  /**
   * Records a failed check and returns the failure to throw; it stands even if a guest catches it.
   */
  CheckFailed failCheck(String type, String name, String detail) {
    record("checks", "check.failed", details("check", name, "type", type, "detail", detail));
    String label = scheduler.currentEvent().map(ScheduledEvent::label).orElse("<no event>");
    long eventIndex = scheduler.currentEvent().isPresent() ? scheduler.dispatchedCount() - 1 : -1;
    CheckFailed failure =
        new CheckFailed(scheduler.seed(), eventIndex, scheduler.nowNanos(), label, name, detail);
    if (pendingFailure == null) {
      pendingFailure = failure;
    }
    return failure;
  }

  /**
   * Fails the run on a contract violation (enforce mode) at the end of the current event, as a
   * failed {@code always} check does; the {@code contract.violation} record is already written.
   */
  void failContract(
      String service,
      String direction,
      String sender,
      String receiver,
      dev.w9y.core.contract.ContractViolation violation) {
    String label = scheduler.currentEvent().map(ScheduledEvent::label).orElse("<no event>");
    long eventIndex = scheduler.currentEvent().isPresent() ? scheduler.dispatchedCount() - 1 : -1;
    if (pendingFailure == null) {
      pendingFailure =
          new ContractViolated(
              scheduler.seed(),
              eventIndex,
              scheduler.nowNanos(),
              label,
              service,
              direction,
              sender,
              receiver,
              violation);
    }
  }

  ContractChecks contracts() {
    return contracts;
  }

  private final java.util.SortedMap<String, Boolean> guestEventually = new java.util.TreeMap<>();

  /** A guest's report of an {@code eventually} condition; traced when its truth changes. */
  void reportEventually(String actor, String name, boolean holds) {
    Boolean before = guestEventually.put(name, holds);
    if (before == null || before != holds) {
      record(actor, "check.eventually", details("check", name, "holds", holds));
    }
  }

  /** The guests' {@code eventually} conditions by name, as last reported. */
  java.util.SortedMap<String, Boolean> guestEventually() {
    return guestEventually;
  }

  /**
   * A {@code sometimes} check reached: counted when it happened, and known (with a count of 0) when
   * it did not, so a sweep can tell a check that never fired from one never reached.
   */
  void sometimes(String actor, String name, boolean happened) {
    Long before = sometimes.get(name);
    long count = before == null ? 0 : before;
    sometimes.put(name, happened ? count + 1 : count);
    if (happened && count == 0) {
      record(actor, "check.sometimes", details("check", name));
    }
  }

  Scheduler scheduler() {
    return scheduler;
  }

  RandomStream routingRandom() {
    return routingRandom;
  }

  TraceWriter trace() {
    return trace;
  }

  NetworkHooks hooks() {
    return hooks;
  }

  WebSocketNetwork webSockets() {
    return webSockets;
  }

  PlatformServices platform() {
    return platform;
  }

  /** One draw of the network's latency (the topology's distribution). */
  long sampleLatencyNanos() {
    return latencyRandom.sampleNanos(topology.latency());
  }

  void installNetworkHooks(NetworkHooks value) {
    hooks = value == null ? NetworkHooks.NONE : value;
  }

  /** The context fault injectors act through. */
  FaultContext faultContext() {
    World world = this;
    return new FaultContext() {
      @Override
      public RandomStream random(String name) {
        return scheduler.random("faults/" + name);
      }

      @Override
      public long nowNanos() {
        return scheduler.nowNanos();
      }

      @Override
      public World world() {
        return world;
      }

      @Override
      public void record(String kind, Map<String, Object> details) {
        if (kind.equals("fault.injected")) {
          faultsInjected++;
        }
        world.record("faults", kind, details);
      }

      @Override
      public void schedule(
          long delayNanos, String kind, Map<String, Object> details, Runnable action) {
        world.schedule(delayNanos, "faults", kind, details, action);
      }
    };
  }

  long epochMillis() {
    return topology.epochMillis() + scheduler.nowNanos() / 1_000_000L;
  }

  /**
   * Calls into guest code that returns a promise: a throw (exceptions, assertion errors, stack
   * overflows) or a null becomes a rejected promise, so every guest failure takes one path.
   */
  static <T> Promise<T> callGuest(String what, java.util.function.Supplier<Promise<T>> call) {
    try {
      Promise<T> promise = call.get();
      return promise != null
          ? promise
          : Promise.rejected(new GuestException(what + " returned null instead of a promise"));
    } catch (RuntimeException | Error thrown) {
      return Promise.rejected(thrown);
    }
  }

  /**
   * Records a guest's failure to answer a request and returns the 500 the caller gets instead. The
   * error is uncaught when the caller is the workload: no guest code is left to handle it.
   */
  Response guestErrorResponse(String actor, Endpoint caller, String id, Throwable error) {
    String text = error == null ? "handler resolved to null" : describeError(error);
    record(actor, "guest.error", details("id", id, "error", text));
    if (caller == workloadEndpoint) {
      guestErrorEscaped(actor, GuestErrorKind.UNCAUGHT_EXCEPTION, text);
    }
    return Response.text(500, "Internal Server Error");
  }

  /**
   * A guest error no guest code can handle any more (already in the trace): it fails the run at the
   * end of the current event, unless the simulation tolerates it. Only the first failure counts.
   */
  void guestErrorEscaped(String actor, GuestErrorKind kind, String error) {
    if (pendingFailure != null || guestErrors.tolerates(kind, error)) {
      return;
    }
    pendingFailure = guestFailure(actor, kind, error);
  }

  UncaughtGuestError guestFailure(String actor, GuestErrorKind kind, String error) {
    String label = scheduler.currentEvent().map(ScheduledEvent::label).orElse("<no event>");
    long eventIndex = scheduler.currentEvent().isPresent() ? scheduler.dispatchedCount() - 1 : -1;
    return new UncaughtGuestError(
        scheduler.seed(), eventIndex, scheduler.nowNanos(), label, kind, actor, error);
  }

  boolean tolerates(GuestErrorKind kind, String error) {
    return guestErrors.tolerates(kind, error);
  }

  /** Whether the workload sized itself ({@link WorkloadDriver#scaled}) in this run. */
  boolean workloadSized() {
    return workloadSized;
  }

  /** A workload action to run once the faults are healed ({@link WorkloadDriver#afterHealed}). */
  private record HealedAction(long settleNanos, Runnable action) {}

  private final List<HealedAction> healedActions = new ArrayList<>();
  private final java.util.Set<String> healedRequests = new java.util.LinkedHashSet<>();
  private int healedActionsPending;
  private boolean healed;
  private boolean inHealedAction;

  /** Whether the workload registered actions for after healing (the run needs a liveness phase). */
  boolean hasHealedActions() {
    return !healedActions.isEmpty();
  }

  /**
   * The faults are healed: the workload's after-healing actions are scheduled after their settle.
   */
  void faultsHealed() {
    healed = true;
    scheduleHealedActions();
  }

  private void scheduleHealedActions() {
    for (HealedAction healedAction : healedActions) {
      healedActionsPending++;
      schedule(
          healedAction.settleNanos(),
          WORKLOAD_ACTOR,
          "workload.after-healed",
          details("settleNs", healedAction.settleNanos()),
          () -> {
            healedActionsPending--;
            inHealedAction = true;
            try {
              healedAction.action().run();
            } finally {
              inHealedAction = false;
            }
          });
    }
    healedActions.clear();
  }

  /**
   * Whether after-healing actions are still to run, or requests they sent are still unanswered: the
   * liveness phase waits for them.
   */
  boolean awaitsHealedWork() {
    if (!healedActions.isEmpty() || healedActionsPending > 0) {
      return true;
    }
    for (String id : healedRequests) {
      if (openWorkloadRequests.containsKey(id)) {
        return true;
      }
    }
    return false;
  }

  /** Requests sent by after-healing actions (the liveness phase waits for their answers). */
  java.util.Set<String> healedRequests() {
    return java.util.Collections.unmodifiableSet(healedRequests);
  }

  /** The workload's requests still without an answer, oldest first: id to "METHOD url". */
  Map<String, String> openWorkloadRequests() {
    return Collections.unmodifiableMap(openWorkloadRequests);
  }

  /**
   * The error's class and message, with its causes: never a stack trace, whose JDK frames differ
   * between JDK versions and would make the same run's trace differ.
   */
  /**
   * An error as a trace record or failure report shows it. W9Y's own errors read as the guest's
   * words ({@code fetch handler: TypeError: ... (at index.js:1:28)}): the record names the actor,
   * so the service is not named again, and a Java class name would only mislead a JavaScript
   * author. Other exceptions (a Java guest's) keep their class name, which is what they say.
   */
  static String describeError(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && text.length() < 2_000; t = t.getCause()) {
      if (t != error) {
        text.append(" <- caused by ");
      }
      if (t instanceof GuestException guest) {
        text.append(guest.detail());
      } else if (t instanceof W9yException) {
        text.append(t.getMessage());
      } else {
        text.append(t.getClass().getName()).append(": ").append(t.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- durable objects

  StorageHooks storageHooks() {
    return storageHooks;
  }

  void installClockHooks(ClockHooks value) {
    clockHooks = value == null ? ClockHooks.NONE : value;
  }

  void installBuggifyHooks(BuggifyHooks value) {
    buggifyHooks = value == null ? BuggifyHooks.NONE : value;
  }

  /** The monotonic clock {@code service}'s guests read (performance.now), through clock faults. */
  long guestNanos(String service) {
    return clockHooks.monotonicNanos(service, scheduler.nowNanos());
  }

  /** The wall clock {@code service}'s guests read (Date.now), through clock faults. */
  long guestEpochMillis(String service) {
    return clockHooks.epochMillis(service, epochMillis(), scheduler.nowNanos());
  }

  /** A BUGGIFY site reached by {@code actor}: recorded when it fires. */
  boolean buggify(String actor, String site) {
    boolean fires = buggifyHooks.fire(actor, site);
    if (fires) {
      record(actor, "buggify.fired", details("site", site));
    }
    return fires;
  }

  void installStorageHooks(StorageHooks value) {
    storageHooks = value == null ? StorageHooks.NONE : value;
  }

  private ObjectRuntime object(String service, String binding, String name) {
    NamespaceRuntime namespace = runtime(service).namespace(binding);
    if (namespace == null) {
      throw new IllegalArgumentException(
          "service '" + service + "' has no durable-object namespace " + binding);
    }
    return namespace.object(namespace.idFromName(name));
  }

  /** A durable object that has been addressed in this run. */
  public record ObjectRef(String service, String binding, String idHex, boolean running) {}

  /** Every durable object addressed so far, in the order first addressed. */
  public List<ObjectRef> objects() {
    List<ObjectRef> refs = new ArrayList<>();
    for (ServiceRuntime runtime : services.values()) {
      for (NamespaceRuntime namespace : runtime.namespaces().values()) {
        for (ObjectRuntime object : namespace.objects().values()) {
          refs.add(
              new ObjectRef(
                  runtime.name(), namespace.binding(), object.idHex(), object.isRunning()));
        }
      }
    }
    return refs;
  }

  /** Crashes the object {@code ref} (memory and writes not yet durable lost, storage kept). */
  public void crashObject(ObjectRef ref, String reason) {
    objectAt(ref).reset(reason, "object.crashed");
  }

  /**
   * Evicts the idle object {@code ref}: its memory goes as in a crash (traced the same way), but
   * WebSockets it accepted for hibernation stay open, and the next message re-creates it.
   */
  public void evictObject(ObjectRef ref, String reason) {
    NamespaceRuntime namespace = runtime(ref.service()).namespace(ref.binding());
    namespace.object(new DurableObjectId(ref.idHex(), null)).reset(reason, "object.crashed", true);
  }

  /**
   * Whether the object has requests in flight (an idle one can be evicted without callers
   * noticing).
   */
  public boolean isObjectIdle(ObjectRef ref) {
    return objectAt(ref).isIdle();
  }

  /** The durable storage of the object {@code idFromName(name)}: what survives a crash. */
  public SortedMap<String, byte[]> durableStorage(String service, String binding, String name) {
    return object(service, binding, name).durableContents();
  }

  /*
   * Read-only views by ObjectRef, for a debugger's recorder: it sees an object through the actor
   * name its trace records carry and has no name to give idFromName.
   */

  /** The actor name the trace gives the object {@code ref} ({@code BINDING:idprefix}). */
  public String objectActor(ObjectRef ref) {
    return objectAt(ref).actor();
  }

  /** The durable storage of the object {@code ref}: what survives a crash. */
  public SortedMap<String, byte[]> durableStorage(ObjectRef ref) {
    return objectAt(ref).durableContents();
  }

  /** The durable alarm of the object {@code ref} in virtual ns, or null if none is set. */
  public Long durableAlarm(ObjectRef ref) {
    return objectAt(ref).durableAlarm();
  }

  private ObjectRuntime objectAt(ObjectRef ref) {
    return runtime(ref.service())
        .namespace(ref.binding())
        .object(new DurableObjectId(ref.idHex(), null));
  }

  /** Crashes a durable object: memory and writes not yet durable are lost, storage is kept. */
  public void crashObject(String service, String binding, String name, String reason) {
    object(service, binding, name).reset(reason, "object.crashed");
  }

  /** The live plain-Java object behind {@code idFromName(name)}, for checks. */
  public <T> T javaObject(String service, String binding, String name, Class<T> type) {
    ObjectRuntime object = object(service, binding, name);
    if (!object.isRunning()) {
      throw new IllegalArgumentException(
          object.actor() + " has no memory (not started, or crashed)");
    }
    return JavaGuest.objectOf(object.instance(), type, object.actor());
  }

  /** A detail map from alternating keys and values. */
  static Map<String, Object> details(Object... keysAndValues) {
    // Sorted from the start: the trace writes keys in order and then need not copy the map.
    Map<String, Object> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  // ---------------------------------------------------------------- the network

  /** The workload, outside the simulated network: no gates, never crashes. */
  final Endpoint workloadEndpoint =
      new Endpoint.Ungated() {
        @Override
        public String actor() {
          return WORKLOAD_ACTOR;
        }

        @Override
        public boolean isAlive() {
          return true;
        }

        @Override
        public int generation() {
          return 0;
        }
      };

  /**
   * Sends {@code request} from {@code caller} over the network to {@code boundTarget} (service
   * bindings, durable-object stubs), or else to the service owning the URL's host. The request
   * leaves through the caller's output gate.
   */
  Promise<Response> send(Endpoint caller, Request request, Destination boundTarget) {
    return send(caller, request, boundTarget, "m" + ++nextMessageId);
  }

  private Promise<Response> send(
      Endpoint caller, Request request, Destination boundTarget, String id) {
    Promise.Deferred<Response> reply = Promise.deferred();
    Invocation invocation = caller == workloadEndpoint ? null : currentInvocation;
    String refused = invocation == null ? null : invocation.admitSubrequest();
    if (refused != null) {
      record(
          caller.actor(),
          "fetch.refused",
          details("id", id, "url", request.url(), "reason", refused));
      return Promise.rejected(new GuestException(refused));
    }
    int depth = invocation == null ? 1 : invocation.depth() + 1;
    if (caller == workloadEndpoint) {
      if (inHealedAction) {
        healedRequests.add(id);
      }
      openWorkloadRequests.put(id, request.method() + " " + request.url());
      reply.promise().whenComplete((response, error) -> openWorkloadRequests.remove(id));
    }
    // The request being handled when fetch was called: an output gate may transmit this one later,
    // inside another event, so the link to its cause is taken now (only an observer reads it).
    String cause = invocation == null ? null : invocation.cause();
    caller.emit(() -> transmit(caller, id, request, depth, boundTarget, reply, cause));
    return invocation == null ? reply.promise() : settledWithin(invocation, reply.promise());
  }

  /**
   * A promise that settles as {@code promise} does, running what waits on it as part of {@code
   * invocation}: the response to a fetch resumes the invocation that sent it, whichever event
   * delivers it.
   */
  private <T> Promise<T> settledWithin(Invocation invocation, Promise<T> promise) {
    Promise.Deferred<T> resumed = Promise.deferred();
    promise.whenComplete(
        (value, error) ->
            within(
                invocation, () -> error != null ? resumed.reject(error) : resumed.resolve(value)));
    return resumed.promise();
  }

  private void transmit(
      Endpoint caller,
      String id,
      Request request,
      int depth,
      Destination boundTarget,
      Promise.Deferred<Response> reply,
      String cause) {
    String from = caller.actor();
    Destination target =
        boundTarget != null ? boundTarget : servicesByHost.get(request.parsedUrl().host());
    Map<String, Object> sent = requestDetails(id, request);
    sent.put("to", target == null ? null : target.name());
    record(from, "request.sent", sent, cause);
    if (target == null) {
      failFetch(caller, id, request, reply, 0, "unknown host " + request.parsedUrl().host());
      return;
    }
    if (caller == workloadEndpoint && !target.isPublic()) {
      failFetch(caller, id, request, reply, 0, "service '" + target.name() + "' is not public");
      return;
    }
    Message message = new Message(id, from, target.name(), request, depth);
    RequestFate fate = hooks.onRequest(message);
    long latency = latencyRandom.sampleNanos(topology.latency());
    if (fate instanceof RequestFate.Deliver deliver) {
      deliver(caller, target, message, reply, latency + deliver.extraDelayNanos(), false);
    } else if (fate instanceof RequestFate.Duplicate duplicate) {
      record(
          from,
          "request.duplicated",
          details("id", id, "delayNs", duplicate.duplicateDelayNanos()));
      deliver(caller, target, message, reply, latency, false);
      deliver(caller, target, message, reply, latency + duplicate.duplicateDelayNanos(), true);
    } else if (fate instanceof RequestFate.TimeOut timeOut) {
      record(from, "request.timeout-armed", details("id", id, "afterNs", timeOut.afterNanos()));
      deliver(caller, target, message, reply, latency, false);
      failFetch(
          caller, id, request, reply, timeOut.afterNanos(), "timed out waiting for the response");
    } else if (fate instanceof RequestFate.Drop drop) {
      record(from, "request.dropped", details("id", id, "reason", drop.reason()));
      failFetch(
          caller,
          id,
          request,
          reply,
          topology.connectTimeoutNanos(),
          "timed out (" + drop.reason() + ")");
    } else if (fate instanceof RequestFate.Refuse refuse) {
      record(from, "request.refused", details("id", id, "reason", refuse.reason()));
      failFetch(caller, id, request, reply, latency, refuse.reason());
    }
  }

  private void deliver(
      Endpoint caller,
      Destination target,
      Message message,
      Promise.Deferred<Response> reply,
      long delayNanos,
      boolean duplicate) {
    schedule(
        delayNanos,
        target.name(),
        "request.delivered",
        details("id", message.id(), "duplicate", duplicate),
        () -> {
          if (!duplicate) {
            contracts.requestDelivered(message);
          }
          target.accept(message, caller, reply);
        });
  }

  /** A network-level refusal of a delivered request (no running instance, for example). */
  void refuse(Endpoint caller, Message message, Promise.Deferred<Response> reply, String reason) {
    failFetch(
        caller,
        message.id(),
        message.request(),
        reply,
        latencyRandom.sampleNanos(topology.latency()),
        reason);
  }

  /**
   * Sends the response {@code server} produced back to the caller, through the server's output gate
   * and the fault hooks.
   */
  void respond(
      Endpoint server,
      Endpoint caller,
      Message message,
      Response response,
      Promise.Deferred<Response> reply) {
    server.emit(
        () -> {
          ResponseFate fate = hooks.onResponse(message, response);
          Map<String, Object> sent =
              details("id", message.id(), "status", (long) response.status());
          addHttpDetails(sent, response.headers(), response.body());
          record(server.actor(), "response.sent", sent);
          contracts.responseSent(message, server.actor(), response);
          long latency = latencyRandom.sampleNanos(topology.latency());
          if (fate instanceof ResponseFate.Deliver deliver) {
            deliverResponse(
                caller, message.id(), response, reply, latency + deliver.extraDelayNanos());
          } else {
            webSockets.abandon(response); // a 101 that never arrives: its connection is dead
            replaceOrLose(server, caller, message, fate, reply, latency);
          }
        });
  }

  /**
   * What the fault hooks made of an answer other than delivering it: a replacement response (a 5xx,
   * a 429) reaches the caller instead, or the answer is lost after the server acted.
   */
  private void replaceOrLose(
      Endpoint server,
      Endpoint caller,
      Message message,
      ResponseFate fate,
      Promise.Deferred<Response> reply,
      long latency) {
    if (fate instanceof ResponseFate.Replace replace) {
      // An injected error answers as the service's contract declares it, when it declares one.
      Response replacement = contracts.typedFault(message, replace.replacement());
      if (contractExchanges.contains(message.id())) {
        injectedAnswers.add(message.id());
      }
      Map<String, Object> replaced =
          details("id", message.id(), "status", (long) replacement.status());
      if (replacement != replace.replacement()) {
        replaced.put("typed", true);
      }
      record(server.actor(), "response.replaced", replaced);
      deliverResponse(caller, message.id(), replacement, reply, latency);
    } else if (fate instanceof ResponseFate.Lose lose) {
      record(server.actor(), "response.lost", details("id", message.id(), "reason", lose.reason()));
      failFetch(
          caller,
          message.id(),
          message.request(),
          reply,
          latency,
          "connection lost after the server acted (" + lose.reason() + ")");
    }
  }

  /**
   * Sends a Durable Object's exception back to its caller, whose fetch rejects with it (workerd
   * carries the error across, it is not a 500 response). It travels like a response: through the
   * server's output gate, with the network's latency, and the fault hooks decide its fate as for a
   * 500 (a replaced response arrives instead, a lost one fails the fetch).
   */
  void respondThrown(
      Endpoint server,
      Endpoint caller,
      Message message,
      dev.w9y.core.guest.RemoteError error,
      Promise.Deferred<Response> reply) {
    server.emit(
        () -> {
          Response asResponse = Response.text(500, "Internal Server Error");
          ResponseFate fate = hooks.onResponse(message, asResponse);
          record(
              server.actor(),
              "response.sent",
              details("id", message.id(), "thrown", error.getMessage()));
          long latency = latencyRandom.sampleNanos(topology.latency());
          if (fate instanceof ResponseFate.Deliver deliver) {
            deliver(
                caller,
                message.id(),
                details("id", message.id(), "thrown", error.getMessage()),
                deferred -> deferred.reject(error),
                reply,
                latency + deliver.extraDelayNanos(),
                () -> {});
          } else {
            replaceOrLose(server, caller, message, fate, reply, latency);
          }
        });
  }

  private void deliverResponse(
      Endpoint caller,
      String id,
      Response response,
      Promise.Deferred<Response> reply,
      long delayNanos) {
    deliver(
        caller,
        id,
        details("id", id, "status", (long) response.status()),
        deferred -> deferred.resolve(response),
        reply,
        delayNanos,
        () -> webSockets.abandon(response));
  }

  /** Settles the caller's reply after {@code delayNanos}, unless the caller crashed meanwhile. */
  private void deliver(
      Endpoint caller,
      String id,
      Map<String, Object> delivered,
      java.util.function.Predicate<Promise.Deferred<Response>> settle,
      Promise.Deferred<Response> reply,
      long delayNanos,
      Runnable discarded) {
    int generation = caller.generation();
    schedule(
        delayNanos,
        caller.actor(),
        "response.delivered",
        delivered,
        () -> {
          if (!caller.isAlive() || caller.generation() != generation) {
            record(
                caller.actor(),
                "response.discarded",
                details("id", id, "reason", "caller crashed"));
            discarded.run();
            return;
          }
          caller.deliver(
              () -> {
                if (!settle.test(reply)) {
                  discarded.run();
                  record(
                      caller.actor(),
                      "response.discarded",
                      details("id", id, "reason", "already answered"));
                }
              });
        });
  }

  /** Makes the caller's fetch fail after {@code delayNanos}, as a real failed fetch would. */
  void failFetch(
      Endpoint caller,
      String id,
      Request request,
      Promise.Deferred<Response> reply,
      long delayNanos,
      String reason) {
    int generation = caller.generation();
    schedule(
        delayNanos,
        caller.actor(),
        "fetch.failed",
        details("id", id, "reason", reason),
        () -> {
          if (caller.isAlive() && caller.generation() == generation) {
            caller.deliver(() -> reply.reject(new FetchFailed(request.url(), reason)));
          }
        });
  }

  private static Map<String, Object> requestDetails(String id, Request request) {
    Map<String, Object> details =
        details("id", id, "method", request.method(), "url", request.url());
    addHttpDetails(details, request.headers(), request.body());
    return details;
  }

  private static void addHttpDetails(Map<String, Object> details, Headers headers, Body body) {
    if (headers.size() > 0) {
      List<Object> lines = new ArrayList<>(headers.size());
      for (Headers.Entry entry : headers.entries()) {
        if (!entry.name().equals(dev.w9y.core.http.RequestCf.CARRIED)) { // see RequestCf
          lines.add(List.of(entry.name(), entry.value()));
        }
      }
      if (!lines.isEmpty()) {
        details.put("headers", lines);
      }
    }
    if (!body.isEmpty()) {
      Map<String, Object> described = new TreeMap<>();
      described.put("size", (long) body.size());
      if (body.size() <= INLINE_BODY_BYTES && body.strictText().isPresent()) {
        described.put("text", body.strictText().get());
      } else {
        described.put("sha256", body.sha256());
      }
      details.put("body", described);
    }
  }

  // ---------------------------------------------------------------- timers

  /**
   * A timer owned by {@code owner}: it fires through the owner's input gate, never after a crash.
   */
  TimerHandle setTimer(Endpoint owner, long delayNanos, Runnable callback) {
    String actor = owner.actor();
    long id = ++nextMessageId;
    int generation = owner.generation();
    record(actor, "timer.set", details("timer", id, "delayNs", delayNanos));
    ScheduledEvent event =
        schedule(
            delayNanos,
            actor,
            "timer.fired",
            details("timer", id),
            () -> {
              if (owner.isAlive() && owner.generation() == generation) {
                owner.deliver(callback);
              }
            });
    return () -> {
      boolean cancelled = event.cancel();
      if (cancelled) {
        record(actor, "timer.cleared", details("timer", id));
      }
      return cancelled;
    };
  }

  /**
   * Starts every instance of every service at virtual time 0, in topology order, in one event, so
   * that checks (which run after each event) never see a half-booted system.
   */
  void startServices() {
    schedule(
        0,
        "simulation",
        "boot",
        details(),
        () -> {
          for (ServiceRuntime runtime : services.values()) {
            for (ServiceRuntime.Instance instance : runtime.instances()) {
              instance.start("boot");
            }
          }
          for (ServiceRuntime runtime : services.values()) {
            for (String cron : runtime.spec().crons()) {
              scheduleCron(runtime, CronSchedule.parse(cron));
            }
          }
        });
  }

  /** Schedules the next firing of {@code cron}: virtual time follows the topology's epoch. */
  private void scheduleCron(ServiceRuntime runtime, CronSchedule cron) {
    long epochNanos = topology.epochMillis() * 1_000_000L;
    long next = cron.nextFireAfter(epochNanos + scheduler.nowNanos());
    schedule(
        next - epochNanos - scheduler.nowNanos(),
        runtime.name(),
        "cron.fired",
        details("cron", cron.expression()),
        () -> {
          ServiceRuntime.Instance instance = runtime.pickInstance(routingRandom);
          if (instance == null) {
            record(
                runtime.name(),
                "cron.skipped",
                details("cron", cron.expression(), "reason", "no running instance"));
          } else {
            instance.runScheduled(cron.expression(), next / 1_000_000L);
          }
          scheduleCron(runtime, cron);
        });
  }

  // ---------------------------------------------------------------- contract-driven workloads

  /** A request a contract-driven workload sent: its message id and its answer. */
  record ContractExchange(String id, Promise<Response> answer) {}

  /**
   * Sends {@code request} from the workload for a contract-driven workload. A near miss breaks the
   * receiver's contract on purpose: the world does not check that exchange (the workload judges its
   * answer itself, quoting the request).
   */
  ContractExchange sendContractRequest(Request request, boolean nearMiss) {
    String id = "m" + ++nextMessageId;
    contractExchanges.add(id);
    if (nearMiss) {
      contracts.exempt(id);
    }
    return new ContractExchange(id, send(workloadEndpoint, request, null, id));
  }

  /** Whether an injected fault, not the service, answered the contract exchange {@code id}. */
  boolean answerInjected(String id) {
    return injectedAnswers.contains(id);
  }

  /** How many faults the fault injector has injected so far in this run. */
  public long faultsInjected() {
    return faultsInjected;
  }

  /**
   * Counts one answer of status {@code outcome} to {@code subject} ({@code inventory: operation
   * POST /orders}), or, with {@code happened} false, makes a declared status known with a count of
   * 0, so a sweep can say which declared statuses never came.
   */
  void cover(String subject, String outcome, boolean happened) {
    contractCoverage
        .computeIfAbsent(subject, key -> new TreeMap<>())
        .merge(outcome, happened ? 1L : 0L, Long::sum);
  }

  /** Statuses answered by operation (see {@link #cover}). */
  Map<String, Map<String, Long>> contractCoverage() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    contractCoverage.forEach((subject, outcomes) -> copy.put(subject, new TreeMap<>(outcomes)));
    return copy;
  }

  /** A driver for the workload, acting from outside the network. */
  WorkloadDriver workloadDriver(int workloadPercent) {
    RandomStream random = scheduler.random("workload");
    World world = this;
    return new WorkloadDriver() {
      @Override
      public int scaled(int count) {
        workloadSized = true;
        return Math.max(1, (int) ((long) count * workloadPercent / 100));
      }

      @Override
      public Promise<Response> fetch(Request request) {
        return send(workloadEndpoint, request, null);
      }

      @Override
      public WorkloadSocket webSocket(Request request) {
        WorkloadSocket socket = new WorkloadSocket();
        Request upgrade =
            request.headers().has("upgrade") ? request : request.withHeader("upgrade", "websocket");
        send(workloadEndpoint, upgrade, null)
            .whenComplete(
                (response, error) -> {
                  if (error != null) {
                    socket.failed(describeError(error));
                  } else {
                    socket.connected(world, response);
                  }
                });
        return socket;
      }

      @Override
      public TimerHandle after(Duration delay, Runnable action) {
        return setTimer(workloadEndpoint, delay.toNanos(), action);
      }

      @Override
      public RandomStream random() {
        return random;
      }

      @Override
      public long nowNanos() {
        return scheduler.nowNanos();
      }

      @Override
      public void note(String text) {
        record(WORKLOAD_ACTOR, "workload.note", details("text", text));
      }

      @Override
      public void fail(String why) {
        failCheck("workload", WORKLOAD_ACTOR, why);
      }

      @Override
      public void afterHealed(Duration settle, Runnable action) {
        healedActions.add(new HealedAction(settle.toNanos(), action));
        if (healed) {
          scheduleHealedActions();
        }
      }

      @Override
      public World world() {
        return world;
      }
    };
  }
}
