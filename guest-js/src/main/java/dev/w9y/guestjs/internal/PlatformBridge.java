package dev.w9y.guestjs.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host functions behind one kind of platform binding (KV, queues, workflows, D1...): what the
 * prelude's class for that kind ({@code internal.platformBindings[kind]}) calls. The engine side of
 * each kind lives in its own sim-core package; its bridge turns the binding's handle (see {@code
 * dev.w9y.core.platform.PlatformBinding#open}) into functions of primitives, binary strings and
 * promises, as {@link HostBridge} does for the rest of the host.
 */
interface PlatformBridge {
  /** The {@code PlatformBinding.kind()} this bridge serves. */
  String kind();

  /**
   * Defines the functions of one binding's handle; the prelude reaches them as the object {@code
   * host.platformBinding(name)} returns.
   */
  void define(Object handle, JsInstance instance, BiConsumer<String, ProxyExecutable> define);

  /**
   * Runs an event the platform service hands the guest ({@code ServiceInstance.platformEvent}: a
   * workflow's {@code run()}, a queue's batch) in the service's module; a host promise of what the
   * guest's handler settles to.
   */
  default dev.w9y.core.async.Promise<Object> dispatch(
      Object event,
      JsInstance instance,
      org.graalvm.polyglot.Value exports,
      org.graalvm.polyglot.Value env) {
    return dev.w9y.core.async.Promise.rejected(
        new dev.w9y.core.guest.GuestException("JavaScript guests take no " + kind() + " events"));
  }

  /**
   * The guest's view of an event the platform hands a handler of this kind ({@code
   * ServiceInstance.dispatch}): what the prelude's {@code internal.platformEvents[kind]} receives.
   */
  default Object event(Object event, JsInstance instance) {
    throw new dev.w9y.core.guest.GuestException(
        "platform services of kind " + kind() + " call no JavaScript handlers");
  }

  /** Every kind's bridge, by kind. Add a kind's bridge here. */
  static Map<String, PlatformBridge> all() {
    Map<String, PlatformBridge> bridges = new LinkedHashMap<>();
    bridges.put("d1", new D1Bridge());
    bridges.put("workflow", new WorkflowBridge());
    bridges.put("kv", new KvBridge());
    bridges.put("queue", new QueueBridge());
    return bridges;
  }
}
