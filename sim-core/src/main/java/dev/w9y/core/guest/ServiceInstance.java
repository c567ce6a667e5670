package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;

/**
 * One running instance of a service. The host calls it only from inside scheduler events; the
 * promises it returns may settle many events later. A handler that throws, or whose promise
 * rejects, becomes a 500 response for the caller and a {@code guest.error} trace record.
 */
public interface ServiceInstance {
  /** Handles one incoming request (Workers: {@code fetch(request, env, ctx)}). */
  Promise<Response> fetch(Request request);

  /** Handles a cron trigger (Workers: {@code scheduled(event, env, ctx)}). */
  default Promise<Void> scheduled(ScheduledTrigger trigger) {
    return Promise.rejected(
        new GuestException("service has no scheduled handler for cron '" + trigger.cron() + "'"));
  }

  /**
   * Runs the guest's handler for an event of platform service {@code kind} (a queue's batch for
   * {@code queue(batch, env, ctx)}, a workflow instance's execution for its class's {@code run()}):
   * {@code event} is the engine's object, which the guest runtime's bridge for {@code kind} turns
   * into what its code sees. The promise settles with what the handler settles to.
   */
  default Promise<Object> dispatch(String kind, Object event) {
    return Promise.rejected(new GuestException("service has no handler for " + kind + " events"));
  }

  /** Drops all in-memory state: the instance is never called again. */
  void crash();

  /**
   * The run has ended: frees what the runtime holds beyond the JVM's garbage collector (a GraalJS
   * context stays registered with the shared engine until it is closed). Unlike {@link #crash} it
   * must not touch the world (no trace records, no timers cancelled): the trace is already finished
   * and the scheduler is dropped with the run. Called at most once, between events.
   */
  default void release() {}

  /** An instance made of three functions: how guest runtimes adapt their own instance types. */
  static ServiceInstance of(
      java.util.function.Function<Request, Promise<Response>> fetch,
      java.util.function.Function<ScheduledTrigger, Promise<Void>> scheduled,
      Runnable crash) {
    return of(fetch, scheduled, crash, () -> {});
  }

  /**
   * As {@link #of(java.util.function.Function, java.util.function.Function, Runnable)}, with what
   * {@link #release} does.
   */
  static ServiceInstance of(
      java.util.function.Function<Request, Promise<Response>> fetch,
      java.util.function.Function<ScheduledTrigger, Promise<Void>> scheduled,
      Runnable crash,
      Runnable release) {
    return new ServiceInstance() {
      @Override
      public Promise<Response> fetch(Request request) {
        return fetch.apply(request);
      }

      @Override
      public Promise<Void> scheduled(ScheduledTrigger trigger) {
        return scheduled.apply(trigger);
      }

      @Override
      public void crash() {
        crash.run();
      }

      @Override
      public void release() {
        release.run();
      }
    };
  }
}
