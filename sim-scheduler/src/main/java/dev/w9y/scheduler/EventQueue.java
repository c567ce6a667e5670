package dev.w9y.scheduler;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, order key), where the order key is the scheduling
 * sequence (or, when same-time events are shuffled, a seeded random key; see {@link Scheduler}).
 *
 * <p>Keys live in primitive arrays beside the event references, so sifting compares contiguous
 * longs instead of chasing a pointer per comparison. The heap is indexed (each event knows its
 * slot) so that a cancelled event leaves at once in O(log n) rather than lingering as a tombstone:
 * the queue length is then exactly the number of live events, which the queue-length budget uses.
 */
final class EventQueue {
  private long[] times = new long[64];
  private long[] orders = new long[64];
  private ScheduledEvent[] events = new ScheduledEvent[64];
  private int size;

  int size() {
    return size;
  }

  ScheduledEvent peek() {
    return size == 0 ? null : events[0];
  }

  void add(ScheduledEvent event) {
    if (size == events.length) {
      int capacity = size * 2;
      times = Arrays.copyOf(times, capacity);
      orders = Arrays.copyOf(orders, capacity);
      events = Arrays.copyOf(events, capacity);
    }
    siftUp(size++, event.timeNanos, event.orderKey, event);
  }

  /** Removes the first event, marking it dispatched; the queue must not be empty. */
  ScheduledEvent pollForDispatch() {
    ScheduledEvent first = events[0];
    removeAt(0, ScheduledEvent.DISPATCHED);
    return first;
  }

  /** Removes a pending event, marking it cancelled; returns false if it is not in this queue. */
  boolean cancel(ScheduledEvent event) {
    int index = event.heapIndex;
    if (index < 0 || index >= size || events[index] != event) {
      return false;
    }
    removeAt(index, ScheduledEvent.CANCELLED);
    return true;
  }

  private void removeAt(int index, int fate) {
    events[index].heapIndex = fate;
    int last = --size;
    ScheduledEvent moved = events[last];
    long movedTime = times[last];
    long movedOrder = orders[last];
    events[last] = null;
    if (index == last) {
      return;
    }
    siftDown(index, movedTime, movedOrder, moved);
    if (events[index] == moved) {
      siftUp(index, movedTime, movedOrder, moved);
    }
  }

  private void siftUp(int index, long time, long order, ScheduledEvent event) {
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      long parentTime = times[parent];
      if (time > parentTime || (time == parentTime && order >= orders[parent])) {
        break;
      }
      place(index, parentTime, orders[parent], events[parent]);
      index = parent;
    }
    place(index, time, order, event);
  }

  private void siftDown(int index, long time, long order, ScheduledEvent event) {
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size
          && (times[right] < times[child]
              || (times[right] == times[child] && orders[right] < orders[child]))) {
        child = right;
      }
      long childTime = times[child];
      if (time < childTime || (time == childTime && order <= orders[child])) {
        break;
      }
      place(index, childTime, orders[child], events[child]);
      index = child;
    }
    place(index, time, order, event);
  }

  private void place(int index, long time, long order, ScheduledEvent event) {
    times[index] = time;
    orders[index] = order;
    events[index] = event;
    event.heapIndex = index;
  }

  /** The pending events in the order they will run (a sorted copy; O(n log n)). */
  java.util.List<ScheduledEvent> snapshot() {
    java.util.List<ScheduledEvent> copy =
        new java.util.ArrayList<>(java.util.Arrays.asList(events).subList(0, size));
    copy.sort((a, b) -> runsBefore(a, b) ? -1 : runsBefore(b, a) ? 1 : 0);
    return copy;
  }

  /** The queue's order, for tests and assertions. */
  static boolean runsBefore(ScheduledEvent a, ScheduledEvent b) {
    if (a.timeNanos != b.timeNanos) {
      return a.timeNanos < b.timeNanos;
    }
    return a.orderKey < b.orderKey;
  }
}
