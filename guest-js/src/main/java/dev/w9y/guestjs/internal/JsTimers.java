package dev.w9y.guestjs.internal;

import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.TimerHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * One guest instance's timer queue. The world's scheduler shuffles events due at the same instant
 * (to explore orderings), but HTML orders timers with equal due times by when they were set; so the
 * instance keeps its own queue in (due time, creation order) and arms one world timer for the
 * earliest. Each due timer then runs as its own host-to-guest call, so microtasks drain between
 * timers as the spec requires.
 */
final class JsTimers {
  private record Key(long dueNanos, long sequence) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byTime = Long.compare(dueNanos, other.dueNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final ServiceHost host;
  private final IntConsumer fire;
  private final java.util.function.Consumer<Runnable> asOneEvent;
  private final TreeMap<Key, Integer> queue = new TreeMap<>();
  private final Map<Integer, Key> byId = new LinkedHashMap<>();
  private long nextSequence;
  private TimerHandle armed;
  private long armedDueNanos;
  private boolean stopped;

  /**
   * @param fire runs one timer's callback, as its own host-to-guest call
   * @param asOneEvent runs the timers due at one instant as one event, with one budget: a timer
   *     flood (each callback setting more timers) must run out of it as a microtask flood does
   */
  JsTimers(ServiceHost host, IntConsumer fire, java.util.function.Consumer<Runnable> asOneEvent) {
    this.host = host;
    this.fire = fire;
    this.asOneEvent = asOneEvent;
  }

  void set(int id, long delayMillis) {
    clear(id);
    Key key = new Key(host.nowNanos() + delayMillis * 1_000_000L, nextSequence++);
    queue.put(key, id);
    byId.put(id, key);
    arm();
  }

  void clear(int id) {
    Key key = byId.remove(id);
    if (key != null) {
      queue.remove(key);
    }
  }

  /** Whether no timer is set (a durable object with none may hibernate). */
  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Stops every timer: the instance crashed. */
  void stop() {
    stopped = true;
    queue.clear();
    byId.clear();
    if (armed != null) {
      armed.cancel();
      armed = null;
    }
  }

  private void arm() {
    if (stopped || queue.isEmpty()) {
      return;
    }
    long due = queue.firstKey().dueNanos();
    if (armed != null && armedDueNanos <= due) {
      return;
    }
    if (armed != null) {
      armed.cancel();
    }
    armedDueNanos = due;
    armed = host.setTimer(Math.max(0, due - host.nowNanos()), this::runDue);
  }

  /**
   * Runs the timers due now that existed when this world event began; timers they set (even with
   * delay 0) wait for a later world event, so a guest re-arming timers cannot starve the world.
   */
  private void runDue() {
    armed = null;
    asOneEvent.accept(this::fireDue);
    arm();
  }

  private void fireDue() {
    long now = host.nowNanos();
    long sequenceLimit = nextSequence;
    while (!stopped && !queue.isEmpty()) {
      Map.Entry<Key, Integer> first = queue.firstEntry();
      if (first.getKey().dueNanos() > now || first.getKey().sequence() >= sequenceLimit) {
        break;
      }
      queue.remove(first.getKey());
      byId.remove(first.getValue());
      fire.accept(first.getValue());
    }
  }
}
