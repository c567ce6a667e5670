package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectId;
import dev.w9y.core.guest.DurableObjectNamespace;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.HttpCache;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.TimerHandle;
import dev.w9y.core.guest.WebSocketEnd;
import dev.w9y.core.guest.WebSocketListener;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformBinding;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.scheduler.RandomStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The host API one guest (a service instance or a durable object) sees. Asynchronous operations
 * belong to the endpoint {@code opsOwner} supplies at the moment they start: for a durable object
 * that endpoint carries the request context, which its gates need.
 */
class GuestHost implements ServiceHost {
  final World world;
  final ServiceRuntime service;
  private final String actor;
  private final RandomStream random;
  private final Supplier<Endpoint> opsOwner;

  /** The handles of the platform bindings this guest's code has opened, by binding name. */
  private final Map<String, Object> openBindings = new java.util.LinkedHashMap<>();

  GuestHost(
      World world,
      ServiceRuntime service,
      String actor,
      RandomStream random,
      Supplier<Endpoint> opsOwner) {
    this.world = world;
    this.service = service;
    this.actor = actor;
    this.random = random;
    this.opsOwner = opsOwner;
  }

  @Override
  public String serviceName() {
    return service.name();
  }

  @Override
  public String actor() {
    return actor;
  }

  @Override
  public HttpCache cache(String name) {
    return service.caches().cache(name, actor);
  }

  @Override
  public dev.w9y.core.contract.Contract contract(String name) {
    ServiceRuntime target = world.services().get(name);
    if (target == null) {
      throw new GuestException(
          "w9y.contract: no service named '"
              + name
              + "' in the topology (services: "
              + world.services().keySet()
              + ")");
    }
    if (target.spec().contract() == null) {
      throw new GuestException("w9y.contract: service '" + name + "' declares no contract");
    }
    return target.spec().contract();
  }

  @Override
  public Promise<Response> fetch(Request request) {
    // By URL, as over the internet: a Worker that threw answers a 500 (a service binding's
    // caller gets the exception instead; see ServiceRuntime).
    return world
        .send(opsOwner.get(), request, null)
        .recover(
            error -> {
              if (error instanceof dev.w9y.core.guest.RemoteError) {
                return Response.text(500, "Internal Server Error");
              }
              if (error instanceof RuntimeException runtime) {
                throw runtime;
              }
              if (error instanceof Error fatal) {
                throw fatal;
              }
              throw new IllegalStateException(error);
            });
  }

  @Override
  public Promise<Response> fetchBinding(String binding, Request request) {
    if (service.spec().assets() != null && binding.equals(service.spec().assets().binding())) {
      return world.send(opsOwner.get(), request, service.assetsDestination());
    }
    String target = service.spec().bindings().get(binding);
    if (target == null) {
      throw new GuestException(
          "service '"
              + service.name()
              + "' has no service binding named "
              + binding
              + " (it has "
              + service.spec().bindings().keySet()
              + ")");
    }
    return world.send(opsOwner.get(), request, world.runtime(target));
  }

  /** "instance SERVICE INDEX GENERATION"; durable objects override it (see ObjectRuntime). */
  @Override
  public String returnAddress() {
    if (opsOwner.get() instanceof ServiceRuntime.Instance instance) {
      return "instance " + service.name() + " " + instance.index() + " " + instance.generation();
    }
    throw new GuestException(actor + " cannot take calls back");
  }

  @Override
  public Promise<Response> fetchReturnAddress(String address, Request request) {
    String[] parts = address.split(" ");
    Destination target;
    try {
      ServiceRuntime owner = world.runtime(parts[1]);
      target =
          parts[0].equals("instance")
              ? owner.instanceDestination(Integer.parseInt(parts[2]), Integer.parseInt(parts[3]))
              : owner.namespace(parts[2]).object(new DurableObjectId(parts[3], null));
    } catch (RuntimeException e) {
      throw new GuestException("not a return address: " + address);
    }
    return world.send(opsOwner.get(), request, target);
  }

  @Override
  public String serviceBindingEntrypoint(String binding) {
    return service.spec().entrypoints().get(binding);
  }

  @Override
  public List<BoundEntrypoint> boundEntrypoints() {
    List<BoundEntrypoint> bound = new java.util.ArrayList<>();
    for (ServiceRuntime other : world.services().values()) {
      ServiceSpec spec = other.spec();
      for (Map.Entry<String, String> entry : spec.entrypoints().entrySet()) {
        if (service.name().equals(spec.bindings().get(entry.getKey()))) {
          bound.add(new BoundEntrypoint(spec.name(), entry.getKey(), entry.getValue()));
        }
      }
    }
    return bound;
  }

  @Override
  public DurableObjectNamespace durableObjects(String binding) {
    NamespaceRuntime namespace = service.namespace(binding);
    String foreign = service.spec().objectBindings().get(binding);
    if (namespace == null && foreign != null) {
      // Another service's namespace (validated by the topology): the very same objects.
      String[] target = foreign.split("/", 2);
      namespace = world.runtime(target[0]).namespace(target[1]);
    }
    if (namespace == null) {
      throw new GuestException(
          "service '"
              + service.name()
              + "' has no durable-object binding named "
              + binding
              + " (it has "
              + service.namespaces().keySet()
              + ")");
    }
    return namespace.stubFor(opsOwner);
  }

  @Override
  public List<String> serviceBindings() {
    List<String> names = new java.util.ArrayList<>(service.spec().bindings().keySet());
    if (service.spec().assets() != null && service.spec().assets().binding() != null) {
      names.add(service.spec().assets().binding()); // env.ASSETS: a Fetcher, as in workerd
    }
    return List.copyOf(names);
  }

  @Override
  public List<String> durableObjectBindings() {
    List<String> all = new java.util.ArrayList<>(service.spec().durableObjects().keySet());
    all.addAll(service.spec().objectBindings().keySet());
    return List.copyOf(all);
  }

  @Override
  public Map<String, String> vars() {
    return service.spec().vars();
  }

  @Override
  public java.util.List<String> jsonVars() {
    return service.spec().jsonVars();
  }

  @Override
  public TimerHandle setTimer(long delayNanos, Runnable callback) {
    return world.setTimer(opsOwner.get(), delayNanos, callback);
  }

  @Override
  public long nowNanos() {
    return world.guestNanos(service.name());
  }

  @Override
  public long epochMillis() {
    return world.guestEpochMillis(service.name());
  }

  @Override
  public RandomStream random() {
    return random;
  }

  @Override
  public void log(String level, String message) {
    world.record(actor, "console", World.details("level", level, "text", message));
  }

  @Override
  public void always(String name, boolean holds, String detail) {
    if (!holds) {
      throw world.failCheck("always", name, detail + " (reported by " + actor + ")");
    }
  }

  @Override
  public void sometimes(String name, boolean happened) {
    world.sometimes(actor, name, happened);
  }

  @Override
  public void eventually(String name, boolean holds) {
    world.reportEventually(actor, name, holds);
  }

  @Override
  public boolean buggify(String site) {
    return world.buggify(actor, site);
  }

  @Override
  public void reportError(String where, String description) {
    world.record(actor, "guest.error", World.details("where", where, "error", description));
    world.guestErrorEscaped(
        actor,
        where.equals(ServiceHost.UNHANDLED_REJECTION)
            ? GuestErrorKind.UNHANDLED_REJECTION
            : GuestErrorKind.UNCAUGHT_EXCEPTION,
        description);
  }

  @Override
  public void instanceLost(String reason) {
    if (!(opsOwner.get() instanceof ServiceRuntime.Instance lost) || !lost.isAlive()) {
      return;
    }
    lost.crash("instance lost: " + reason);
    world.schedule(
        0,
        actor,
        "instance.restart",
        World.details("reason", "instance lost"),
        () -> {
          if (!lost.isAlive()) {
            lost.start("restart after the instance was lost");
          }
        });
  }

  @Override
  public WebSocketEnd webSocketServer(WebSocketListener listener) {
    return world.webSockets().open(socketHolder(), listener);
  }

  @Override
  public WebSocketEnd webSocketClient(String connectionId, WebSocketListener listener) {
    return world.webSockets().claimClient(connectionId, socketHolder(), listener);
  }

  /** Who holds the WebSockets this guest opens or claims; durable objects override it. */
  WebSocketNetwork.Holder socketHolder() {
    Endpoint owner = opsOwner.get();
    return new WebSocketNetwork.Holder(owner, owner);
  }

  @Override
  public void waitUntil(Promise<?> work) {
    work.whenComplete(
        (value, error) -> {
          if (error != null) {
            String text = World.describeError(error);
            world.record(actor, "guest.error", World.details("waitUntil", text));
            // workerd logs a rejected waitUntil promise as an uncaught rejection.
            world.guestErrorEscaped(actor, GuestErrorKind.UNHANDLED_REJECTION, text);
          }
        });
  }

  // ---------------------------------------------------------------- platform bindings

  @Override
  public Map<String, String> platformBindings() {
    Map<String, String> kinds = new java.util.LinkedHashMap<>();
    service.spec().platformBindings().forEach((name, binding) -> kinds.put(name, binding.kind()));
    return kinds;
  }

  @Override
  public Object platformBinding(String binding) {
    Object handle = openBindings.get(binding);
    if (handle == null) {
      PlatformBinding declared = service.spec().platformBindings().get(binding);
      if (declared == null) {
        return ServiceHost.super.platformBinding(binding);
      }
      handle = declared.open(new Access());
      openBindings.put(binding, handle);
    }
    return handle;
  }

  /** This guest as its platform bindings see it. */
  private final class Access implements PlatformAccess {
    @Override
    public PlatformContext platform() {
      return world.platform();
    }

    @Override
    public String serviceName() {
      return service.name();
    }

    @Override
    public String actor() {
      return actor;
    }

    @Override
    public Operation operation() {
      Endpoint owner = opsOwner.get();
      int generation = owner.generation();
      return new Operation() {
        @Override
        public void complete(Runnable completion) {
          if (owner.isAlive() && owner.generation() == generation) {
            owner.deliver(completion);
          }
        }

        @Override
        public void emit(Runnable effect) {
          owner.emit(effect);
        }
      };
    }
  }
}
