package dev.w9y.core.platform;

/**
 * Something a platform service does to a service on its own, as the topology declares it: a queue
 * consumer ({@code [[queues.consumers]]}) whose {@code queue(batch, env, ctx)} handler the queue
 * calls. Implementations are immutable descriptions; the platform service finds the triggers of its
 * kind among the topology's services ({@code ServiceSpec.platformTriggers}).
 */
public interface PlatformTrigger {
  /** The kind of platform service, e.g. {@code queue}. */
  String kind();

  /** How errors and the trace name this trigger, e.g. {@code consumer of queue jobs}. */
  String describe();
}
