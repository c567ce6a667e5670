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

  /**
   * Opens a WebSocket: sends {@code request} with {@code Upgrade: websocket} and, when the 101
   * response arrives, claims the connection it names. The handle sends at once (messages wait for
   * the connection) and collects what arrives.
   */
  WorkloadSocket webSocket(Request request);

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

  /**
   * Fails the seed at the current event, like a failed check named {@code workload} (in the trace
   * as {@code check.failed}): for a black-box harness whose verdict is an answer it got.
   */
  void fail(String why);

  /**
   * Sends a request and fails the seed ({@link #fail}) if its response has another status than
   * {@code expected}, naming the request and quoting the response; a network failure is the
   * caller's to handle, as with {@link #fetch}.
   */
  default Promise<Response> fetchExpecting(Request request, int expected) {
    return fetchExpecting(request, new int[] {expected});
  }

  /**
   * As {@link #fetchExpecting(Request, int)}, accepting any of {@code expected} (a topology file's
   * {@code expect: [200, 409]}).
   */
  default Promise<Response> fetchExpecting(Request request, int... expected) {
    return fetch(request)
        .onSuccess(
            response -> {
              for (int status : expected) {
                if (response.status() == status) {
                  return;
                }
              }
              StringBuilder wanted = new StringBuilder();
              for (int i = 0; i < expected.length; i++) {
                wanted.append(i == 0 ? "" : i == expected.length - 1 ? " or " : ", ");
                wanted.append(expected[i]);
              }
              String body =
                  response.body().strictText().orElse("<" + response.body().size() + " bytes>");
              fail(
                  request.method()
                      + " "
                      + request.url()
                      + " answered "
                      + response.status()
                      + ", expected "
                      + wanted
                      + ": "
                      + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
            });
  }

  /**
   * Runs {@code action} once every fault has been healed (the liveness phase began) and {@code
   * settle} of virtual time has passed: where a black-box harness checks that the system converged.
   * Registering it gives the run a liveness phase, which lasts at least until the action ran and
   * the requests it sent were answered (within the liveness budget).
   */
  void afterHealed(Duration settle, Runnable action);
}
