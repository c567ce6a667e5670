package dev.w9y.scheduler;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The deterministic event loop every simulation runs on: a virtual clock that only this scheduler
 * advances, the seeded random streams of the run, and a queue of events ordered by (virtual time,
 * scheduling sequence), optionally shuffling events that share a time.
 *
 * <p>One scheduler belongs to one thread: the first thread that runs or steps it owns it, and any
 * other thread touching it afterwards gets an {@link IllegalStateException}. Events may be
 * scheduled from any thread before the run starts (setup), but not while it runs.
 *
 * <p>A run that fails — an event throws, a listener throws, or a {@link Budgets budget} is exceeded
 * — throws a {@link SimulationFailure} carrying the seed and the event index; the scheduler then
 * stays failed ({@link #failure()}) and refuses to run further.
 */
public final class Scheduler implements VirtualClock {
  private static final long NO_DEADLINE = Long.MAX_VALUE;
  private static final String SAME_TIME_ORDER_STREAM = "w9y.scheduler.same-time-order";
  private static final DispatchListener[] NO_LISTENERS = new DispatchListener[0];

  private final SchedulerConfig config;
  private final Budgets budgets;
  private final RandomStream rootRandom;
  private final Map<String, RandomStream> streams = new LinkedHashMap<>();
  private final RandomStream sameTimeOrder;
  private final EventQueue queue = new EventQueue();
  private DispatchListener[] listeners = NO_LISTENERS;
  private QueueListener queueListener;

  private long nowNanos;
  private long nextSequence;
  private long dispatchedCount;
  private long eventsAtCurrentTime;
  private ScheduledEvent current;
  private boolean running;
  private boolean pauseRequested;
  private SimulationFailure failure;
  private Thread owner;

  /** What the last run call was asked to do, so that {@link #resume()} can carry on with it. */
  private BooleanSupplier goalCondition;

  private long goalDeadlineNanos = NO_DEADLINE;

  private Scheduler(SchedulerConfig config) {
    this.config = config;
    this.budgets = config.budgets();
    this.rootRandom = RandomStream.root(config.seed());
    this.sameTimeOrder = config.shuffleSameTimeEvents() ? random(SAME_TIME_ORDER_STREAM) : null;
  }

  public static Scheduler create(SchedulerConfig config) {
    return new Scheduler(Objects.requireNonNull(config, "config"));
  }

  public static Scheduler create(long seed) {
    return create(SchedulerConfig.of(seed));
  }

  public SchedulerConfig config() {
    return config;
  }

  public long seed() {
    return config.seed();
  }

  @Override
  public long nowNanos() {
    return nowNanos;
  }

  /**
   * The random stream with this name, a child of the run's root stream: the same name always gives
   * the same stream object, and each name's numbers depend only on the seed and the name.
   */
  public RandomStream random(String name) {
    RandomStream stream = streams.get(name);
    if (stream == null) {
      stream = rootRandom.child(name);
      streams.put(name, stream);
    }
    return stream;
  }

  /** Every stream handed out so far, in the order first asked for (for per-stream draw counts). */
  public Map<String, RandomStream> randomStreams() {
    return Collections.unmodifiableMap(streams);
  }

  // ---------------------------------------------------------------- scheduling

  /** Schedules {@code action} at absolute virtual time {@code atNanos}, which must not be past. */
  public ScheduledEvent schedule(long atNanos, String label, Runnable action) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(action, "action");
    checkUsable();
    if (atNanos < nowNanos) {
      throw new IllegalArgumentException(
          "cannot schedule '"
              + label
              + "' at "
              + VirtualTime.formatPrecise(atNanos)
              + ", before the current virtual time "
              + VirtualTime.formatPrecise(nowNanos));
    }
    if (queue.size() >= budgets.maxQueueLength()) {
      throw recordFailure(
          exceeded(
              Budget.MAX_QUEUE_LENGTH,
              "scheduling '" + label + "' with " + queue.size() + " events already pending"));
    }
    long sequence = nextSequence++;
    // Same-time events run in scheduling order unless the run explores other orders on purpose.
    long orderKey = sameTimeOrder == null ? sequence : sameTimeOrder.nextLong();
    ScheduledEvent event = new ScheduledEvent(this, atNanos, orderKey, sequence, label, action);
    queue.add(event);
    if (queueListener != null) {
      queueListener.scheduled(event);
    }
    return event;
  }

  /** Schedules {@code action} {@code delayNanos} (at least 0) after the current virtual time. */
  public ScheduledEvent scheduleAfter(long delayNanos, String label, Runnable action) {
    if (delayNanos < 0) {
      throw new IllegalArgumentException(
          "delay of '" + label + "' must not be negative, was " + delayNanos + " ns");
    }
    return schedule(Math.addExact(nowNanos, delayNanos), label, action);
  }

  public ScheduledEvent scheduleAfter(Duration delay, String label, Runnable action) {
    return scheduleAfter(delay.toNanos(), label, action);
  }

  /** Cancels a pending event; returns false if it already ran or was already cancelled. */
  public boolean cancel(ScheduledEvent event) {
    if (!event.isPending()) {
      return false;
    }
    checkUsable();
    if (!queue.cancel(event)) {
      throw new IllegalArgumentException("event " + event + " belongs to another scheduler");
    }
    if (queueListener != null) {
      queueListener.cancelled(event);
    }
    return true;
  }

  /** How many events are waiting to run. */
  public int pendingCount() {
    return queue.size();
  }

  /** The event that would run next, if any; does not run it. */
  public Optional<ScheduledEvent> peekNext() {
    return Optional.ofNullable(queue.peek());
  }

  /** Every pending event in the order it will run: for inspecting a paused run. O(n log n). */
  public java.util.List<ScheduledEvent> pendingEvents() {
    return java.util.Collections.unmodifiableList(queue.snapshot());
  }

  /** How many events have run; also the index the next event will get. */
  public long dispatchedCount() {
    return dispatchedCount;
  }

  /** Whether an event's action (or a dispatch hook) is running now. */
  public boolean isDispatching() {
    return current != null;
  }

  /** The event whose action is running now, if called from inside one. */
  public Optional<ScheduledEvent> currentEvent() {
    return Optional.ofNullable(current);
  }

  /** Adds a hook that sees every dispatched event (in the order added). */
  public void addDispatchListener(DispatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners = Arrays.copyOf(listeners, listeners.length + 1);
    listeners[listeners.length - 1] = listener;
  }

  /** Sets the one hook that sees events scheduled and cancelled (a debugger's recorder). */
  public void setQueueListener(QueueListener listener) {
    if (queueListener != null) {
      throw new IllegalStateException("this scheduler already has a queue listener");
    }
    queueListener = Objects.requireNonNull(listener, "listener");
  }

  /** The failure that stopped the run, if it failed. */
  public Optional<SimulationFailure> failure() {
    return Optional.ofNullable(failure);
  }

  // ---------------------------------------------------------------- running

  /** Runs events until none is pending (or an event pauses). */
  public StopReason run() {
    return runToGoal(null, NO_DEADLINE);
  }

  /**
   * Runs events until {@code condition} holds. The condition is checked before the first event and
   * after each one; if no event is pending before it holds, returns {@link StopReason#QUIESCENT}.
   */
  public StopReason runUntil(BooleanSupplier condition) {
    return runToGoal(Objects.requireNonNull(condition, "condition"), NO_DEADLINE);
  }

  /**
   * Runs every event due within {@code nanos} from now (inclusive), then moves the clock to exactly
   * that time, even if nothing was due: virtual time passes whether or not anything happens.
   */
  public StopReason runFor(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("cannot run for a negative duration: " + nanos + " ns");
    }
    return runToGoal(null, Math.addExact(nowNanos, nanos));
  }

  public StopReason runFor(Duration duration) {
    return runFor(duration.toNanos());
  }

  /** Continues the last run, runUntil or runFor after it was paused. */
  public StopReason resume() {
    return runToGoal(goalCondition, goalDeadlineNanos);
  }

  /**
   * Runs exactly one event, if any is pending.
   *
   * @return whether an event ran
   */
  public boolean step() {
    enterRun();
    try {
      ScheduledEvent next = queue.peek();
      if (next == null) {
        return false;
      }
      dispatchNext(next);
      pauseRequested = false;
      return true;
    } finally {
      running = false;
    }
  }

  /**
   * From inside an event: stop the current run call once this event's action returns. The run
   * returns {@link StopReason#PAUSED}; {@link #resume()} carries on.
   */
  public void pause() {
    if (current == null) {
      throw new IllegalStateException("pause() is only meaningful from inside an event");
    }
    pauseRequested = true;
  }

  private StopReason runToGoal(BooleanSupplier condition, long deadlineNanos) {
    enterRun();
    goalCondition = condition;
    goalDeadlineNanos = deadlineNanos;
    try {
      while (true) {
        if (condition != null && condition.getAsBoolean()) {
          return StopReason.CONDITION_MET;
        }
        ScheduledEvent next = queue.peek();
        if (next == null || next.timeNanos > deadlineNanos) {
          if (deadlineNanos == NO_DEADLINE) {
            return StopReason.QUIESCENT;
          }
          advanceClockTo(deadlineNanos);
          return StopReason.DEADLINE_REACHED;
        }
        dispatchNext(next);
        if (pauseRequested) {
          pauseRequested = false;
          return StopReason.PAUSED;
        }
      }
    } finally {
      running = false;
    }
  }

  private void advanceClockTo(long timeNanos) {
    if (timeNanos > budgets.maxVirtualTimeNanos()) {
      throw recordFailure(
          exceeded(
              Budget.MAX_VIRTUAL_TIME,
              "run would advance the clock to " + VirtualTime.format(timeNanos)));
    }
    if (timeNanos > nowNanos) {
      nowNanos = timeNanos;
      eventsAtCurrentTime = 0;
    }
  }

  private void dispatchNext(ScheduledEvent next) {
    if (dispatchedCount >= budgets.maxEvents()) {
      throw recordFailure(exceeded(Budget.MAX_EVENTS, "next event '" + next.label + "'", next));
    }
    if (next.timeNanos > budgets.maxVirtualTimeNanos()) {
      throw recordFailure(
          exceeded(
              Budget.MAX_VIRTUAL_TIME,
              "next event '" + next.label + "' is due at " + VirtualTime.format(next.timeNanos),
              next));
    }
    if (next.timeNanos == nowNanos) {
      if (++eventsAtCurrentTime > budgets.maxEventsWithoutTimeAdvance()) {
        throw recordFailure(
            exceeded(
                Budget.MAX_EVENTS_WITHOUT_TIME_ADVANCE,
                eventsAtCurrentTime
                    + " events in a row at "
                    + VirtualTime.formatPrecise(nowNanos)
                    + "; something keeps scheduling work without letting time pass",
                next));
      }
    } else {
      nowNanos = next.timeNanos;
      eventsAtCurrentTime = 1;
    }
    queue.pollForDispatch();
    long index = dispatchedCount++;
    current = next;
    try {
      for (DispatchListener listener : listeners) {
        listener.onDispatch(index, next);
      }
      next.action.run();
    } catch (SimulationFailure thrown) {
      throw recordFailure(thrown);
    } catch (Throwable thrown) {
      // Anything an event throws — including assertion errors and stack overflows from guest
      // code — fails the run at this event instead of escaping as a crash.
      throw recordFailure(new EventFailed(seed(), index, nowNanos, next.label, thrown));
    } finally {
      current = null;
    }
    if (failure != null) {
      // The event swallowed a failure raised inside it (for example a budget); it still stands.
      throw failure;
    }
  }

  private BudgetExceeded exceeded(Budget budget, String detail) {
    ScheduledEvent at = current;
    return exceeded(budget, detail, at);
  }

  private BudgetExceeded exceeded(Budget budget, String detail, ScheduledEvent at) {
    long index = at == current && current != null ? dispatchedCount - 1 : dispatchedCount;
    String label = at == null ? "<no event>" : at.label;
    return new BudgetExceeded(
        seed(), index, nowNanos, label, budget, budgets.limitOf(budget), detail);
  }

  private SimulationFailure recordFailure(SimulationFailure thrown) {
    if (failure == null) {
      failure = thrown;
    }
    return failure;
  }

  private void enterRun() {
    checkUsable();
    if (running) {
      throw new IllegalStateException("the scheduler is already running; events cannot run it");
    }
    if (owner == null) {
      owner = Thread.currentThread();
    }
    running = true;
  }

  private void checkUsable() {
    if (failure != null) {
      throw new IllegalStateException("the run already failed: " + failure.getMessage(), failure);
    }
    if (owner != null && owner != Thread.currentThread()) {
      throw new IllegalStateException(
          "a scheduler belongs to the one thread that runs it ("
              + owner.getName()
              + "); it was used from "
              + Thread.currentThread().getName());
    }
  }
}
