package dev.w9y.scheduler;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, same-time order, sequence), indexed so that a
 * cancelled event leaves the heap at once in O(log n) instead of lingering as a tombstone: the
 * queue length is then exactly the number of live events, which the queue-length budget relies on.
 */
final class EventQueue {
  private ScheduledEvent[] heap = new ScheduledEvent[64];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  ScheduledEvent peek() {
    return size == 0 ? null : heap[0];
  }

  void add(ScheduledEvent event) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    siftUp(size++, event);
  }

  ScheduledEvent poll() {
    if (size == 0) {
      return null;
    }
    ScheduledEvent first = heap[0];
    removeAt(0);
    return first;
  }

  /** Removes a pending event; returns false if it is not in this queue. */
  boolean remove(ScheduledEvent event) {
    int index = event.heapIndex;
    if (index < 0 || index >= size || heap[index] != event) {
      return false;
    }
    removeAt(index);
    return true;
  }

  private void removeAt(int index) {
    ScheduledEvent removed = heap[index];
    removed.heapIndex = -1;
    int last = --size;
    ScheduledEvent moved = heap[last];
    heap[last] = null;
    if (index == last) {
      return;
    }
    siftDown(index, moved);
    if (heap[index] == moved) {
      siftUp(index, moved);
    }
  }

  private void siftUp(int index, ScheduledEvent event) {
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      ScheduledEvent above = heap[parent];
      if (!runsBefore(event, above)) {
        break;
      }
      heap[index] = above;
      above.heapIndex = index;
      index = parent;
    }
    heap[index] = event;
    event.heapIndex = index;
  }

  private void siftDown(int index, ScheduledEvent event) {
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      ScheduledEvent smaller = heap[child];
      int right = child + 1;
      if (right < size && runsBefore(heap[right], smaller)) {
        child = right;
        smaller = heap[child];
      }
      if (!runsBefore(smaller, event)) {
        break;
      }
      heap[index] = smaller;
      smaller.heapIndex = index;
      index = child;
    }
    heap[index] = event;
    event.heapIndex = index;
  }

  static boolean runsBefore(ScheduledEvent a, ScheduledEvent b) {
    if (a.timeNanos != b.timeNanos) {
      return a.timeNanos < b.timeNanos;
    }
    if (a.sameTimeOrder != b.sameTimeOrder) {
      return a.sameTimeOrder < b.sameTimeOrder;
    }
    return a.sequence < b.sequence;
  }
}
