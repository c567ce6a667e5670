package dev.w9y.core.kv;

/**
 * Where fault injection acts on KV: how long a write takes to reach another location. The default
 * (no faults) propagates every write at once, so only the read cache ({@code cacheTtl}) can make a
 * read stale.
 */
public interface KvHooks {
  KvHooks NONE = new KvHooks() {};

  /**
   * How long after it was made a write to {@code key} of {@code namespace} by another location
   * becomes visible to reads at {@code location} (a trace actor), in nanoseconds; asked at most
   * once per write and location, when a read there first needs to know.
   */
  default long kvPropagationNanos(String location, String namespace, String key) {
    return 0;
  }
}
