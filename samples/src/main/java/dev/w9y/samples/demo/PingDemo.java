package dev.w9y.samples.demo;

import dev.w9y.scheduler.AllowNondeterminism;
import dev.w9y.scheduler.DispatchDigest;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;
import dev.w9y.scheduler.Scheduler;
import dev.w9y.scheduler.VirtualTime;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A first simulation, on the scheduler alone: a client pings a server over a lossy network with
 * long-tailed latency and retries on a timeout. Every latency, loss and ordering comes from the
 * seed, so the same seed prints the same run and the same digest, on any machine.
 *
 * <p>This demo stands in until the sim-core and guest issues land a real sample system.
 */
public final class PingDemo {
  private static final Distribution LATENCY =
      Distribution.longTail(
          Distribution.uniform(Duration.ofMillis(5), Duration.ofMillis(40)),
          Ratio.of(1, 10),
          Distribution.exponential(Duration.ofMillis(400), Duration.ofSeconds(3)));
  private static final Ratio LOSS = Ratio.of(1, 5);
  private static final long TIMEOUT_NANOS = Duration.ofMillis(250).toNanos();
  private static final int PINGS = 5;

  private final Scheduler scheduler;
  private final RandomStream network;
  private final List<String> log = new ArrayList<>();
  private int answered;
  private int attempts;

  private PingDemo(long seed) {
    this.scheduler = Scheduler.create(seed);
    this.network = scheduler.random("network");
  }

  /** What one seed did: the log lines, and the digest of every dispatched event. */
  public record Outcome(
      long seed, List<String> log, int answered, int attempts, long events, String sha256) {}

  public static Outcome run(long seed) {
    return new PingDemo(seed).run();
  }

  private Outcome run() {
    DispatchDigest digest = DispatchDigest.attachTo(scheduler);
    scheduler.addDispatchListener(
        (index, event) ->
            log.add(
                String.format(
                    Locale.ROOT,
                    "%4d %s  %s",
                    index,
                    VirtualTime.format(event.timeNanos()),
                    event.label())));
    for (int ping = 1; ping <= PINGS; ping++) {
      int id = ping;
      scheduler.schedule(
          ping * Duration.ofSeconds(1).toNanos(), "client sends ping " + id, () -> send(id, 1));
    }
    scheduler.run();
    return new Outcome(
        scheduler.seed(),
        List.copyOf(log),
        answered,
        attempts,
        scheduler.dispatchedCount(),
        digest.hex());
  }

  private void send(int ping, int attempt) {
    attempts++;
    boolean[] done = {false};
    var timeout =
        scheduler.scheduleAfter(
            TIMEOUT_NANOS,
            "client times out ping " + ping + " attempt " + attempt,
            () -> {
              if (attempt < 3) {
                send(ping, attempt + 1);
              }
            });
    if (network.chance(LOSS)) {
      return; // the request is lost; only the timeout will notice
    }
    scheduler.scheduleAfter(
        network.sampleNanos(LATENCY),
        "server receives ping " + ping + " attempt " + attempt,
        () -> {
          if (network.chance(LOSS)) {
            return; // the reply is lost
          }
          scheduler.scheduleAfter(
              network.sampleNanos(LATENCY),
              "client receives pong " + ping + " attempt " + attempt,
              () -> {
                if (!done[0] && timeout.cancel()) {
                  done[0] = true;
                  answered++;
                }
              });
        });
  }

  @AllowNondeterminism(reason = "demo entry point: prints the simulated run for a person to read")
  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
    Outcome outcome = run(seed);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print("W9Y ping demo, seed " + seed + "\n");
    for (String line : outcome.log()) {
      out.print(line + "\n");
    }
    out.print(
        outcome.answered()
            + " of "
            + PINGS
            + " pings answered in "
            + outcome.attempts()
            + " attempts, "
            + outcome.events()
            + " events\n");
    out.print("trace sha256 " + outcome.sha256() + "\n");
    out.print("Run it again with seed " + seed + ": same events, same hash.\n");
    out.flush();
  }
}
