package dev.w9y.core.platform;

/**
 * What one guest (a service instance or a durable object) offers the platform services it is bound
 * to: who it is, and the gates its operations pass.
 */
public interface PlatformAccess {
  /** The world's platform services. */
  PlatformContext platform();

  /** The service the guest belongs to. */
  String serviceName();

  /** The guest's trace actor, e.g. {@code api#0} or {@code COUNTER:3fa1c2d4}. */
  String actor();

  /**
   * Starts an operation of the guest's current invocation; call it when the guest starts the
   * operation, not when it completes, so the completion finds the life (and, for a durable object,
   * the request context) that asked.
   */
  Operation operation();

  /** One operation a guest started. */
  interface Operation {
    /**
     * Runs {@code completion} in the guest now or when its input gate allows, or never if the guest
     * that started the operation has crashed or restarted since.
     */
    void complete(Runnable completion);

    /**
     * Sends an outbound effect (a write others can see) now or when the guest's output gate allows
     * (a durable object holds it until its earlier storage writes are durable).
     */
    void emit(Runnable effect);
  }
}
