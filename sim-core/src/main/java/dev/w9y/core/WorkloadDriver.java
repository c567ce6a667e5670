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

  /** The world, for reading state (checks do the same). */
  World world();
}
