package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.scheduler.RandomStream;
import java.util.List;
import java.util.Map;

/**
 * Everything a service instance may use of the world. Guests reach time, randomness, the network
 * and checks only through this, so that every effect is an event the simulation orders, records and
 * reproduces. Call only from inside the events the host runs the instance in.
 */
public interface ServiceHost {
  /** The service's name in the topology. */
  String serviceName();

  /** The trace actor of this instance, e.g. {@code bank#0}. */
  String actor();

  /** Sends a request by URL over the simulated network (Workers: global {@code fetch}). */
  Promise<Response> fetch(Request request);

  /**
   * Sends a request to the service bound under {@code binding} (Workers: {@code
   * env.BINDING.fetch(request)}), whatever host the URL names.
   *
   * @throws GuestException if the topology binds nothing under that name
   */
  Promise<Response> fetchBinding(String binding, Request request);

  /**
   * The named entrypoint (an exported {@code WorkerEntrypoint} class) the service binding {@code
   * binding} reaches, or null for the target's default export.
   */
  default String serviceBindingEntrypoint(String binding) {
    return null;
  }

  /**
   * A service binding somewhere in the topology that names an entrypoint of this service: {@code
   * service}'s {@code env.<binding>} reaches export {@code entrypoint}.
   */
  record BoundEntrypoint(String service, String binding, String entrypoint) {}

  /**
   * Every service binding that names an entrypoint of this service, in topology order, so the guest
   * can refuse to start when one is not exported (workerd refuses such a configuration at startup).
   */
  default List<BoundEntrypoint> boundEntrypoints() {
    return List.of();
  }

  /**
   * An opaque address of this guest (this instance in its current life, or this durable object) to
   * which another guest may send requests back with {@link #fetchReturnAddress}: how an RPC
   * callback (a function passed as an argument) reaches the caller.
   */
  default String returnAddress() {
    throw new GuestException("this host cannot take calls back");
  }

  /**
   * Sends {@code request} over the network to the guest whose {@link #returnAddress} {@code
   * address} is; an instance that has restarted since refuses it.
   */
  default Promise<Response> fetchReturnAddress(String address, Request request) {
    throw new GuestException("this host cannot call back");
  }

  /**
   * The durable-object namespace bound under {@code binding} (Workers: {@code env.COUNTER}).
   *
   * @throws GuestException if the topology binds no namespace under that name
   */
  DurableObjectNamespace durableObjects(String binding);

  /** The service's variables from the topology (Workers: string values in {@code env}). */
  Map<String, String> vars();

  /**
   * The names among {@link #vars()} whose values are JSON text to parse ({@code
   * ServiceSpec.withJsonVar}), in order; empty for string-only variables.
   */
  default java.util.List<String> jsonVars() {
    return java.util.Collections.emptyList();
  }

  /** The names this service's code can reach other services by ({@code env.NAME}), in order. */
  List<String> serviceBindings();

  /** The names of this service's durable-object namespaces ({@code env.NAME}), in order. */
  List<String> durableObjectBindings();

  /** Runs {@code callback} after {@code delayNanos} of virtual time (at least 0). */
  TimerHandle setTimer(long delayNanos, Runnable callback);

  /** Monotonic virtual time as this service reads it, in nanoseconds (performance.now). */
  long nowNanos();

  /** The simulated wall clock as this service reads it, in ms since 1970 (Date.now). */
  long epochMillis();

  /** This instance's random stream, derived from the seed and the instance's name. */
  RandomStream random();

  /** A line of guest output (console.log), recorded in the trace. */
  void log(String level, String message);

  /** A safety check from inside the guest: fails the run at once when {@code holds} is false. */
  void always(String name, boolean holds, String detail);

  /** A coverage point: the run records that {@code name} happened. */
  void sometimes(String name, boolean happened);

  /**
   * Reports the current truth of a liveness condition (an {@code eventually} check from guest
   * code): the last report per name counts, and the run's liveness phase needs every reported
   * condition to be true by its end, as with the simulation's own {@code eventually} checks.
   */
  void eventually(String name, boolean holds);

  /** A named fault site: true when the run's fault plan makes it fire now. */
  boolean buggify(String site);

  /**
   * The service's HTTP cache named {@code name} (Workers: {@code caches.default} is "default",
   * {@code caches.open(name)}).
   *
   * @throws GuestException on a host without caches
   */
  default HttpCache cache(String name) {
    throw new GuestException("this host has no HTTP cache (asked for '" + name + "')");
  }

  /**
   * Opens a WebSocket connection whose server end this guest holds ({@code listener} hears it); the
   * guest's 101 response names it ({@link WebSocketEnd#HEADER}) so its caller can claim the other
   * end.
   */
  default WebSocketEnd webSocketServer(WebSocketListener listener) {
    throw new GuestException(actor() + " cannot open WebSockets");
  }

  /**
   * Claims the client end of the connection a 101 response this guest received names.
   *
   * @throws GuestException if no connection by that id waits to be claimed
   */
  default WebSocketEnd webSocketClient(String connectionId, WebSocketListener listener) {
    throw new GuestException(actor() + " cannot accept WebSockets");
  }

  /**
   * The contract the topology declares for {@code service}, for guest code to validate what it
   * receives against ({@code w9y.contract(service)}); the same compiled contract the network checks
   * use, whatever the run's contract mode.
   *
   * @throws GuestException naming the service when it is not in the topology or has no contract
   */
  default dev.w9y.core.contract.Contract contract(String service) {
    throw new GuestException(actor() + " cannot read contracts (asked for '" + service + "')");
  }

  /** Keeps the instance's work alive until {@code work} settles (Workers: ctx.waitUntil). */
  void waitUntil(Promise<?> work);

  /** The {@code where} of {@link #reportError} for a promise rejected with no handler. */
  String UNHANDLED_REJECTION = "unhandled rejection";

  /**
   * Reports an error the guest's own code did not catch outside any request (a timer callback, a
   * microtask, an unhandled rejection): recorded in the trace as a guest error of this event, and a
   * failure of the seed unless the simulation tolerates it ({@code GuestErrorKind}).
   *
   * @param where what was running, e.g. "timer callback", or {@link #UNHANDLED_REJECTION}
   * @param description the error as the guest's language describes it (type, message, location)
   */
  void reportError(String where, String description);

  /**
   * Says this guest instance cannot run any more code (see {@link GuestInstanceLost}): the host
   * records it, fails what the instance owed as a crash would, and starts a fresh instance in a
   * later event. The guest must not be called again.
   */
  void instanceLost(String reason);

  /**
   * This guest's bindings to platform services (KV, queues, workflows, D1...): binding name to
   * {@link dev.w9y.core.platform.PlatformBinding#kind() kind}, in declaration order.
   */
  default Map<String, String> platformBindings() {
    return java.util.Collections.emptyMap();
  }

  /**
   * The handle of platform binding {@code binding} for this guest (see {@link
   * dev.w9y.core.platform.PlatformBinding#open}); the same handle on every call.
   */
  default Object platformBinding(String binding) {
    throw new GuestException(actor() + " has no platform binding " + binding);
  }
}
