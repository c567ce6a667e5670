package dev.w9y.core;

import dev.w9y.core.assets.AssetServer;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.RemoteError;
import dev.w9y.core.guest.ScheduledTrigger;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceInstance;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.network.Message;
import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One service of the world: its loaded code and its instances. */
final class ServiceRuntime implements Destination {
  private final World world;
  private final ServiceSpec spec;
  private final ServiceCode code;
  private final List<Instance> instances = new ArrayList<>();
  private final Map<String, NamespaceRuntime> namespaces = new LinkedHashMap<>();
  private final HttpCaches caches;
  private final AssetServer assets;

  ServiceRuntime(World world, ServiceSpec spec, ServiceCode code) {
    this.world = world;
    this.spec = spec;
    this.code = code;
    this.caches = new HttpCaches(world);
    this.assets = spec.assets() == null ? null : new AssetServer(spec.assets());
    for (int i = 0; i < spec.instances(); i++) {
      instances.add(new Instance(i));
    }
    for (Map.Entry<String, String> namespace : spec.durableObjects().entrySet()) {
      namespaces.put(
          namespace.getKey(),
          new NamespaceRuntime(world, this, namespace.getKey(), namespace.getValue()));
    }
  }

  ServiceCode code() {
    return code;
  }

  /** The durable-object namespace bound under {@code binding}, or null. */
  NamespaceRuntime namespace(String binding) {
    return namespaces.get(binding);
  }

  Map<String, NamespaceRuntime> namespaces() {
    return namespaces;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public boolean isPublic() {
    return spec.isPublic();
  }

  @Override
  public void accept(Message message, Endpoint caller, Promise.Deferred<Response> reply) {
    if (assets != null) {
      // The front door: workerd's router answers from the static assets before the Worker runs.
      Response answer = assets.front(message.request());
      if (answer != null) {
        serveAsset(message, caller, reply, answer, "front");
        return;
      }
    }
    Instance instance = pickInstance(world.routingRandom());
    if (instance == null) {
      world.refuse(
          caller,
          message,
          reply,
          "connection refused: no running instance of '" + spec.name() + "'");
      return;
    }
    instance.handle(message, caller, reply);
    world.hooks().onDelivered(message, instance.actor());
  }

  ServiceSpec spec() {
    return spec;
  }

  /** The trace actor of the service's asset server, e.g. {@code web#assets}. */
  String assetsActor() {
    return spec.name() + "#assets";
  }

  /** The asset server as a network peer: it answers at once and never crashes. */
  private final Endpoint assetsEndpoint =
      new Endpoint.Ungated() {
        @Override
        public String actor() {
          return assetsActor();
        }

        @Override
        public boolean isAlive() {
          return true;
        }

        @Override
        public int generation() {
          return 0;
        }
      };

  /**
   * The service's static assets as a destination ({@code env.ASSETS.fetch}): every request gets the
   * asset server's answer, sent over the network like any response of the service.
   */
  Destination assetsDestination() {
    if (assets == null) {
      throw new IllegalStateException("service '" + spec.name() + "' has no static assets");
    }
    return new Destination() {
      @Override
      public String name() {
        return spec.name();
      }

      @Override
      public boolean isPublic() {
        return false;
      }

      @Override
      public void accept(Message message, Endpoint caller, Promise.Deferred<Response> reply) {
        serveAsset(message, caller, reply, assets.fetch(message.request()), "binding");
      }
    };
  }

  private void serveAsset(
      Message message,
      Endpoint caller,
      Promise.Deferred<Response> reply,
      Response answer,
      String via) {
    String file = assets.assetOf(message.request());
    world.record(
        assetsActor(),
        "assets.served",
        World.details(
            "id",
            message.id(),
            "via",
            via,
            "status",
            (long) answer.status(),
            "file",
            file == null || answer.status() == 307 ? "" : file));
    world.respond(assetsEndpoint, caller, message, answer, reply);
  }

  /** The service's HTTP caches: shared by its instances and objects, kept across crashes. */
  HttpCaches caches() {
    return caches;
  }

  /** The run has ended: every live guest of the service, instances and objects, is released. */
  void releaseGuests() {
    for (Instance instance : instances) {
      if (instance.guest != null) {
        instance.guest.release();
      }
    }
    for (NamespaceRuntime namespace : namespaces.values()) {
      for (ObjectRuntime object : namespace.objects().values()) {
        object.releaseGuest();
      }
    }
  }

  List<Instance> instances() {
    return instances;
  }

  Instance instance(int index) {
    if (index < 0 || index >= instances.size()) {
      throw new IllegalArgumentException(
          "service '"
              + spec.name()
              + "' has no instance "
              + index
              + " (it has "
              + instances.size()
              + ")");
    }
    return instances.get(index);
  }

  /**
   * One instance in one life as a destination (calls back to a guest that passed a function over
   * RPC): a restarted or stopped instance refuses the request as a host with no process would.
   */
  Destination instanceDestination(int index, int generation) {
    Instance instance = instance(index);
    return new Destination() {
      @Override
      public String name() {
        return spec.name();
      }

      @Override
      public boolean isPublic() {
        return false;
      }

      @Override
      public void accept(Message message, Endpoint caller, Promise.Deferred<Response> reply) {
        if (!instance.isAlive() || instance.generation() != generation) {
          world.refuse(
              caller,
              message,
              reply,
              "connection refused: "
                  + instance.actor()
                  + " restarted since it passed the callback");
          return;
        }
        instance.handle(message, caller, reply);
        world.hooks().onDelivered(message, instance.actor());
      }
    };
  }

  /** A running instance for a new request: seeded among the running ones, or null if none runs. */
  Instance pickInstance(RandomStream routing) {
    if (instances.size() == 1) {
      Instance only = instances.get(0);
      return only.isAlive() ? only : null;
    }
    List<Instance> running = new ArrayList<>();
    for (Instance instance : instances) {
      if (instance.isAlive()) {
        running.add(instance);
      }
    }
    return running.isEmpty() ? null : routing.pick(running);
  }

  /** A request being handled by an instance: failed for its caller if the instance crashes. */
  private record Exchange(Message message, Endpoint caller, Promise.Deferred<Response> reply) {}

  /** One instance: a guest with its memory, or nothing while crashed. */
  final class Instance implements Endpoint.Ungated {
    private final int index;
    private final String actor;
    private final RandomStream random;
    private ServiceInstance guest;
    private int generation;
    private final Map<String, Exchange> open = new LinkedHashMap<>();

    /**
     * Platform events (queue batches, workflow runs) the guest is handling, by kind: failed if it
     * crashes, kind by kind in name order, each kind's in the order they were handed over.
     */
    private final Map<String, List<Promise.Deferred<Object>>> dispatches = new TreeMap<>();

    Instance(int index) {
      this.index = index;
      this.actor = spec.name() + "#" + index;
      this.random = world.scheduler().random("guest/" + actor);
    }

    @Override
    public String actor() {
      return actor;
    }

    int index() {
      return index;
    }

    @Override
    public boolean isAlive() {
      return guest != null;
    }

    @Override
    public int generation() {
      return generation;
    }

    void start(String why) {
      if (guest != null) {
        throw new IllegalStateException(actor + " is already running");
      }
      generation++;
      world.record(
          actor, "instance.started", World.details("reason", why, "generation", (long) generation));
      try {
        guest = code.start(new GuestHost(world, ServiceRuntime.this, actor, random, () -> this));
        if (guest == null) {
          throw new GuestException("service '" + spec.name() + "': start returned no instance");
        }
      } catch (RuntimeException | Error thrown) {
        // The instance stays down (requests to it are refused, as by a host with no process);
        // the run fails at the end of this event unless boot failures are tolerated.
        guest = null;
        String text = World.describeError(thrown);
        world.record(actor, "instance.start-failed", World.details("error", text));
        world.guestErrorEscaped(actor, GuestErrorKind.BOOT_FAILURE, text);
      }
    }

    void crash(String reason) {
      if (guest == null) {
        return;
      }
      world.record(actor, "instance.crashed", World.details("reason", reason));
      ServiceInstance crashed = guest;
      guest = null;
      crashed.crash();
      world.webSockets().holderLost(this, false);
      List<Promise.Deferred<Object>> lost = new ArrayList<>();
      for (List<Promise.Deferred<Object>> ofKind : dispatches.values()) {
        lost.addAll(ofKind);
        ofKind.clear(); // so the handlers' late outcomes find theirs gone
      }
      for (Promise.Deferred<Object> dispatch : lost) {
        dispatch.reject(new dev.w9y.core.guest.GuestInstanceLost(actor + " crashed: " + reason));
      }
      List<Exchange> failed = new ArrayList<>(open.values());
      open.clear();
      for (Exchange exchange : failed) {
        world.failFetch(
            exchange.caller(),
            exchange.message().id(),
            exchange.message().request(),
            exchange.reply(),
            0,
            "connection reset: " + actor + " crashed");
      }
    }

    /** Runs the guest's fetch handler for a delivered request. */
    void handle(Message message, Endpoint caller, Promise.Deferred<Response> reply) {
      // A duplicate delivery gets its own exchange key so both copies are tracked.
      String key = message.id() + (open.containsKey(message.id()) ? "+dup" : "");
      open.put(key, new Exchange(message, caller, reply));
      int handledBy = generation;
      Promise<Response> handled =
          World.callGuest(
              "fetch handler",
              () ->
                  world.within(
                      Invocation.handling(message.depth(), message.id()),
                      () -> guest.fetch(message.request())));
      handled.whenComplete(
          (response, error) -> {
            if (guest == null || generation != handledBy || open.remove(key) == null) {
              return; // the instance crashed meanwhile; its caller has already been failed
            }
            if (error != null && caller != world.workloadEndpoint) {
              // workerd: a Worker's exception rejects the fetch of the Worker that called it over
              // a service binding (as a Durable Object's does); only the client gets a 500.
              world.record(
                  actor,
                  "guest.error",
                  World.details("id", message.id(), "error", World.describeError(error)));
              world.respondThrown(this, caller, message, RemoteError.of(error, false), reply);
              return;
            }
            Response toSend =
                error != null || response == null
                    ? world.guestErrorResponse(actor, caller, message.id(), error)
                    : response;
            world.respond(this, caller, message, toSend, reply);
          });
    }

    /** Runs the guest's scheduled handler for a cron firing; failures are traced, not fatal. */
    void runScheduled(String cron, long scheduledTimeEpochMillis) {
      Promise<Void> ran =
          World.callGuest(
              "scheduled handler",
              () ->
                  world.within(
                      Invocation.fresh(),
                      () -> guest.scheduled(new ScheduledTrigger(cron, scheduledTimeEpochMillis))));
      ran.whenComplete(
          (ok, error) -> {
            if (error != null) {
              String text = World.describeError(error);
              world.record(actor, "guest.error", World.details("cron", cron, "error", text));
              world.guestErrorEscaped(actor, GuestErrorKind.UNCAUGHT_EXCEPTION, text);
            }
          });
    }

    /**
     * Hands a platform service's event to the guest (PlatformContext.dispatch): a crash rejects it;
     * an error of the handler rejects it too and, when {@code errorsEscape}, is traced and escapes
     * as a cron handler's does.
     */
    Promise<Object> dispatch(String kind, Object event, boolean errorsEscape) {
      Promise.Deferred<Object> result = Promise.deferred();
      List<Promise.Deferred<Object>> ofKind =
          dispatches.computeIfAbsent(kind, k -> new ArrayList<>());
      ofKind.add(result);
      Promise<Object> handled =
          World.callGuest(
              kind + " handler",
              () -> world.within(Invocation.fresh(), () -> guest.dispatch(kind, event)));
      handled.whenComplete(
          (value, error) -> {
            if (!ofKind.remove(result)) {
              return; // the instance crashed meanwhile: already rejected
            }
            if (error == null) {
              result.resolve(value);
              return;
            }
            if (errorsEscape) {
              String text = World.describeError(error);
              world.record(actor, "guest.error", World.details("handler", kind, "error", text));
              world.guestErrorEscaped(actor, GuestErrorKind.UNCAUGHT_EXCEPTION, text);
            }
            result.reject(error);
          });
      return result.promise();
    }

    <T> T javaService(Class<T> type) {
      if (guest == null) {
        throw new IllegalArgumentException(actor + " is not running (not booted yet, or crashed)");
      }
      return JavaGuest.serviceOf(guest, type, actor);
    }
  }
}
