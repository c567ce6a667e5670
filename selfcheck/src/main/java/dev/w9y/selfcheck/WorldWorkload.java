package dev.w9y.selfcheck;

import dev.w9y.core.FaultContext;
import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableStorage;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.network.RequestFate;
import dev.w9y.core.network.ResponseFate;
import dev.w9y.core.storage.StorageHooks;
import dev.w9y.faults.FaultPlan;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;
import dev.w9y.scheduler.Weighted;
import java.time.Duration;
import java.util.List;

/**
 * A randomized multi-service plain-Java system that touches every part of sim-core a trace records:
 * services calling each other by URL and by binding, fan-out, timers, console output, guest errors,
 * unknown hosts, crashes and restarts, and network faults of every kind (drop, refuse, duplicate,
 * delay, lost and replaced responses) drawn from the seed. Its trace hash per seed is what the
 * determinism check compares across JVM processes and JDKs.
 */
public final class WorldWorkload {
  static final Duration SAFETY = Duration.ofSeconds(30);

  private WorldWorkload() {}

  /** Runs one seed; the result carries the trace hash. */
  public static SimulationResult run(long seed) {
    return simulation(seed).run();
  }

  /** Runs one seed with {@code FaultPlan.swarm()} in place of the workload's own random faults. */
  public static SimulationResult runWithSwarm(long seed) {
    return FaultPlan.swarm().applyTo(simulation(seed)).run();
  }

  /** The simulation for a seed: its shape (service count, same-time shuffling) comes from it. */
  public static Simulation simulation(long seed) {
    RandomStream shape = RandomStream.root(seed).child("world-workload-shape");
    int serviceCount = 3 + shape.nextInt(3);
    Topology.Builder topology = Topology.builder();
    for (int i = 0; i < serviceCount; i++) {
      ServiceSpec spec =
          ServiceSpec.of(
                  "svc" + i,
                  JavaGuest.of("RandomService", () -> new RandomService(serviceCount))
                      .withDurableObject("RandomObject", RandomObject::new))
              .withBinding("NEXT", "svc" + ((i + 1) % serviceCount))
              .withDurableObject("OBJECTS", "RandomObject");
      topology.service(i == 0 ? spec.asPublic() : spec);
    }
    return Simulation.builder(topology.build())
        .seed(seed)
        .shuffleSameTimeEvents(shape.nextBoolean())
        .safetyPhase(SAFETY)
        .networkHooks(RandomFaults::new)
        .storageHooks(RandomStorageFaults::new)
        .workload(() -> WorldWorkload::drive)
        // Its services throw on purpose ("/boom") so error paths are in the traces it compares.
        .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
        .build();
  }

  private static void drive(WorkloadDriver driver) {
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          RandomStream random = driver.random();
          String path =
              random.chance(Ratio.of(1, 20)) ? "/boom" : "/work?hops=" + random.nextInt(4);
          driver
              .fetch(Request.get("http://svc0" + path))
              .whenComplete(
                  (response, error) ->
                      driver.note(
                          error != null
                              ? "failed " + error.getMessage()
                              : "status " + response.status()));
          if (random.chance(Ratio.of(1, 40))) {
            driver
                .world()
                .crashObject("svc0", "OBJECTS", "o" + random.nextInt(3), "workload chaos");
          }
          if (random.chance(Ratio.of(1, 30))) {
            String victim = "svc" + random.nextInt(3);
            driver.world().crash(victim, 0, "workload chaos");
            driver.after(
                Duration.ofMillis(random.nextLong(1, 2_000)),
                () -> {
                  if (!driver.world().isRunning(victim, 0)) {
                    driver.world().restart(victim, 0);
                  }
                });
          }
          driver.after(Duration.ofMillis(random.nextLong(1, 300)), next[0]);
        };
    next[0].run();
  }

  /** A service that does something random with each request, drawing from its own stream. */
  static final class RandomService implements JavaService {
    private enum Move {
      ANSWER,
      CALL_BY_URL,
      CALL_BY_BINDING,
      FAN_OUT,
      TIMER,
      UNKNOWN_HOST,
      OBJECT
    }

    private static final List<Weighted<Move>> MOVES =
        List.of(
            Weighted.of(Move.ANSWER, 4),
            Weighted.of(Move.CALL_BY_URL, 3),
            Weighted.of(Move.CALL_BY_BINDING, 2),
            Weighted.of(Move.FAN_OUT, 1),
            Weighted.of(Move.TIMER, 2),
            Weighted.of(Move.UNKNOWN_HOST, 1),
            Weighted.of(Move.OBJECT, 4));

    private final int serviceCount;
    private long handled;

    RandomService(int serviceCount) {
      this.serviceCount = serviceCount;
    }

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      handled++;
      if (request.parsedUrl().path().equals("/boom")) {
        throw new IllegalStateException("boom #" + handled);
      }
      RandomStream random = host.random();
      int hops = hopsOf(request);
      Move move = hops == 0 ? Move.ANSWER : random.pickWeighted(MOVES);
      host.log("debug", host.actor() + " " + move + " hops=" + hops + " handled=" + handled);
      host.sometimes("move " + move, true);
      String onward = "/work?hops=" + (hops - 1);
      return switch (move) {
        case ANSWER -> Promise.resolved(Response.ok("handled " + handled));
        case CALL_BY_URL ->
            relay(host.fetch(Request.get("http://svc" + random.nextInt(serviceCount) + onward)));
        case CALL_BY_BINDING ->
            relay(host.fetchBinding("NEXT", Request.get("http://next" + onward)));
        case FAN_OUT ->
            Promise.all(
                    List.of(
                        relay(
                            host.fetch(
                                Request.get("http://svc" + random.nextInt(serviceCount) + onward))),
                        relay(host.fetchBinding("NEXT", Request.get("http://next" + onward)))))
                .then(
                    both ->
                        Response.ok(
                            "fan-out " + both.get(0).status() + "," + both.get(1).status()));
        case TIMER -> {
          Promise.Deferred<Response> later = Promise.deferred();
          host.setTimer(random.nextLong(1, 50_000_000), () -> later.resolve(Response.ok("later")));
          yield later.promise();
        }
        case UNKNOWN_HOST -> relay(host.fetch(Request.get("http://nowhere.invalid/")));
        case OBJECT -> {
          var objects = host.durableObjects("OBJECTS");
          yield relay(
              objects.fetch(
                  objects.idFromName("o" + random.nextInt(3)),
                  Request.get("http://object" + onward)));
        }
      };
    }

    /** Turns a failed fetch into a 502, as a careful service would. */
    private static Promise<Response> relay(Promise<Response> call) {
      return call.recover(error -> Response.text(502, "upstream failed"));
    }

    private static int hopsOf(Request request) {
      String query = request.parsedUrl().pathAndQuery();
      int at = query.indexOf("hops=");
      return at < 0 ? 0 : Integer.parseInt(query.substring(at + 5));
    }
  }

  /** A durable object that does random storage work, sometimes around an outbound fetch. */
  static final class RandomObject implements JavaDurableObject {
    private final DurableObjectHost host;
    private long requests;

    RandomObject(DurableObjectHost host) {
      this.host = host;
      if (host.random().chance(Ratio.of(1, 4))) {
        host.blockConcurrencyWhile(() -> host.storage().get("count").then(v -> null));
      }
    }

    @Override
    public Promise<Response> fetch(Request request, DurableObjectHost host) {
      requests++;
      RandomStream random = host.random();
      DurableStorage storage = host.storage();
      String key = "k" + random.nextInt(5);
      return switch (random.nextInt(7)) {
        case 0 ->
            storage
                .get("count")
                .thenCompose(
                    count -> {
                      long next = count.map(b -> (long) b.length).orElse(0L) + 1;
                      return storage.put("count", new byte[(int) Math.min(next, 64)]);
                    })
                .then(v -> Response.ok("counted " + requests));
        case 1 ->
            storage
                .transaction(
                    txn ->
                        txn.get(key)
                            .thenCompose(
                                value -> {
                                  if (random.chance(Ratio.of(1, 3))) {
                                    throw new IllegalStateException("rollback " + key);
                                  }
                                  return txn.put(key, new byte[] {(byte) requests});
                                }))
                .then(v -> Response.ok("committed"))
                .recover(error -> Response.text(409, "rolled back"));
        case 2 ->
            storage
                .list(DurableStorage.ListOptions.prefix("k").limit(3))
                .then(found -> Response.ok("listed " + found.size()));
        case 3 -> storage.delete(key).then(existed -> Response.ok("deleted " + existed));
        case 4 ->
            storage
                .setAlarm(host.epochMillis() + random.nextLong(1, 5_000))
                .then(v -> Response.ok("alarm set"));
        case 5 ->
            host.fetchBinding("NEXT", Request.get("http://next/work?hops=0"))
                .thenCompose(r -> storage.put(key, new byte[] {(byte) r.status()}))
                .then(v -> Response.ok("fetched then wrote"))
                .recover(error -> Response.text(502, "upstream failed"));
        default -> Promise.resolved(Response.ok("memory " + requests));
      };
    }

    @Override
    public Promise<Void> alarm(DurableObjectHost host) {
      if (host.random().chance(Ratio.of(1, 3))) {
        return Promise.rejected(new IllegalStateException("alarm failed"));
      }
      return host.storage().put("alarmed", new byte[] {1});
    }
  }

  /** Storage faults: a few write batches fail, some operations are slow. */
  static final class RandomStorageFaults implements StorageHooks {
    private final RandomStream random;

    RandomStorageFaults(FaultContext context) {
      this.random = context.random("storage");
    }

    @Override
    public boolean failWrite(String actor, long batch) {
      return random.chance(Ratio.of(1, 50));
    }

    @Override
    public long extraLatencyNanos(String actor, boolean write) {
      return random.chance(Ratio.of(1, 20)) ? random.nextLong(0, 50_000_000) : 0;
    }
  }

  /** Network faults of every kind, each drawn from the run's fault stream. */
  static final class RandomFaults implements NetworkHooks {
    private final RandomStream random;

    RandomFaults(FaultContext context) {
      this.random = context.random("network");
    }

    @Override
    public RequestFate onRequest(Message message) {
      long roll = random.nextLong(100);
      if (roll < 3) {
        return new RequestFate.Drop("random drop");
      } else if (roll < 5) {
        return new RequestFate.Refuse("random refusal");
      } else if (roll < 8) {
        return new RequestFate.Duplicate(random.nextLong(0, 5_000_000));
      } else if (roll < 15) {
        return new RequestFate.Deliver(random.nextLong(0, 100_000_000));
      }
      return RequestFate.DELIVER;
    }

    @Override
    public ResponseFate onResponse(Message message, Response response) {
      long roll = random.nextLong(100);
      if (roll < 3) {
        return new ResponseFate.Lose("random loss");
      } else if (roll < 6) {
        return new ResponseFate.Replace(
            Response.text(503, "injected").withHeader("retry-after", "1"));
      }
      return ResponseFate.DELIVER;
    }
  }
}
