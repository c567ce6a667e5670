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
   * Hands {@code event} to a running instance of service {@code service} (seeded among the running
   * ones) in an invocation of its own: {@code ServiceInstance.platformEvent(kind, event)}, e.g. a
   * workflow's {@code run()} or a queue's batch. Null if no instance of the service runs. The
   * delivery's result rejects with a {@link dev.w9y.core.guest.GuestInstanceLost} if the instance
   * crashes before it settles.
   */
  Delivery deliver(String service, String kind, Object event);

  /** An event handed to a guest: which instance took it, and what its handler settled to. */
  record Delivery(String actor, dev.w9y.core.async.Promise<Object> result) {}

  /**
   * The run's fault hooks as {@code type} (a platform package's own hook interface, e.g. {@code
   * KvHooks}, which the fault injector implements), or {@code none} when the run injects no faults
   * of that kind.
   */
  <H> H hooks(Class<H> type, H none);

  /**
   * Calls a guest's handler from the platform (a queue's {@code queue(batch, env, ctx)}): a running
   * instance of {@code service}, picked from the seeded stream {@code platform/dispatch/<service>},
   * runs its {@code handler} handler on {@code event} in a fresh invocation; the guest's runtime
   * turns {@code event} into what its code sees with its bridge for platform kind {@code kind}.
   * Returns null if no instance of the service runs. {@link Dispatch#done()} fulfils when the
   * handler's promise does; it rejects with the handler's error (recorded as {@code guest.error}
   * and, like an error escaping a cron handler, failing the run unless tolerated), or with a {@link
   * dev.w9y.core.guest.GuestException} if the instance crashes first.
   */
  Dispatch dispatch(String service, String handler, String kind, Object event);

  /** A handler call the platform started: the instance running it, and its outcome. */
  record Dispatch(String actor, dev.w9y.core.async.Promise<Void> done) {}

  /** A scheduled event that may still be cancelled. */
  interface Cancellable {
    /** Whether this call cancelled it (false if it already ran or was cancelled). */
    boolean cancel();
  }
}
