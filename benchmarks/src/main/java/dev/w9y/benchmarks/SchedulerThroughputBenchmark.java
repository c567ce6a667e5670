package dev.w9y.benchmarks;

import dev.w9y.scheduler.Budgets;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Scheduler;
import dev.w9y.scheduler.SchedulerConfig;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * No-op events through the W9Y scheduler against a bare {@link PriorityQueue} loop doing the same
 * work, in the same run: the ratio between the two is the figure that matters.
 *
 * <ul>
 *   <li><b>batch</b>: schedule {@code pending} no-op events at seeded times, then run them all;
 *       repeated until {@value #EVENTS} events have run.
 *   <li><b>hold</b>: the classic discrete-event "hold" model: {@code pending} events stay pending,
 *       and each dispatched event schedules one more at a seeded delay, {@value #EVENTS} times.
 * </ul>
 *
 * <p>{@code pending} is the queue depth: a simulation of a few services keeps tens to hundreds of
 * events pending (timers, messages in flight); 10,000 stands for a large one. Scores are events per
 * second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SchedulerThroughputBenchmark {
  static final int EVENTS = 200_000;

  @Param({"100", "10000"})
  public int pending;

  private long[] times;
  private long[] delays;

  @Setup
  public void drawTimes() {
    RandomStream random = RandomStream.root(1234).child("benchmark");
    times = new long[pending];
    for (int i = 0; i < pending; i++) {
      times[i] = random.nextLong(1_000_000_000L);
    }
    delays = new long[EVENTS + pending];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = random.nextLong(1_000_000L);
    }
  }

  private static Scheduler newScheduler() {
    return Scheduler.create(
        SchedulerConfig.of(1).withBudgets(Budgets.DEFAULT.withMaxEvents(Long.MAX_VALUE)));
  }

  // ---------------------------------------------------------------- batch

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long batchScheduler() {
    Scheduler scheduler = newScheduler();
    Runnable noOp = () -> {};
    for (int batch = 0; batch < EVENTS / pending; batch++) {
      long base = scheduler.nowNanos();
      for (long time : times) {
        scheduler.schedule(base + time, "no-op", noOp);
      }
      scheduler.run();
    }
    return scheduler.dispatchedCount();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long batchBarePriorityQueue() {
    PriorityQueue<BareEvent> queue = new PriorityQueue<>(BareEvent.ORDER);
    Runnable noOp = () -> {};
    long sequence = 0;
    long now = 0;
    long dispatched = 0;
    for (int batch = 0; batch < EVENTS / pending; batch++) {
      long base = now;
      for (long time : times) {
        queue.add(new BareEvent(base + time, sequence++, noOp));
      }
      BareEvent event;
      while ((event = queue.poll()) != null) {
        now = event.time;
        event.action.run();
        dispatched++;
      }
    }
    return dispatched + now;
  }

  // ---------------------------------------------------------------- hold

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long holdScheduler() {
    Scheduler scheduler = newScheduler();
    long[] delays = this.delays;
    int[] next = {0};
    Runnable[] hold = new Runnable[1];
    hold[0] =
        () -> {
          if (next[0] < EVENTS) {
            scheduler.scheduleAfter(delays[next[0]++], "hold", hold[0]);
          }
        };
    for (int i = 0; i < pending; i++) {
      scheduler.schedule(delays[EVENTS + i], "hold", hold[0]);
    }
    scheduler.run();
    return scheduler.dispatchedCount();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long holdBarePriorityQueue() {
    PriorityQueue<BareEvent> queue = new PriorityQueue<>(BareEvent.ORDER);
    long[] delays = this.delays;
    long[] clock = {0, 0, 0}; // now, next sequence, next delay index
    Runnable[] hold = new Runnable[1];
    hold[0] =
        () -> {
          if (clock[2] < EVENTS) {
            queue.add(new BareEvent(clock[0] + delays[(int) clock[2]++], clock[1]++, hold[0]));
          }
        };
    for (int i = 0; i < pending; i++) {
      queue.add(new BareEvent(delays[EVENTS + i], clock[1]++, hold[0]));
    }
    long dispatched = 0;
    BareEvent event;
    while ((event = queue.poll()) != null) {
      clock[0] = event.time;
      event.action.run();
      dispatched++;
    }
    return dispatched;
  }

  /** What a minimal simulator would keep per event: a time, a tie-break and an action. */
  private record BareEvent(long time, long sequence, Runnable action) {
    // Hand-written rather than Comparator.comparingLong(...): the strongest baseline we can give.
    static final Comparator<BareEvent> ORDER =
        (a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence);
  }
}
