package dev.w9y.core;

/**
 * The errors that fail a seed by default, as FoundationDB's simulator fails a run on any severe
 * error: each is something no guest code can still handle, so a run that shows one has found a bug
 * unless the test says it expects it ({@link Simulation.Builder#tolerate}).
 *
 * <p>An error that rejects a caller's promise (a durable object's {@code fetch()} throwing, a
 * service answering another service with a 500) belongs to the caller, as in workerd: it fails the
 * seed only if the caller does not handle it either.
 */
public enum GuestErrorKind {
  /**
   * An exception that escaped guest code: a fetch handler whose error ends a workload request as a
   * 500, a cron or alarm handler that throws, a timer callback, event listener or microtask that
   * throws, {@code reportError()}, a WebAssembly trap.
   */
  UNCAUGHT_EXCEPTION,

  /** A promise rejected with no handler attached (including a rejected {@code ctx.waitUntil}). */
  UNHANDLED_REJECTION,

  /**
   * A service that could not start: code that does not load (a syntax error, an invalid {@code
   * .wasm}), an entry module that throws while it is evaluated, a missing default export.
   */
  BOOT_FAILURE,

  /**
   * A request the workload sent that was still unanswered when the run ended: neither a response
   * nor a network failure reached the workload, even after the liveness phase healed every fault.
   */
  UNANSWERED_REQUEST
}
