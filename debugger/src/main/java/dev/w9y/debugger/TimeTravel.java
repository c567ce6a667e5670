package dev.w9y.debugger;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.SimulationRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A run loaded once and browsable at any event, forwards and backwards: its records, and the
 * host-side state of the whole system after each event ({@link RunState}).
 *
 * <p>Loading runs the simulation once with a {@link Recorder} observing it: the state changes of
 * each event are kept as deltas, with a full copy every {@code checkpointEvery} events; the state
 * after event N is the nearest checkpoint at or before N plus the deltas up to N, so a jump costs
 * at most one checkpoint copy and {@code checkpointEvery} events of deltas, wherever it lands.
 * Records live in a temporary file (read back on demand) and are indexed in memory by kind, actor
 * and request. Guest heaps are not copied (they cannot be); {@link #replayTo} re-runs for those.
 *
 * <pre>{@code
 * try (TimeTravel tt = TimeTravel.load(simulation)) {
 *   tt.goTo(tt.eventCount() - 1);                           // the last event (the failure)
 *   tt.reverseContinueTo(Breakpoint.kind("response.sent")); // the response before it
 *   tt.back(3).state().storage();                           // three events earlier
 * }
 * }</pre>
 */
public final class TimeTravel implements AutoCloseable {
  /**
   * Events between two full copies of the state (more while the state is large, see {@link
   * Recorder}): a jump copies one checkpoint and applies at most this many events of deltas
   * (docs/PERFORMANCE.md, "Time travel", measures the choice).
   */
  public static final int DEFAULT_CHECKPOINT_EVERY = 256;

  private final Simulation simulation;
  private final SimulationResult result;
  private final Recorder model;
  private final RecordLog records;
  private long position;

  /** The state the last jump rebuilt, and the event it is the state after (-1: none yet). */
  private StateTable cursor;

  private long cursorEvent = -1;

  private TimeTravel(Simulation simulation, SimulationResult result, Recorder model) {
    this.simulation = simulation;
    this.result = result;
    this.model = model;
    this.records = model.records();
  }

  /** Runs {@code simulation} once, recording it; starts at event 0. */
  public static TimeTravel load(Simulation simulation) {
    return load(simulation, DEFAULT_CHECKPOINT_EVERY);
  }

  /** As {@link #load(Simulation)}, with a full state copy every {@code checkpointEvery} events. */
  public static TimeTravel load(Simulation simulation, int checkpointEvery) {
    Objects.requireNonNull(simulation, "simulation");
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException(
          "checkpointEvery must be at least 1, was " + checkpointEvery);
    }
    Recorder recorder = new Recorder(checkpointEvery);
    SimulationRun run;
    try {
      run = simulation.start(recorder);
    } catch (RuntimeException e) {
      recorder.records().close();
      throw e;
    }
    recorder.attach(run);
    try (run) {
      SimulationResult result = run.runToEnd();
      recorder.finish();
      if (recorder.records().size() == 0) {
        recorder.records().close();
        throw new IllegalArgumentException(
            "time travel: seed "
                + simulation.seed()
                + " wrote no trace records (is its trace turned off?); time travel is built from"
                + " them");
      }
      return new TimeTravel(simulation, result, recorder);
    } catch (RuntimeException e) {
      recorder.records().close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- the run

  /** The run's result: passed or its failure, the trace hash. */
  public SimulationResult result() {
    return result;
  }

  public Simulation simulation() {
    return simulation;
  }

  /** How many events ran (the last one is {@code eventCount() - 1}). */
  public long eventCount() {
    return model.eventCount();
  }

  /** How many trace records the run wrote. */
  public long recordCount() {
    return records.size();
  }

  /** The event the debugger stands at. */
  public long position() {
    return position;
  }

  // ---------------------------------------------------------------- moving

  /** One event on. */
  public TimeTravel step() {
    return step(1);
  }

  /** {@code n} events on (stops at the last event). */
  public TimeTravel step(long n) {
    return goTo(Math.min(eventCount() - 1, position + Math.max(0, n)));
  }

  /** One event back. */
  public TimeTravel back() {
    return back(1);
  }

  /** {@code n} events back (stops at event 0). */
  public TimeTravel back(long n) {
    return goTo(Math.max(0, position - Math.max(0, n)));
  }

  /**
   * To event {@code eventIndex}.
   *
   * @throws IllegalArgumentException if the run has no such event
   */
  public TimeTravel goTo(long eventIndex) {
    checkEvent(eventIndex);
    position = eventIndex;
    return this;
  }

  /** To the last event at or before virtual time {@code time} (event 0 if none is). */
  public TimeTravel goToTime(Duration time) {
    int at = model.times().floor(time.toNanos());
    return goTo(Math.max(0, at));
  }

  /**
   * To the next event after this one at which {@code breakpoint} hits.
   *
   * @return false, staying here, if none does
   */
  public boolean continueTo(Breakpoint breakpoint) {
    for (long event = position + 1; event < eventCount(); event++) {
      if (breakpoint.hits(this, event)) {
        position = event;
        return true;
      }
    }
    return false;
  }

  /**
   * To the closest event before this one at which {@code breakpoint} hits.
   *
   * @return false, staying here, if none does
   */
  public boolean reverseContinueTo(Breakpoint breakpoint) {
    // Window by window backwards, each scanned forwards: a state predicate then rebuilds each
    // state from the window's checkpoint once, not once per event.
    long end = position;
    while (end > 0) {
      long start = model.checkpointEvent(model.checkpointAtOrBefore(end - 1));
      long found = -1;
      for (long event = start; event < end; event++) {
        if (breakpoint.hits(this, event)) {
          found = event;
        }
      }
      if (found >= 0) {
        position = found;
        return true;
      }
      end = start;
    }
    return false;
  }

  // ---------------------------------------------------------------- reading

  /** The state after the current event. */
  public RunState state() {
    return stateAfter(position);
  }

  /** The state after event {@code eventIndex}. */
  public RunState stateAfter(long eventIndex) {
    checkEvent(eventIndex);
    return new RunState(eventIndex, model.timeNanos(eventIndex), rebuild(eventIndex));
  }

  /** The current event's records, as canonical JSON lines. */
  public List<String> records() {
    return recordsOf(position);
  }

  /** Event {@code eventIndex}'s records, as canonical JSON lines. */
  public List<String> recordsOf(long eventIndex) {
    checkEvent(eventIndex);
    List<String> lines = new ArrayList<>();
    for (int i = model.recordStart(eventIndex); i < recordEnd(eventIndex); i++) {
      lines.add(records.line(i));
    }
    return lines;
  }

  /** Trace record {@code index} as its canonical JSON line. */
  public String record(long index) {
    if (index < 0 || index >= records.size()) {
      throw new IllegalArgumentException(
          "no record #" + index + " (the run wrote " + records.size() + ")");
    }
    return records.line((int) index);
  }

  /** The virtual time of event {@code eventIndex}. */
  public long timeNanos(long eventIndex) {
    checkEvent(eventIndex);
    return model.timeNanos(eventIndex);
  }

  /** The kind of the record event {@code eventIndex} was scheduled to write. */
  public String eventKind(long eventIndex) {
    int own = ownRecord(eventIndex);
    return own < 0 ? "?" : records.kind(own);
  }

  /** The actor of that record. */
  public String eventActor(long eventIndex) {
    int own = ownRecord(eventIndex);
    return own < 0 ? "?" : records.actor(own);
  }

  /** The causal chain of request {@code id} ({@code m12}) as text (see {@link CausalChain}). */
  public String why(String id) {
    return CausalChain.of(this, id);
  }

  /**
   * A fresh run of the same simulation paused after event {@code eventIndex}, for code that needs
   * the live guests (GraalJS or Chicory heaps) at a past event. It re-executes every event up to
   * there: as long as loading took to get there (the model's jumps do not). Close it when done.
   */
  public SimulationRun replayTo(long eventIndex) {
    checkEvent(eventIndex);
    SimulationRun run = simulation.start();
    run.runTo(eventIndex);
    return run;
  }

  /** Deletes the record file. */
  @Override
  public void close() {
    records.close();
  }

  // ---------------------------------------------------------------- the model behind it

  private int ownRecord(long eventIndex) {
    checkEvent(eventIndex);
    return model.ownRecord(eventIndex);
  }

  private int recordEnd(long eventIndex) {
    return eventIndex + 1 < eventCount() ? model.recordStart(eventIndex + 1) : records.size();
  }

  private void checkEvent(long eventIndex) {
    if (eventIndex < 0 || eventIndex >= eventCount()) {
      throw new IllegalArgumentException(
          "no event #" + eventIndex + " (the run has #0 to #" + (eventCount() - 1) + ")");
    }
  }

  /**
   * The state after {@code eventIndex}: from the cursor if it stands at or before it, after the
   * last checkpoint before it; else from that checkpoint; then the deltas up to it.
   */
  private StateTable rebuild(long eventIndex) {
    int window = model.checkpointAtOrBefore(eventIndex);
    long windowStart = model.checkpointEvent(window);
    if (cursorEvent < windowStart || cursorEvent > eventIndex) {
      cursor = model.checkpoint(window).copy();
      cursorEvent = windowStart;
    }
    int from = model.changeStart(cursorEvent + 1);
    int to = model.changeStart(eventIndex + 1);
    List<Change> changes = model.changes();
    for (int i = from; i < to; i++) {
      cursor.apply(changes.get(i));
    }
    cursorEvent = eventIndex;
    return cursor;
  }

  /** Whether event {@code event} wrote a record of {@code kind} (null: any) by {@code actor}. */
  boolean anyRecord(long event, String kind, String actor) {
    int kindId = kind == null ? -2 : records.kindNames().find(kind);
    int actorId = actor == null ? -2 : records.actorNames().find(actor);
    if (kindId == -1 || actorId == -1) {
      return false;
    }
    for (int i = model.recordStart(event); i < recordEnd(event); i++) {
      if ((kindId == -2 || records.kindId(i) == kindId)
          && (actorId == -2 || records.actorId(i) == actorId)) {
        return true;
      }
    }
    return false;
  }

  boolean anyRequestRecord(long event, int request) {
    for (int i = model.recordStart(event); i < recordEnd(event); i++) {
      if (records.request(i) == request) {
        return true;
      }
    }
    return false;
  }

  /** Whether a record of event {@code event} of a kind {@code kinds} accepts has a line that… */
  boolean anyLine(long event, Predicate<String> kinds, Predicate<String> line) {
    for (int i = model.recordStart(event); i < recordEnd(event); i++) {
      if (kinds.test(records.kind(i)) && line.test(records.line(i))) {
        return true;
      }
    }
    return false;
  }

  /** The indexes of event {@code event}'s records. */
  long[] recordRange(long event) {
    checkEvent(event);
    int from = model.recordStart(event);
    long[] range = new long[recordEnd(event) - from];
    for (int i = 0; i < range.length; i++) {
      range[i] = from + i;
    }
    return range;
  }

  RecordLog recordLog() {
    return records;
  }

  /** The event record {@code index} belongs to. */
  long eventOfRecord(int index) {
    long low = 0;
    long high = eventCount() - 1;
    while (low < high) {
      long mid = (low + high + 1) >>> 1;
      if (model.recordStart(mid) <= index) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }
}
