package dev.w9y.debugger;

import java.util.Comparator;

/**
 * The parts of the host-side state a {@link RunState} shows, in the order {@code show} prints them.
 * Each is a sorted map; its keys sort as the section says (request ids numerically, pending events
 * in the order they will run).
 */
public enum Section {
  /** Service instances and durable objects: actor to running, crashed, reset... */
  INSTANCES("instances"),
  /** Requests in flight: id to from, to, what, where it stands and the faults on its way. */
  REQUESTS("requests"),
  /** Events scheduled and not yet run, soonest first. */
  PENDING("pending"),
  /** Durable objects' durable storage: (object, key) to the value. */
  STORAGE("storage"),
  /** Durable objects' durable alarms: object to virtual time. */
  ALARMS("alarms"),
  /** The last console lines of each guest. */
  CONSOLE("console"),
  /** Checks that have reported: name to status. */
  CHECKS("checks"),
  /** Faults in force (partitions, skewed clocks): fault id to what it touches. */
  FAULTS("faults");

  private final String title;

  Section(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The key order of this section's map. */
  Comparator<Object> order() {
    return this == PENDING ? PendingEvent.ORDER : StateKeys.NATURAL;
  }
}
