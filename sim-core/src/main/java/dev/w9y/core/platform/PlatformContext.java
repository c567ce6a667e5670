package dev.w9y.core.platform;

import dev.w9y.core.Topology;
import dev.w9y.scheduler.RandomStream;
import java.util.Map;
import java.util.function.Function;

/**
 * The world as a platform service sees it: virtual time, named random streams, events and trace
 * records. Everything here is deterministic: streams are derived from the seed by name, events run
 * in the scheduler's order.
 */
public interface PlatformContext {
  /** The topology being simulated. */
  Topology topology();

  /** Virtual time since the run started. */
  long nowNanos();

  /** The platform's wall clock (Unix epoch millis) at {@link #nowNanos()}: never skewed. */
  long epochMillis();

  /**
   * The seeded random stream named {@code name} (e.g. {@code kv/staleness}); the same name gives
   * the same stream in every run of a seed. Give each decision its own stream so that adding one
   * does not shift the others.
   */
  RandomStream random(String name);

  /**
   * Runs {@code action} {@code delayNanos} from now as an event of its own, recorded in the trace
   * as {@code kind} by {@code actor} with {@code details} (insertion-ordered). Returns a handle
   * that cancels it.
   */
  Cancellable schedule(
      long delayNanos, String actor, String kind, Map<String, Object> details, Runnable action);

  /** Writes a trace record for the current event. */
  void record(String actor, String kind, Map<String, Object> details);

  /**
   * The run's storage faults (failed and slow writes, crashes after a durable write; a workflow's
   * checkpoints), asked with the platform service's own actor (e.g. {@code d1:orders}) so fault
   * scopes can name it.
   */
  default dev.w9y.core.storage.StorageHooks storageHooks() {
    return dev.w9y.core.storage.StorageHooks.NONE;
  }

  /**
   * The world's one instance of {@code type}, made by {@code create} on first use: the state every
   * service bound to the same platform service shares (KV entries, queued messages). If it is
   * {@link AutoCloseable}, it is closed when the run ends, after its last event.
   */
  <S> S shared(Class<S> type, Function<PlatformContext, S> create);

  /**
   * The run's fault hooks as {@code type} (a platform package's own hook interface, e.g. {@code
   * KvHooks}, which the fault injector implements), or {@code none} when the run injects no faults
   * of that kind.
   */
  <H> H hooks(Class<H> type, H none);

  /**
   * Hands {@code event} to a running instance of {@code service}, picked from the seeded stream
   * {@code platform/dispatch/<service>}, in an invocation of its own: {@code
   * ServiceInstance.dispatch(kind, event)}, which runs the guest's handler for platform kind {@code
   * kind} (a queue's {@code queue(batch, env, ctx)}, a workflow's {@code run(event, step)}; the
   * guest runtime's bridge for the kind turns {@code event} into what its code sees). Null if no
   * instance of the service runs. {@link Dispatch#result()} settles with what the handler settles
   * to; it rejects with a {@link dev.w9y.core.guest.GuestInstanceLost} if the instance crashes
   * first. When {@code errorsEscape}, an error of the handler is the guest's own (a queue
   * consumer's): it is also recorded as {@code guest.error} and, like an error escaping a cron
   * handler, fails the run unless tolerated; otherwise it is only the platform's to handle (a
   * workflow's run() failing makes its instance errored).
   */
  Dispatch dispatch(String service, String kind, Object event, boolean errorsEscape);

  /** An event handed to a guest: the instance that took it, and what its handler settled to. */
  record Dispatch(String actor, dev.w9y.core.async.Promise<Object> result) {}

  /** A scheduled event that may still be cancelled. */
  interface Cancellable {
    /** Whether this call cancelled it (false if it already ran or was cancelled). */
    boolean cancel();
  }
}
