package dev.w9y.viewer;

import java.util.List;

/**
 * What a record's kind is, for colour and navigation. One classification for both outputs: the
 * viewer gets each kind's category in its data (its colours, "next fault" and the minimap's marks
 * follow it) and the Perfetto export makes instant events of the alarming ones.
 */
enum EventCategory {
  OTHER,
  REQUEST,
  RESPONSE,
  STORAGE,
  TIMER,
  LIFECYCLE,
  /** An injected fault ({@code fault.injected}) or what one did: a dropped request, a crash. */
  FAULT,
  /** A guest error, a boot failure, an unanswered workload request. */
  ERROR,
  /** A failed check. */
  CHECK;

  /** Kinds that are a fault's effect rather than a {@code fault.*} record of their own. */
  private static final List<String> FAULT_EFFECTS =
      List.of(
          "request.dropped",
          "request.refused",
          "request.duplicated",
          "response.lost",
          "response.replaced",
          "instance.crashed",
          "object.crashed",
          "object.reset",
          "storage.write-failed");

  private static final List<String> ERRORS =
      List.of("guest.error", "instance.start-failed", "request.unanswered");

  static EventCategory of(String kind) {
    if (kind.equals("check.failed")) {
      return CHECK;
    }
    if (ERRORS.contains(kind)) {
      return ERROR;
    }
    // Not the injector's bookkeeping (fault.plan, fault.*-tick, fault.restart): only its decisions.
    if (kind.equals("fault.injected") || FAULT_EFFECTS.contains(kind)) {
      return FAULT;
    }
    if (kind.startsWith("request.")) {
      return REQUEST;
    }
    if (kind.startsWith("response.")) {
      return RESPONSE;
    }
    if (kind.startsWith("storage.")) {
      return STORAGE;
    }
    if (kind.startsWith("timer.") || kind.startsWith("alarm.")) {
      return TIMER;
    }
    if (kind.startsWith("instance.") || kind.startsWith("object.")) {
      return LIFECYCLE;
    }
    return OTHER;
  }

  /** Faults, errors and failed checks: what "next fault" visits and Perfetto marks. */
  boolean alarming() {
    return compareTo(FAULT) >= 0;
  }
}
