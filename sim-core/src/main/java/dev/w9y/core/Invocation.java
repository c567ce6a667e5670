package dev.w9y.core;

/**
 * One guest invocation, as Cloudflare counts them: a request handled by a service or a durable
 * object, a cron trigger, an alarm. Its subrequests (fetches, durable-object calls) are counted
 * against a per-invocation limit, and each carries the invocation's depth plus one: a request that
 * recursed through Workers too many times is refused, as in production (a simulator without these
 * limits lets two services that call each other in a loop run until the budget ends the run).
 *
 * <p>The world keeps the invocation whose work is running ({@link World#currentInvocation}) and
 * carries it through everything that work schedules (timers, storage completions, responses to its
 * fetches), like an async context. A guest's microtasks run inside whichever host call drains them,
 * so work interleaved across invocations within one event is counted against the invocation of that
 * event: deterministic, and exact for the usual await chains.
 */
final class Invocation {
  /**
   * Nesting of Workers calls production allows (the {@code CF-EW-Via} budget): a request at a
   * deeper level is refused.
   */
  static final int MAX_DEPTH = 16;

  /** Subrequests one invocation may make: the Workers Paid plan's limit (Free: 50). */
  static final int MAX_SUBREQUESTS = 10_000;

  static final String DEPTH_ERROR =
      "Subrequest depth limit exceeded. This request recursed through Workers too many times."
          + " This can happen e.g. if you have a Worker or Durable Object that calls other"
          + " Workers or objects recursively.";

  static final String SUBREQUESTS_ERROR = "Too many subrequests.";

  private final int depth;

  /**
   * The id of the request being handled (null for a cron trigger or an alarm): what links a
   * subrequest to the request that caused it, for a debugger's causal chain. Read only by
   * observers; it never changes what a run does.
   */
  private final String cause;

  private int subrequests;

  private Invocation(int depth, String cause) {
    this.depth = depth;
    this.cause = cause;
  }

  /** A cron trigger, an alarm: a fresh chain. */
  static Invocation fresh() {
    return new Invocation(1, null);
  }

  /** The handling of request {@code id} that arrived at {@code depth}. */
  static Invocation handling(int depth, String id) {
    return new Invocation(depth, id);
  }

  String cause() {
    return cause;
  }

  int depth() {
    return depth;
  }

  /**
   * Counts a subrequest; returns the error the guest gets instead, or null if it may go: too many
   * from this invocation, or one level deeper than production allows.
   */
  String admitSubrequest() {
    if (depth + 1 > MAX_DEPTH) {
      return DEPTH_ERROR;
    }
    if (++subrequests > MAX_SUBREQUESTS) {
      return SUBREQUESTS_ERROR;
    }
    return null;
  }
}
