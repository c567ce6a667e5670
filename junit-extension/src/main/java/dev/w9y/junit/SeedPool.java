package dev.w9y.junit;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Runs one piece of work per seed on a fixed number of threads (one seed per thread at a time) and
 * hands the results back in the order the seeds came, so what a sweep reports does not depend on
 * which thread finished first. Each simulation is deterministic on whichever thread runs it; only
 * how many seeds fit in the wall-clock budget depends on the machine.
 *
 * <p>At most two seeds per thread are in flight, so the budget stops the sweep promptly and a slow
 * consumer (JUnit reporting one seed at a time) holds back the producers instead of queueing up
 * work that would run after the budget is spent.
 */
final class SeedPool<T> implements Iterator<SeedPool.Done<T>>, AutoCloseable {
  /** The result of one seed's work. */
  record Done<T>(long seed, T value) {}

  private final Iterator<Long> seeds;
  private final LongFunction<T> work;
  private final int maxInFlight;
  private final long deadlineNanos;
  private final ExecutorService pool;
  private final ArrayDeque<Submitted<T>> inFlight = new ArrayDeque<>();

  private record Submitted<T>(long seed, Future<T> future) {}

  /**
   * @param deadlineNanos a {@link System#nanoTime()} after which no new seed starts (seeds already
   *     started finish), or {@link Long#MAX_VALUE} for none
   */
  SeedPool(Iterator<Long> seeds, LongFunction<T> work, int threads, long deadlineNanos) {
    if (threads < 1) {
      throw new IllegalArgumentException("a sweep needs at least one thread, was " + threads);
    }
    this.seeds = seeds;
    this.work = work;
    this.maxInFlight = 2 * threads;
    this.deadlineNanos = deadlineNanos;
    AtomicInteger count = new AtomicInteger();
    // One whole simulation per thread: a simulation itself never sees another thread, so seeds
    // run in parallel without touching determinism.
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              // Daemon threads: an abandoned sweep (a JUnit run cut short) never keeps the JVM up.
              Thread thread = new Thread(runnable, "w9y-seed-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public boolean hasNext() {
    fill();
    if (inFlight.isEmpty()) {
      close();
      return false;
    }
    return true;
  }

  @Override
  public Done<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no seeds left in the sweep");
    }
    Submitted<T> oldest = inFlight.removeFirst();
    Done<T> done = new Done<>(oldest.seed(), await(oldest));
    fill();
    return done;
  }

  private void fill() {
    // The fuzz budget is wall time by design, read only here between simulations: it decides
    // which seeds start, never what happens inside one.
    while (inFlight.size() < maxInFlight && System.nanoTime() < deadlineNanos && seeds.hasNext()) {
      long seed = seeds.next();
      inFlight.addLast(new Submitted<>(seed, pool.submit(() -> work.apply(seed))));
    }
  }

  private T await(Submitted<T> submitted) {
    try {
      return submitted.future().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("sweep interrupted at seed " + submitted.seed(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "seed " + submitted.seed() + " threw outside its simulation: " + e.getCause(),
          e.getCause());
    }
  }

  /** Stops the threads; seeds still running are interrupted and their results dropped. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
