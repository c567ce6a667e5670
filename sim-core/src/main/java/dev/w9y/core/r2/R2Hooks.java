package dev.w9y.core.r2;

/**
 * Where fault injection acts on R2: an operation that fails with R2's transient internal error
 * ({@code We encountered an internal error. Please try again. (10001)}), as real R2 answers now and
 * then and a Worker should retry. The default (no faults) never fails.
 */
public interface R2Hooks {
  R2Hooks NONE = new R2Hooks() {};

  /**
   * Whether operation {@code operation} ({@code get}, {@code put}...) on {@code key} of {@code
   * bucket} by {@code actor} fails with an internal error; asked once per operation, when it runs.
   * A failed write changes nothing.
   */
  default boolean r2InternalError(String actor, String bucket, String operation, String key) {
    return false;
  }
}
