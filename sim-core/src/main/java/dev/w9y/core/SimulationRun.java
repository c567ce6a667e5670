package dev.w9y.core;

import dev.w9y.core.clock.ClockHooks;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.storage.StorageHooks;
import dev.w9y.core.trace.TraceWriter;
import dev.w9y.scheduler.ScheduledEvent;
import dev.w9y.scheduler.Scheduler;
import dev.w9y.scheduler.SimulationFailure;
import dev.w9y.scheduler.StopReason;
import dev.w9y.scheduler.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One run of a {@link Simulation}, driven to its end or paused at any event: the basis of replay
 * and time travel. Because the run is a pure function of the simulation and its seed, running a
 * fresh copy to event {@code n} reproduces exactly the world the original had after event {@code
 * n}; a debugger jumps backwards by replaying to an earlier index.
 */
public final class SimulationRun implements AutoCloseable {
  private enum Phase {
    SAFETY,
    LIVENESS,
    DONE
  }

  private static final long NO_PAUSE = -1;

  private final Simulation simulation;
  private final Scheduler scheduler;
  private final TraceWriter trace;
  private final World world;
  private final NetworkHooks hooks;
  private final StorageHooks storageHooks;
  private final ClockHooks clockHooks;
  private final BuggifyHooks buggifyHooks;
  private Phase phase = Phase.SAFETY;
  private boolean phaseStarted;
  private boolean livenessDeadlinePassed;
  private long pauseAfterIndex = NO_PAUSE;
  private SimulationResult result;
  private boolean released;

  /**
   * The workload's requests open when the safety phase ended (ids): the liveness phase waits for
   * their answers. Later ones are not waited for: a workload that keeps sending would never leave
   * none open.
   */
  private java.util.Set<String> awaitedRequests = new java.util.LinkedHashSet<>();

  SimulationRun(Simulation simulation, RunObserver observer) {
    this.simulation = simulation;
    this.scheduler = Scheduler.create(simulation.schedulerConfigForRun());
    this.trace =
        !simulation.recordsTrace()
            ? TraceWriter.disabled()
            : simulation.traceFile() == null
                ? TraceWriter.inMemory(simulation.retainsTrace())
                : TraceWriter.toFile(simulation.traceFile(), simulation.retainsTrace());
    trace.header(simulation.seed(), Version.W9Y, simulation.options());
    this.world =
        new World(
            scheduler,
            simulation.topology(),
            trace,
            simulation.alwaysChecks(),
            simulation.alwaysEveryEvents(),
            simulation.guestErrors(),
            simulation.contractMode());
    if (observer != null) {
      // Before the fault injector and the boot: they write records too.
      world.observe(observer);
      scheduler.addDispatchListener(observer::eventStarting);
      scheduler.setQueueListener(
          new dev.w9y.scheduler.QueueListener() {
            @Override
            public void scheduled(ScheduledEvent event) {
              observer.scheduled(event);
            }

            @Override
            public void cancelled(ScheduledEvent event) {
              observer.cancelled(event);
            }
          });
    }
    FaultHooks faults;
    try {
      faults = simulation.newFaultHooks(world.faultContext());
    } catch (RuntimeException e) {
      // An injector refusing its plan (a scope naming no service) ends the run before it starts:
      // the trace file opened above is closed, not left behind.
      trace.close();
      throw e;
    }
    if (faults != null) {
      this.hooks = faults;
      this.storageHooks = faults;
      this.clockHooks = faults;
      this.buggifyHooks = faults;
    } else {
      this.hooks = simulation.newNetworkHooks(world.faultContext());
      this.storageHooks = simulation.newStorageHooks(world.faultContext());
      this.clockHooks = ClockHooks.NONE;
      this.buggifyHooks = BuggifyHooks.NONE;
    }
    world.installNetworkHooks(hooks);
    world.installStorageHooks(storageHooks);
    world.installClockHooks(clockHooks);
    world.installBuggifyHooks(buggifyHooks);
    scheduler.addDispatchListener(
        (index, event) -> {
          if (index == pauseAfterIndex) {
            scheduler.pause();
          }
        });
    world.startServices();
    Workload clients = simulation.newWorkload();
    world.schedule(
        0,
        World.WORKLOAD_ACTOR,
        "workload.start",
        World.details(),
        () -> clients.start(world.workloadDriver(simulation.workloadPercent())));
    world.schedule(
        simulation.safetyNanos(), "simulation", "phase.safety-end", World.details(), () -> {});
  }

  /** Runs to the end (or on from a pause) and returns the result. */
  public SimulationResult runToEnd() {
    pauseAfterIndex = NO_PAUSE;
    proceed();
    return result;
  }

  /**
   * Runs until event {@code eventIndex} has been dispatched, then pauses.
   *
   * @return true if paused there; false if the run ended first (see {@link #result()})
   */
  public boolean runTo(long eventIndex) {
    if (eventIndex < scheduler.dispatchedCount()) {
      throw new IllegalArgumentException(
          "event #"
              + eventIndex
              + " has already run (next is #"
              + scheduler.dispatchedCount()
              + "); replay a fresh run to go back in time");
    }
    pauseAfterIndex = eventIndex;
    proceed();
    return result == null;
  }

  /**
   * Runs until the first event after which {@code condition} holds (a breakpoint over the world:
   * storage, plain-Java state, counts), then pauses there with the world inspectable.
   *
   * @return true if paused there; false if the run ended first (see {@link #result()})
   */
  public boolean runUntil(Predicate<World> condition) {
    return runToBreakpoint(java.util.Objects.requireNonNull(condition, "condition"), null);
  }

  /**
   * Runs until the first event that writes a trace record of {@code kind} ({@code
   * "fault.injected"}, {@code "guest.error"}, {@code "object.crashed"}...), then pauses after it.
   *
   * @return true if paused there; false if the run ended first
   */
  public boolean runUntilRecorded(String kind) {
    java.util.Objects.requireNonNull(kind, "kind");
    return runToBreakpoint(null, kind::equals);
  }

  private boolean runToBreakpoint(Predicate<World> condition, Predicate<String> kinds) {
    pauseAfterIndex = NO_PAUSE;
    world.breakAt(condition, kinds);
    try {
      proceed();
    } finally {
      world.breakAt(null, null);
    }
    return result == null;
  }

  /** Runs exactly one more event; false if the run has ended. */
  public boolean step() {
    return result == null && runTo(scheduler.dispatchedCount());
  }

  /** Every pending event in the order it will run (handles: time, label, sequence). O(n log n). */
  public List<ScheduledEvent> pendingScheduled() {
    return scheduler.pendingEvents();
  }

  /** The world as it stands now, for inspection between events. */
  public World world() {
    return world;
  }

  /** How many events have run: the index of the next one. */
  public long dispatchedCount() {
    return scheduler.dispatchedCount();
  }

  public long nowNanos() {
    return scheduler.nowNanos();
  }

  /** The next pending events (at most {@code max}) as "time label", soonest first. */
  public List<String> pendingEvents(int max) {
    List<String> pending = new ArrayList<>();
    for (ScheduledEvent event : scheduler.pendingEvents()) {
      if (pending.size() == max) {
        break;
      }
      pending.add(VirtualTime.formatPrecise(event.timeNanos()) + " " + event.label());
    }
    return pending;
  }

  /** The latest trace lines. */
  public List<String> recentTrace() {
    return trace.recentLines();
  }

  public boolean isFinished() {
    return result != null;
  }

  /** The result, once the run has ended. */
  public Optional<SimulationResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Frees the guests of a run that has not finished (a run frees them itself when it ends) and
   * leaves an unfinished file trace as a readable {@code .partial} file. A closed run cannot go on.
   */
  @Override
  public void close() {
    releaseGuests();
    trace.close();
  }

  private void releaseGuests() {
    if (!released) {
      released = true;
      world.releaseGuests();
    }
  }

  private void proceed() {
    if (result != null) {
      return;
    }
    if (released) {
      throw new IllegalStateException("this run was closed before it ended; start a new one");
    }
    try {
      if (phase == Phase.SAFETY) {
        StopReason reason =
            phaseStarted ? scheduler.resume() : scheduler.runFor(simulation.safetyNanos());
        phaseStarted = true;
        if (reason == StopReason.PAUSED) {
          return;
        }
        awaitedRequests = new java.util.LinkedHashSet<>(unansweredRequests().keySet());
        phase =
            simulation.eventuallyChecks().isEmpty()
                    && world.guestEventually().isEmpty()
                    && awaitedRequests.isEmpty()
                    && !world.hasHealedActions()
                ? Phase.DONE
                : Phase.LIVENESS;
        phaseStarted = false;
      }
      if (phase == Phase.LIVENESS) {
        if (!phaseStarted) {
          beginLiveness();
        }
        StopReason reason =
            phaseStarted
                ? scheduler.resume()
                : scheduler.runUntil(() -> livenessDeadlinePassed || allEventuallyHold());
        phaseStarted = true;
        if (reason == StopReason.PAUSED) {
          return;
        }
        endLiveness(reason);
        phase = Phase.DONE;
      }
      finish(null);
    } catch (SimulationFailure failure) {
      phase = Phase.DONE;
      finish(failure);
    }
  }

  private void beginLiveness() {
    world.schedule(
        0,
        "simulation",
        "phase.liveness",
        World.details("budgetNs", simulation.livenessBudgetNanos()),
        () -> {
          healAll();
          world.restartAllCrashed();
          world.faultsHealed();
        });
    world.schedule(
        simulation.livenessBudgetNanos(),
        "simulation",
        "phase.liveness-deadline",
        World.details(),
        () -> livenessDeadlinePassed = true);
  }

  /** Heals each distinct hook object once (one fault injector usually implements them all). */
  private void healAll() {
    List<Object> healed = new ArrayList<>();
    for (Object hook : List.of(hooks, storageHooks, clockHooks, buggifyHooks)) {
      boolean seen = false;
      for (Object done : healed) {
        seen |= done == hook;
      }
      if (seen) {
        continue;
      }
      healed.add(hook);
      if (hook instanceof FaultHooks all) {
        all.heal();
      } else if (hook instanceof NetworkHooks network) {
        network.heal();
      } else if (hook instanceof StorageHooks storage) {
        storage.heal();
      } else if (hook instanceof ClockHooks clock) {
        clock.heal();
      } else if (hook instanceof BuggifyHooks buggify) {
        buggify.heal();
      }
    }
  }

  private void endLiveness(StopReason reason) {
    if (allEventuallyHold()) {
      // Recorded between events (event index -1): the run stops right after the event that
      // made the last check hold.
      world.record("simulation", "phase.converged", World.details());
      return;
    }
    List<String> unmet = new ArrayList<>();
    for (World.NamedCheck check : simulation.eventuallyChecks()) {
      if (!check.predicate().test(world)) {
        unmet.add(check.name());
      }
    }
    for (Map.Entry<String, Boolean> reported : world.guestEventually().entrySet()) {
      if (!reported.getValue()) {
        unmet.add(reported.getKey());
      }
    }
    String why =
        reason == StopReason.QUIESCENT
            ? "the system went idle before it held"
            : "did not hold within the liveness budget of "
                + VirtualTime.format(simulation.livenessBudgetNanos());
    if (!unmet.isEmpty()) {
      throw world.failCheck("eventually", String.join(", ", unmet), why);
    }
    Map<String, String> unanswered = unansweredRequests();
    if (unanswered.isEmpty()) {
      // Only the workload's after-healing actions are left: their settle time is longer than
      // the liveness budget, or the system went idle first (impossible while one is scheduled).
      throw world.failCheck(
          "eventually",
          "workload after healing",
          "an afterHealed action did not run within the liveness budget of "
              + VirtualTime.format(simulation.livenessBudgetNanos()));
    }
    List<String> listed = new ArrayList<>();
    for (Map.Entry<String, String> request : unanswered.entrySet()) {
      world.record(
          World.WORKLOAD_ACTOR,
          "request.unanswered",
          World.details("id", request.getKey(), "request", request.getValue()));
      listed.add(request.getKey() + " " + request.getValue());
    }
    throw world.guestFailure(
        World.WORKLOAD_ACTOR,
        GuestErrorKind.UNANSWERED_REQUEST,
        unanswered.size()
            + " request(s) sent in the safety phase without a response or a network error after"
            + " every fault was healed ("
            + (reason == StopReason.QUIESCENT
                ? "the system went idle"
                : "liveness budget " + VirtualTime.format(simulation.livenessBudgetNanos()))
            + "): "
            + String.join(", ", listed.subList(0, Math.min(5, listed.size())))
            + (listed.size() > 5 ? ", ..." : ""));
  }

  /**
   * The workload's requests still unanswered that the simulation does not tolerate (once the
   * liveness phase has begun, only those it waits for): a run waits for them and fails if they stay
   * unanswered (a hang a user cannot see otherwise).
   */
  private Map<String, String> unansweredRequests() {
    Map<String, String> unanswered = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> request : world.openWorkloadRequests().entrySet()) {
      if ((phase == Phase.SAFETY
              || awaitedRequests.contains(request.getKey())
              || world.healedRequests().contains(request.getKey()))
          && !world.tolerates(GuestErrorKind.UNANSWERED_REQUEST, request.getValue())) {
        unanswered.put(request.getKey(), request.getValue());
      }
    }
    return unanswered;
  }

  private boolean allEventuallyHold() {
    for (World.NamedCheck check : simulation.eventuallyChecks()) {
      if (!check.predicate().test(world)) {
        return false;
      }
    }
    return !world.guestEventually().containsValue(false)
        && unansweredRequests().isEmpty()
        && !world.awaitsHealedWork();
  }

  private void finish(SimulationFailure failure) {
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
    if (world.contracts().isActive()) {
      // Only with contracts, so a run without them keeps the footer (and hash) it always had.
      footer.put("contractViolations", world.contracts().violations());
    }
    Map<String, Map<String, Long>> coverage = world.contractCoverage();
    if (!coverage.isEmpty()) {
      footer.put("contractCoverage", coverage);
    }
    Map<String, Object> draws = new TreeMap<>();
    scheduler.randomStreams().forEach((name, stream) -> draws.put(name, stream.drawCount()));
    footer.put("randomDraws", draws);
    String hash = trace.finish(footer);
    result =
        new SimulationResult(
            simulation.seed(),
            Optional.ofNullable(failure),
            hash,
            scheduler.dispatchedCount(),
            trace.recordCount(),
            trace.byteCount(),
            scheduler.nowNanos(),
            new TreeMap<>(world.sometimesCounts()),
            trace.file(),
            trace.recentLines(),
            simulation.retainsTrace() ? trace.allLines() : List.of(),
            world.workloadSized(),
            world.contracts().violations(),
            coverage);
    releaseGuests();
  }
}
