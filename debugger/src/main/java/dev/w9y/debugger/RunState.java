package dev.w9y.debugger;

import dev.w9y.scheduler.VirtualTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The host-side state of a whole system after one event of a recorded run: instances alive,
 * requests in flight and their fates, pending events, durable storage and alarms, the last console
 * lines, checks and faults in force. Guest heaps (GraalJS, Chicory) are not in it: they cannot be
 * copied; {@link TimeTravel#replayTo} re-runs to an event for code that needs the live guests.
 *
 * <p>Immutable; every map is sorted, so its text is the same on every run.
 */
public final class RunState {
  private final long eventIndex;
  private final long timeNanos;
  private final EnumMap<Section, Map<String, String>> sections = new EnumMap<>(Section.class);

  RunState(long eventIndex, long timeNanos, StateTable table) {
    this.eventIndex = eventIndex;
    this.timeNanos = timeNanos;
    for (Section section : Section.values()) {
      // Keys and values as text, in the section's own order (a LinkedHashMap keeps it): request
      // ids numerically, pending events in the order they will run.
      Map<String, String> text = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> entry : table.section(section).entrySet()) {
        text.put(keyText(section, entry.getKey()), entry.getValue().toString());
      }
      sections.put(section, Collections.unmodifiableMap(text));
    }
  }

  private static String keyText(Section section, Object key) {
    if (section == Section.PENDING) {
      PendingEvent pending = (PendingEvent) key;
      return "seq " + pending.sequence() + " " + VirtualTime.formatPrecise(pending.timeNanos());
    }
    return key.toString();
  }

  /** The event this is the state after. */
  public long eventIndex() {
    return eventIndex;
  }

  public long timeNanos() {
    return timeNanos;
  }

  /** One section: key to value as text, in the section's order. */
  public Map<String, String> section(Section section) {
    return sections.get(section);
  }

  /** Requests in flight: id ({@code m12}) to its description. */
  public Map<String, String> requests() {
    return section(Section.REQUESTS);
  }

  /** Durable storage of every object: "OBJECT key" to value. */
  public Map<String, String> storage() {
    return section(Section.STORAGE);
  }

  /** The durable storage of one object (its actor name, {@code EVENTS:0123456789ab}). */
  public SortedMap<String, String> storage(String object) {
    SortedMap<String, String> of = new TreeMap<>();
    String prefix = object + " ";
    for (Map.Entry<String, String> entry : storage().entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        of.put(entry.getKey().substring(prefix.length()), entry.getValue());
      }
    }
    return Collections.unmodifiableSortedMap(of);
  }

  /** Events still to run, soonest first: "seq N time" (N: scheduling order) to label. */
  public Map<String, String> pending() {
    return section(Section.PENDING);
  }

  public Map<String, String> instances() {
    return section(Section.INSTANCES);
  }

  public Map<String, String> console() {
    return section(Section.CONSOLE);
  }

  public Map<String, String> checks() {
    return section(Section.CHECKS);
  }

  public Map<String, String> faults() {
    return section(Section.FAULTS);
  }

  /** Every section as text, as the debugger's {@code show} prints it. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("state after #")
        .append(eventIndex)
        .append(' ')
        .append(VirtualTime.formatPrecise(timeNanos))
        .append('\n');
    for (Section section : Section.values()) {
      out.append(render(section));
    }
    return out.toString();
  }

  /** One section as text: its title and count, then one indented line per entry. */
  public String render(Section section) {
    Map<String, String> entries = section(section);
    StringBuilder out = new StringBuilder();
    out.append(section.title()).append(" (").append(entries.size()).append(")\n");
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String value = entry.getValue().replace("\n", "\n      ");
      out.append("  ").append(entry.getKey()).append("  ").append(value).append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
