package dev.w9y.selfcheck;

import dev.w9y.scheduler.Budgets;
import dev.w9y.scheduler.DispatchDigest;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;
import dev.w9y.scheduler.ScheduledEvent;
import dev.w9y.scheduler.Scheduler;
import dev.w9y.scheduler.SchedulerConfig;
import dev.w9y.scheduler.StopReason;
import dev.w9y.scheduler.Weighted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A randomized workload that exercises every part of the scheduler a simulation depends on: nodes
 * that tick on timers, send messages over long-tailed latencies, fan out several events at one
 * instant (so same-time shuffling matters), cancel and re-arm timers, draw from several named
 * streams, shuffle and pick by weight, and pause the run at checkpoints. Everything it observes is
 * folded into a {@link DispatchDigest}, so two runs of one seed agree only if the scheduler is
 * deterministic.
 */
public final class SchedulerWorkload {
  /** Virtual time the workload runs for. */
  static final Duration RUN_DURATION = Duration.ofMinutes(2);

  private static final Distribution LATENCY =
      Distribution.longTail(
          Distribution.uniform(Duration.ofMillis(1), Duration.ofMillis(20)),
          Ratio.of(1, 20),
          Distribution.exponential(Duration.ofMillis(200), Duration.ofSeconds(5)));
  private static final Distribution TICK_PERIOD =
      Distribution.uniform(Duration.ofMillis(50), Duration.ofMillis(500));

  private enum Action {
    SEND,
    BROADCAST_AT_ONE_INSTANT,
    REARM_TICK,
    IDLE
  }

  private static final List<Weighted<Action>> ACTIONS =
      List.of(
          Weighted.of(Action.SEND, 6),
          Weighted.of(Action.BROADCAST_AT_ONE_INSTANT, 1),
          Weighted.of(Action.REARM_TICK, 2),
          Weighted.of(Action.IDLE, 3));

  private final Scheduler scheduler;
  private final DispatchDigest digest;
  private final RandomStream choices;
  private final RandomStream network;
  private final int nodeCount;
  private final ScheduledEvent[] nextTick;
  private final long[] received;

  private SchedulerWorkload(long seed) {
    RandomStream options = RandomStream.root(seed).child("workload-options");
    boolean shuffle = options.nextBoolean();
    this.nodeCount = 3 + options.nextInt(6);
    this.scheduler =
        Scheduler.create(
            SchedulerConfig.of(seed)
                .withShuffleSameTimeEvents(shuffle)
                .withBudgets(Budgets.DEFAULT.withMaxEvents(200_000)));
    this.digest = DispatchDigest.attachTo(scheduler);
    this.choices = scheduler.random("choices");
    this.network = scheduler.random("network");
    this.nextTick = new ScheduledEvent[nodeCount];
    this.received = new long[nodeCount];
    digest.record(nodeCount);
    digest.record(shuffle ? 1 : 0);
  }

  /** Runs one seed and returns what it observed. */
  public static Result run(long seed) {
    return new SchedulerWorkload(seed).run();
  }

  /** What one run observed: enough to tell two runs apart. */
  public record Result(long seed, long events, long endNanos, String sha256) {
    /** One line per seed, the format the CI determinism check compares across JVMs. */
    public String line() {
      return "seed=" + seed + " events=" + events + " end=" + endNanos + " sha256=" + sha256;
    }
  }

  private Result run() {
    for (int node = 0; node < nodeCount; node++) {
      armTick(node);
    }
    scheduleCheckpoint();
    int pauses = 0;
    StopReason reason = scheduler.runFor(RUN_DURATION);
    while (reason == StopReason.PAUSED) {
      pauses++;
      digest.record("paused at " + scheduler.nowNanos());
      reason = scheduler.resume();
    }
    digest.record(pauses);
    for (var entry : scheduler.randomStreams().entrySet()) {
      digest.record(entry.getKey() + "=" + entry.getValue().drawCount());
    }
    for (long count : received) {
      digest.record(count);
    }
    return new Result(
        scheduler.seed(), scheduler.dispatchedCount(), scheduler.nowNanos(), digest.hex());
  }

  private void armTick(int node) {
    long period = scheduler.random("timers").sampleNanos(TICK_PERIOD);
    nextTick[node] = scheduler.scheduleAfter(period, "tick n" + node, () -> tick(node));
  }

  private void tick(int node) {
    Action action = choices.pickWeighted(ACTIONS);
    digest.record(action.name());
    switch (action) {
      case SEND -> send(node, pickPeer(node), 0);
      case BROADCAST_AT_ONE_INSTANT -> broadcast(node);
      case REARM_TICK -> digest.record(nextTick[node] != null && nextTick[node].cancel() ? 1 : 0);
      case IDLE -> digest.record(choices.nextLong());
    }
    armTick(node);
  }

  private void broadcast(int from) {
    // Every peer hears the broadcast at the same instant: the order among them is what same-time
    // shuffling explores.
    List<Integer> peers = new ArrayList<>();
    for (int node = 0; node < nodeCount; node++) {
      if (node != from) {
        peers.add(node);
      }
    }
    choices.shuffle(peers);
    long at = scheduler.nowNanos() + network.sampleNanos(LATENCY);
    for (int peer : peers) {
      scheduler.schedule(at, "broadcast n" + from + "->n" + peer, () -> receive(peer, from, 0));
    }
  }

  private void send(int from, int to, int hops) {
    long latency = network.sampleNanos(LATENCY);
    digest.record(latency);
    scheduler.scheduleAfter(
        latency, "deliver n" + from + "->n" + to, () -> receive(to, from, hops));
  }

  private void receive(int node, int from, int hops) {
    received[node]++;
    if (hops < 3 && network.chance(Ratio.of(1, 3))) {
      send(node, from, hops + 1);
    }
  }

  private int pickPeer(int node) {
    int peer = choices.nextInt(nodeCount - 1);
    return peer >= node ? peer + 1 : peer;
  }

  private void scheduleCheckpoint() {
    long after = scheduler.random("checkpoints").nextLong(1, Duration.ofSeconds(20).toNanos());
    scheduler.scheduleAfter(
        after,
        "checkpoint",
        () -> {
          scheduler.pause();
          scheduleCheckpoint();
        });
  }
}
