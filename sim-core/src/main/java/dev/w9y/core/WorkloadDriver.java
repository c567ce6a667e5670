package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.TimerHandle;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.scheduler.RandomStream;
import java.time.Duration;

/** What a workload may do: talk to public services from outside, wait, draw numbers, take notes. */
public interface WorkloadDriver {
  /** Sends a request from outside the system; only public services accept it. */
  Promise<Response> fetch(Request request);

  /** Runs {@code action} after {@code delay} of virtual time. */
  TimerHandle after(Duration delay, Runnable action);

  /** The workload's random stream. */
  RandomStream random();

  long nowNanos();

  /** Records an observation in the trace ({@code workload.note}). */
  void note(String text);

  /**
   * {@code count} scaled to the run's workload size (at least 1): a workload that takes its sizes
   * from here can be made smaller when a failure is shrunk. At full size it is {@code count}.
   */
  int scaled(int count);

  /** The world, for reading state (checks do the same). */
  World world();
}
