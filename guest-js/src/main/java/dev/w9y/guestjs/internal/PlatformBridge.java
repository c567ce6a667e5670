package dev.w9y.guestjs.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.graalvm.polyglot.Value;
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
   * The guest's side of an event the platform hands this kind's handler ({@code
   * ServiceInstance.dispatch}: a queue's batch, a workflow's execution): {@code where} names the
   * handler in errors, {@code view} is what the prelude's {@code internal.platformEvents[kind]}
   * receives, and {@code outcome} reads what that settles to.
   */
  record GuestEvent(String where, Object view, Function<Value, Object> outcome) {}

  /** The guest's side of {@code event}; kinds whose engine hands guests no events have none. */
  default GuestEvent event(Object event, JsInstance instance) {
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
    bridges.put("r2", new R2Bridge());
    return bridges;
  }
}
