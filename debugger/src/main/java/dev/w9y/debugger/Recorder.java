package dev.w9y.debugger;

import dev.w9y.core.RunObserver;
import dev.w9y.core.SimulationRun;
import dev.w9y.core.World;
import dev.w9y.core.trace.TraceRecord;
import dev.w9y.scheduler.ScheduledEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the time-travel model while a run loads, as its observer: every record into the {@link
 * RecordLog}, the state it changes as {@link Change}s per event, and a full copy of the state every
 * {@code checkpointEvery} events. It only reads the run (never draws, schedules or mutates), so the
 * observed run is the unobserved one, byte for byte.
 */
final class Recorder implements RunObserver {
  /** Console lines kept per guest. */
  static final int CONSOLE_LINES = 3;

  private SimulationRun run;
  private final int checkpointEvery;
  private final RecordLog records = new RecordLog();
  private final StateTable state = new StateTable();
  private final List<Change> changes = new ArrayList<>();
  private final LongArray changeStarts = new LongArray();
  private final LongArray recordStarts = new LongArray();
  private final LongArray ownRecords = new LongArray();
  private final LongArray times = new LongArray();
  private final List<StateTable> checkpoints = new ArrayList<>();
  private final LongArray checkpointEvents = new LongArray();
  private long changesAtCheckpoint;

  private final TreeMap<Long, PendingEvent> pendingEntries = new TreeMap<>();
  private final Map<String, String> labels = new TreeMap<>();
  private final TreeSet<String> touchedObjects = new TreeSet<>();
  private final Map<String, World.ObjectRef> objectsByActor = new TreeMap<>();
  private long current = -1;

  Recorder(int checkpointEvery) {
    this.checkpointEvery = checkpointEvery;
  }

  /** The run it observes (which exists only once its setup, observed too, is over). */
  void attach(SimulationRun observed) {
    this.run = observed;
  }

  // ---------------------------------------------------------------- observing

  @Override
  public void eventStarting(long index, ScheduledEvent event) {
    if (current >= 0) {
      endEvent();
    }
    current = index;
    changeStarts.add(index == 0 ? 0 : changes.size());
    recordStarts.add(index == 0 ? 0 : records.size());
    ownRecords.add(-1);
    times.add(event.timeNanos());
    // The event leaves the pending list as it starts.
    PendingEvent starting = pendingEntries.remove(event.sequence());
    if (starting != null) {
      change(Section.PENDING, starting, null);
    }
  }

  @Override
  public void recorded(TraceRecord record, String cause) {
    records.add(record, cause);
    if (current >= 0 && record.eventIndex() == current && ownRecords.get((int) current) < 0) {
      ownRecords.set((int) current, records.size() - 1);
    }
    follow(record);
  }

  /** The run has ended: the last event's changes close, the log is sealed. */
  void finish() {
    if (current >= 0) {
      endEvent();
    }
    changeStarts.add(changes.size());
    records.seal();
  }

  @Override
  public void scheduled(ScheduledEvent event) {
    PendingEvent entry =
        new PendingEvent(
            event.timeNanos(),
            event.orderKey(),
            event.sequence(),
            labels.computeIfAbsent(event.label(), label -> label));
    pendingEntries.put(event.sequence(), entry);
    change(Section.PENDING, entry, entry.label());
  }

  @Override
  public void cancelled(ScheduledEvent event) {
    PendingEvent entry = pendingEntries.remove(event.sequence());
    if (entry != null) {
      change(Section.PENDING, entry, null);
    }
  }

  /**
   * Closes the event that just ran; takes a checkpoint every {@code checkpointEvery} events, but
   * not before as many changes as the state has entries have accumulated since the last one: a
   * checkpoint then never costs more memory than the deltas it saves replaying, and a jump never
   * applies many more changes than it copies (a workload that schedules 150,000 requests up front
   * has a state of 150,000 pending events).
   */
  private void endEvent() {
    refreshStorage();
    if (current == 0
        || (current - checkpointEvents.get(checkpointEvents.size() - 1) >= checkpointEvery
            && changes.size() - changesAtCheckpoint >= state.size())) {
      checkpoints.add(state.copy());
      checkpointEvents.add(current);
      changesAtCheckpoint = changes.size();
    }
  }

  // ---------------------------------------------------------------- state from records

  private void follow(TraceRecord record) {
    String kind = record.kind();
    Map<String, Object> details = record.details();
    String actor = record.actor();
    Object id = details.get("id");
    switch (kind) {
      case "request.sent" ->
          change(
              Section.REQUESTS,
              id,
              new InFlight(
                  actor,
                  String.valueOf(details.get("to")),
                  details.get("method") + " " + details.get("url"),
                  "sent",
                  ""));
      case "request.delivered" ->
          stage(
              id, Boolean.TRUE.equals(details.get("duplicate")) ? "delivered again" : "delivered");
      case "request.duplicated", "request.timeout-armed" -> fate(id, kind.substring(8));
      case "request.dropped", "request.refused" ->
          fate(id, kind.substring(8) + " (" + details.get("reason") + ")");
      case "response.sent" ->
          stage(
              id,
              details.containsKey("thrown")
                  ? "threw " + details.get("thrown")
                  : "responded " + details.get("status"));
      case "response.replaced" -> fate(id, "response replaced by " + details.get("status"));
      case "response.lost" -> fate(id, "response lost (" + details.get("reason") + ")");
      case "response.delivered", "fetch.failed" -> change(Section.REQUESTS, id, null);
      case "instance.started", "object.started" -> instance(actor, "running");
      case "instance.crashed", "object.crashed" -> instance(actor, "crashed");
      case "object.reset" -> instance(actor, "reset");
      case "instance.start-failed" -> instance(actor, "failed to start");
      case "console" -> console(actor, details.get("level") + " " + details.get("text"));
      case "check.failed" ->
          change(
              Section.CHECKS,
              details.get("check"),
              "FAILED (" + details.get("type") + "): " + details.get("detail"));
      case "check.sometimes" -> sometimes(String.valueOf(details.get("check")));
      case "check.eventually" ->
          change(
              Section.CHECKS,
              details.get("check"),
              Boolean.TRUE.equals(details.get("holds"))
                  ? "eventually: holds"
                  : "eventually: not yet");
      case "fault.injected" -> fault(details);
      case "fault.partition-healed" -> change(Section.FAULTS, details.get("fault"), null);
      case "fault.healed" -> {
        for (Object fault : new ArrayList<>(state.section(Section.FAULTS).keySet())) {
          change(Section.FAULTS, fault, null);
        }
      }
      default -> {}
    }
    if (kind.startsWith("storage.") || kind.startsWith("alarm.") || kind.startsWith("object.")) {
      touchedObjects.add(actor);
    }
  }

  private void stage(Object id, String stage) {
    if (state.get(Section.REQUESTS, id) instanceof InFlight request) {
      change(Section.REQUESTS, id, request.at(stage));
    }
  }

  private void fate(Object id, String fate) {
    if (state.get(Section.REQUESTS, id) instanceof InFlight request) {
      change(Section.REQUESTS, id, request.withFate(fate));
    }
  }

  private void instance(String actor, String status) {
    change(Section.INSTANCES, actor, status);
  }

  private void console(String actor, String line) {
    Object before = state.get(Section.CONSOLE, actor);
    String lines = before == null ? line : before + "\n" + line;
    String[] split = lines.split("\n", -1);
    if (split.length > CONSOLE_LINES) {
      lines = String.join("\n", List.of(split).subList(split.length - CONSOLE_LINES, split.length));
    }
    change(Section.CONSOLE, actor, lines);
  }

  private void sometimes(String check) {
    Object before = state.get(Section.CHECKS, check);
    long count = 1;
    if (before instanceof String text && text.startsWith("sometimes: fired ")) {
      count = Long.parseLong(text.substring("sometimes: fired ".length())) + 1;
    }
    change(Section.CHECKS, check, "sometimes: fired " + count);
  }

  /** Faults that stay in force (partitions, clocks); momentary ones show in the records only. */
  private void fault(Map<String, Object> details) {
    String family = String.valueOf(details.get("family"));
    if (family.equals("network.partition")
        || family.startsWith("clock.")
        || family.contains("clog")) {
      TreeMap<String, Object> shown = new TreeMap<>(details);
      shown.remove("fault");
      shown.remove("family");
      change(Section.FAULTS, details.get("fault"), family + " " + shown);
    }
  }

  // ---------------------------------------------------------------- state read from the world

  /** Objects whose storage or alarm an event touched: their durable contents, diffed. */
  private void refreshStorage() {
    if (touchedObjects.isEmpty()) {
      return;
    }
    World world = run.world();
    for (String actor : touchedObjects) {
      World.ObjectRef ref = objectsByActor.get(actor);
      if (ref == null) {
        for (World.ObjectRef each : world.objects()) {
          objectsByActor.putIfAbsent(world.objectActor(each), each);
        }
        ref = objectsByActor.get(actor);
      }
      if (ref == null) {
        continue; // not a durable object (an instance's own record)
      }
      SortedMap<String, byte[]> durable = world.durableStorage(ref);
      List<StorageKey> gone = new ArrayList<>();
      for (Object key : state.section(Section.STORAGE).keySet()) {
        StorageKey stored = (StorageKey) key;
        if (stored.object().equals(actor) && !durable.containsKey(stored.key())) {
          gone.add(stored);
        }
      }
      for (StorageKey key : gone) {
        change(Section.STORAGE, key, null);
      }
      for (Map.Entry<String, byte[]> entry : durable.entrySet()) {
        StorageKey key = new StorageKey(actor, entry.getKey());
        String value = StoredValues.text(entry.getValue());
        if (!value.equals(state.get(Section.STORAGE, key))) {
          change(Section.STORAGE, key, value);
        }
      }
      Long alarm = world.durableAlarm(ref);
      Object shown = alarm == null ? null : dev.w9y.scheduler.VirtualTime.formatPrecise(alarm);
      if (!java.util.Objects.equals(shown, state.get(Section.ALARMS, actor))) {
        change(Section.ALARMS, actor, shown);
      }
    }
    touchedObjects.clear();
  }

  private void change(Section section, Object key, Object value) {
    if (key == null) {
      return;
    }
    Change change = new Change(section, key, value);
    state.apply(change);
    changes.add(change);
  }

  // ---------------------------------------------------------------- the model, once loaded

  RecordLog records() {
    return records;
  }

  List<Change> changes() {
    return changes;
  }

  /** Index into {@link #changes} where event {@code index}'s changes start (index = count: end). */
  int changeStart(long index) {
    return (int) changeStarts.get((int) index);
  }

  int recordStart(long index) {
    return (int) recordStarts.get((int) index);
  }

  /** The event's own record (the one its scheduling wrote), or -1. */
  int ownRecord(long index) {
    return (int) ownRecords.get((int) index);
  }

  long timeNanos(long index) {
    return times.get((int) index);
  }

  long eventCount() {
    return times.size();
  }

  StateTable checkpoint(int number) {
    return checkpoints.get(number);
  }

  /** The number of the last checkpoint at or before event {@code index}. */
  int checkpointAtOrBefore(long index) {
    return checkpointEvents.floor(index);
  }

  /** The event checkpoint {@code number} is the state after. */
  long checkpointEvent(int number) {
    return checkpointEvents.get(number);
  }

  int checkpointCount() {
    return checkpoints.size();
  }

  LongArray times() {
    return times;
  }
}
