package dev.w9y.debugger;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable host-side state the recorder keeps current and time travel rebuilds: one sorted map
 * per {@link Section}. Values are immutable, so a copy (a checkpoint) copies maps, not values.
 */
final class StateTable {
  private final EnumMap<Section, TreeMap<Object, Object>> sections = new EnumMap<>(Section.class);

  StateTable() {
    for (Section section : Section.values()) {
      sections.put(section, new TreeMap<>(section.order()));
    }
  }

  private StateTable(StateTable from) {
    for (Map.Entry<Section, TreeMap<Object, Object>> entry : from.sections.entrySet()) {
      sections.put(entry.getKey(), new TreeMap<>(entry.getValue()));
    }
  }

  StateTable copy() {
    return new StateTable(this);
  }

  TreeMap<Object, Object> section(Section section) {
    return sections.get(section);
  }

  Object get(Section section, Object key) {
    return sections.get(section).get(key);
  }

  void apply(Change change) {
    TreeMap<Object, Object> map = sections.get(change.section());
    if (change.value() == null) {
      map.remove(change.key());
    } else {
      map.put(change.key(), change.value());
    }
  }

  /** How many entries all sections hold (for sizing checkpoints). */
  int size() {
    int size = 0;
    for (TreeMap<Object, Object> map : sections.values()) {
      size += map.size();
    }
    return size;
  }
}
