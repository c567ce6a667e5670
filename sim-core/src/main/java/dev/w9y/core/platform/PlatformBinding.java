package dev.w9y.core.platform;

/**
 * A binding of a service to a platform service, as the topology declares it ({@code env.BINDING}).
 * Implementations are immutable descriptions (a KV namespace id, a queue name...); the state behind
 * them lives in the world (see {@link PlatformContext#shared}).
 */
public interface PlatformBinding {
  /**
   * The kind of platform service, e.g. {@code kv}, {@code queue}, {@code workflow}, {@code d1}: the
   * guest runtime picks the bridge (and, for JavaScript, the prelude class) by it.
   */
  String kind();

  /** How errors and the trace header name this binding, e.g. {@code kv namespace SESSIONS}. */
  String describe();

  /**
   * The handle one guest's code drives this binding through; called once per guest instance (or
   * durable object) and binding, when its {@code env} is made. The guest runtime's bridge for
   * {@link #kind()} knows the handle's type.
   */
  Object open(PlatformAccess access);
}
