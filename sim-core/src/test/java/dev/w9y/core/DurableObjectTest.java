package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectId;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.DurableStorage;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.GuestThrown;
import dev.w9y.core.guest.RemoteError;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.storage.StorageHooks;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.Distribution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Durable objects with workerd's gates, through a public {@code app} service that forwards {@code
 * /<object>/<action>} to the object {@code idFromName(<object>)} of class Counter, and a {@code
 * slow} service that answers after a second.
 */
class DurableObjectTest {
  private static final long MS = 1_000_000L;

  private final List<String> log = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();
  private final List<Long> answeredAt = new ArrayList<>();

  /** The Counter durable object; every action a test needs. */
  final class Counter implements JavaDurableObject {
    private final DurableObjectHost host;
    long memory;
    int alarmAttempts;
    boolean inspectAlarms; // the alarm handler reads getAlarm() first (a storage read: 2 ms)

    Counter(DurableObjectHost host) {
      this.host = host;
      log.add("constructed " + host.id().name());
    }

    @Override
    public Promise<Response> fetch(Request request, DurableObjectHost host) {
      String action =
          request.parsedUrl().path().substring(request.parsedUrl().path().lastIndexOf('/') + 1);
      String tag = request.headers().get("x-tag").orElse("");
      DurableStorage storage = host.storage();
      log.add("start " + action + " " + tag);
      return switch (action) {
        case "storage-inc" ->
            storage
                .get("n")
                .thenCompose(
                    value -> {
                      long next = value.map(DurableObjectTest::decode).orElse(0L) + 1;
                      memory++;
                      log.add("read " + (next - 1) + " " + tag);
                      return storage
                          .put("n", encode(next))
                          .then(v -> Response.ok(next + " memory=" + memory));
                    });
        case "memory-inc-around-fetch" -> {
          long seen = memory;
          yield host.fetch(Request.get("http://slow/"))
              .then(
                  slow -> {
                    memory = seen + 1;
                    log.add("wrote " + memory + " " + tag);
                    return Response.ok(String.valueOf(memory));
                  });
        }
        case "put" -> storage.put("k", encode(7)).then(v -> Response.ok("put"));
        case "respond" -> Promise.resolved(Response.ok("respond"));
        case "txn-fail" ->
            storage
                .transaction(
                    txn -> {
                      txn.put("a", encode(1));
                      throw new IllegalStateException("abort the transaction");
                    })
                .recover(error -> null)
                .thenCompose(v -> storage.get("a"))
                .then(a -> Response.ok("a present=" + a.isPresent()));
        case "txn-ok" ->
            storage
                .transaction(
                    txn ->
                        txn.get("a")
                            .thenCompose(
                                a ->
                                    txn.put(
                                        "a",
                                        encode(a.map(DurableObjectTest::decode).orElse(0L) + 5)))
                            .then(v -> "committed"))
                .thenCompose(v -> storage.get("a"))
                .then(a -> Response.ok("a=" + decode(a.orElseThrow())));
        case "set-alarm-inspect" -> {
          inspectAlarms = true;
          yield storage.setAlarm(host.epochMillis() + 10_000).then(v -> Response.ok("alarm set"));
        }
        case "set-alarm" ->
            storage.setAlarm(host.epochMillis() + 10_000).then(v -> Response.ok("alarm set"));
        case "list" -> {
          TreeMap<String, byte[]> entries = new TreeMap<>();
          for (String key : List.of("a1", "a2", "a3", "b1")) {
            entries.put(key, encode(1));
          }
          yield storage
              .put(entries)
              .thenCompose(
                  v -> storage.list(DurableStorage.ListOptions.prefix("a").reversed().limit(2)))
              .then(found -> Response.ok(String.join(",", found.keySet())));
        }
        case "list-empty-range" ->
            storage
                .put("a", encode(1))
                .thenCompose(v -> storage.list(DurableStorage.ListOptions.ALL.range("b", "a")))
                .then(found -> Response.ok("found " + found.size()));
        case "throw" -> Promise.rejected(new GuestThrown("the handler threw", "TypeError", "boom"));
        default -> Promise.resolved(Response.text(404, action));
      };
    }

    @Override
    public Promise<Void> alarm(DurableObjectHost host, DurableObjectInstance.AlarmInfo info) {
      if (!inspectAlarms) {
        return alarm(host);
      }
      return host.storage()
          .getAlarm()
          .thenCompose(
              pending -> {
                log.add(
                    "alarm info scheduled="
                        + info.scheduledTimeEpochMillis()
                        + " retry="
                        + info.retryCount()
                        + " isRetry="
                        + info.isRetry()
                        + " getAlarm="
                        + (pending.isPresent() ? pending.getAsLong() : "null"));
                return alarm(host);
              });
    }

    @Override
    public Promise<Void> alarm(DurableObjectHost host) {
      alarmAttempts++;
      log.add("alarm attempt " + alarmAttempts + " at " + host.nowNanos() / MS + "ms");
      if (alarmAttempts < 3) {
        return Promise.rejected(new IllegalStateException("alarm fails on purpose"));
      }
      return Promise.resolved(null);
    }
  }

  private Topology topology(Distribution latency, Distribution writeLatency) {
    JavaGuest app =
        JavaGuest.of(
                "App",
                () ->
                    (Request request, ServiceHost host) -> {
                      String path = request.parsedUrl().path();
                      String object = path.split("/")[1];
                      DurableObjectId id = host.durableObjects("COUNTER").idFromName(object);
                      // An object's exception rejects this fetch (as in workerd): shown here.
                      return host.durableObjects("COUNTER")
                          .fetch(id, request)
                          .recover(
                              error -> {
                                if (error instanceof RemoteError remote) {
                                  return Response.ok(
                                      "rejected "
                                          + remote.getMessage()
                                          + (remote.objectReset() ? " (reset)" : ""));
                                }
                                throw error instanceof RuntimeException runtime
                                    ? runtime
                                    : new IllegalStateException(error);
                              });
                    })
            .withDurableObject("Counter", Counter::new);
    JavaGuest slow =
        JavaGuest.handler(
            (request, host) -> {
              Promise.Deferred<Response> later = Promise.deferred();
              host.setTimer(
                  Duration.ofSeconds(1).toNanos(), () -> later.resolve(Response.ok("slow")));
              return later.promise();
            });
    return Topology.builder()
        .service(ServiceSpec.of("app", app).asPublic().withDurableObject("COUNTER", "Counter"))
        .service(ServiceSpec.of("slow", slow))
        .latency(latency)
        .storageLatency(Distribution.fixed(Duration.ofMillis(2)), writeLatency)
        .build();
  }

  private Topology topology() {
    return topology(
        Distribution.fixed(Duration.ofMillis(1)), Distribution.fixed(Duration.ofMillis(50)));
  }

  private void send(WorkloadDriver driver, String path, String tag) {
    driver
        .fetch(Request.get("http://app" + path).withHeader("x-tag", tag))
        .whenComplete(
            (response, error) -> {
              answeredAt.add(driver.nowNanos());
              outcomes.add(
                  error != null
                      ? "failed: " + ((FetchFailed) error).reason()
                      : response.status() + " " + response.body().text());
            });
  }

  private SimulationResult run(
      Simulation.Builder builder, long seed, Consumer<WorkloadDriver> workload) {
    return builder
        .seed(seed)
        .workload(() -> workload::accept)
        .safetyPhase(Duration.ofMinutes(2))
        .build()
        .retainingTrace()
        .run();
  }

  private SimulationResult run(Consumer<WorkloadDriver> workload) {
    return run(Simulation.builder(topology()), 1, workload);
  }

  private static List<String> kinds(SimulationResult result) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
      kinds.add(record.get("kind").asString());
    }
    return kinds;
  }

  static byte[] encode(long value) {
    return Long.toString(value).getBytes(StandardCharsets.UTF_8);
  }

  static long decode(byte[] bytes) {
    return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void concurrentRequestsDoNotInterleaveAcrossAStorageRead() {
    SimulationResult result =
        run(
            driver -> {
              send(driver, "/c/storage-inc", "A");
              send(driver, "/c/storage-inc", "B");
            });

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).containsExactlyInAnyOrder("200 1 memory=1", "200 2 memory=2");
    // B arrived while A's read was in flight: the input gate held it until A had written.
    assertThat(log)
        .containsSubsequence("start storage-inc A", "read 0 A", "start storage-inc B", "read 1 B");
    assertThat(kinds(result)).contains("gate.input-held", "gate.released");
  }

  @Test
  void concurrentRequestsDoInterleaveAcrossAnOutboundFetchAndCanLoseAnUpdate() {
    SimulationResult result =
        run(
            driver -> {
              send(driver, "/c/memory-inc-around-fetch", "A");
              send(driver, "/c/memory-inc-around-fetch", "B");
            });

    assertThat(result.passed()).isTrue();
    // Both read memory 0 before either wrote: the classic lost update, possible only because an
    // outbound fetch lets other requests in.
    assertThat(log)
        .containsSubsequence(
            "start memory-inc-around-fetch A",
            "start memory-inc-around-fetch B",
            "wrote 1 A",
            "wrote 1 B");
    assertThat(outcomes).containsExactly("200 1", "200 1");
  }

  @Test
  void aResponseIsHeldUntilTheWriteBeforeItIsDurable() {
    SimulationResult result =
        run(
            driver -> {
              send(driver, "/c/respond", "first");
              driver.after(Duration.ofSeconds(1), () -> send(driver, "/c/put", "second"));
            });

    assertThat(outcomes).containsExactly("200 respond", "200 put");
    // 1 ms to the app, 1 ms to the object, 1 ms back, 1 ms to the workload; the put adds 50 ms.
    assertThat(answeredAt.get(0)).isEqualTo(4 * MS);
    assertThat(answeredAt.get(1)).isEqualTo(1_000 * MS + 54 * MS);
    assertThat(kinds(result)).contains("gate.output-held", "storage.durable");
  }

  @Test
  void aFailedTransactionRollsBackAndACommittedOneIsVisible() {
    run(
        driver -> {
          send(driver, "/c/txn-fail", "");
          driver.after(Duration.ofSeconds(1), () -> send(driver, "/c/txn-ok", ""));
          driver.after(Duration.ofSeconds(2), () -> send(driver, "/c/txn-ok", ""));
        });

    assertThat(outcomes).containsExactly("200 a present=false", "200 a=5", "200 a=10");
  }

  @Test
  void aListWhoseStartIsNotBeforeItsEndIsEmptyNotAnError() {
    run(driver -> send(driver, "/c/list-empty-range", ""));

    assertThat(outcomes).containsExactly("200 found 0");
  }

  @Test
  void anExceptionInAnObjectsFetchRejectsTheCallersFetchInsteadOfAnswering500() {
    SimulationResult result = run(driver -> send(driver, "/c/throw", ""));

    assertThat(outcomes).containsExactly("200 rejected TypeError: boom");
    assertThat(result.failure()).isEmpty();
  }

  @Test
  void listHonoursPrefixReverseAndLimit() {
    run(driver -> send(driver, "/c/list", ""));

    assertThat(outcomes).containsExactly("200 a3,a2");
  }

  @Test
  void anAlarmFiresAtItsTimeAndIsRetriedWithBackoffWhenItsHandlerFails() {
    SimulationResult result =
        run(
            Simulation.builder(topology())
                .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION, "alarm handler"),
            1,
            driver -> send(driver, "/c/set-alarm", ""));

    // Set at ~3 ms (durable 50 ms later) for 10 s after the set; retried 2 s and then 4 s later.
    assertThat(log)
        .containsSubsequence(
            "alarm attempt 1 at 10002ms",
            "alarm attempt 2 at 12002ms",
            "alarm attempt 3 at 16002ms");
    assertThat(kinds(result).stream().filter(k -> k.startsWith("alarm.")))
        .containsExactly(
            "alarm.fired",
            "alarm.retry",
            "alarm.fired",
            "alarm.retry",
            "alarm.fired",
            "alarm.done");
  }

  @Test
  void theAlarmHandlerGetsItsScheduledTimeAndRetryCountAndSeesNoPendingAlarm() {
    run(
        Simulation.builder(topology()).tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION, "alarm handler"),
        1,
        driver -> send(driver, "/c/set-alarm-inspect", ""));

    List<String> infos = log.stream().filter(line -> line.startsWith("alarm info")).toList();
    assertThat(infos).hasSize(3);
    String scheduled = infos.get(0).split(" ")[2];
    assertThat(infos)
        .containsExactly(
            "alarm info " + scheduled + " retry=0 isRetry=false getAlarm=null",
            "alarm info " + scheduled + " retry=1 isRetry=true getAlarm=null",
            "alarm info " + scheduled + " retry=2 isRetry=true getAlarm=null");
  }

  @Test
  void storageSurvivesACrashButMemoryDoesNot() {
    long[] durableAfter = {0};
    run(
        Simulation.builder(topology()),
        1,
        driver -> {
          send(driver, "/c/storage-inc", "1");
          driver.after(Duration.ofSeconds(1), () -> send(driver, "/c/storage-inc", "2"));
          driver.after(
              Duration.ofSeconds(2),
              () -> driver.world().crashObject("app", "COUNTER", "c", "test"));
          driver.after(Duration.ofSeconds(3), () -> send(driver, "/c/storage-inc", "3"));
          driver.after(
              Duration.ofSeconds(4),
              () ->
                  durableAfter[0] =
                      decode(driver.world().durableStorage("app", "COUNTER", "c").get("n")));
        });

    assertThat(outcomes).containsExactly("200 1 memory=1", "200 2 memory=2", "200 3 memory=1");
    assertThat(durableAfter[0]).isEqualTo(3);
    assertThat(log).containsSubsequence("constructed c", "constructed c");
  }

  @Test
  void aFailedWriteDiscardsTheOutputWaitingOnItAndRestartsTheObject() {
    StorageHooks failFirstWrite =
        new StorageHooks() {
          @Override
          public boolean failWrite(String actor, long batch) {
            return batch == 1 && !failedOnce[0] && (failedOnce[0] = true);
          }
        };
    SimulationResult result =
        run(
            Simulation.builder(topology())
                .storageHooks(context -> failFirstWrite)
                // the app lets the object's failed fetch escape: the workload gets a 500
                .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION),
            1,
            driver -> {
              send(driver, "/c/storage-inc", "lost");
              driver.after(Duration.ofSeconds(1), () -> send(driver, "/c/storage-inc", "kept"));
            });

    // The app's fetch to the object failed, so the app answered 500; the write never happened.
    assertThat(outcomes).containsExactly("500 Internal Server Error", "200 1 memory=1");
    assertThat(kinds(result)).contains("storage.write-failed", "object.reset");
    assertThat(result.passed()).isTrue();
  }

  private final boolean[] failedOnce = {false};

  @Test
  void heldRequestsAreReleasedInASeededOrderSoSeedsExploreInterleavings() {
    Set<List<String>> orders = new LinkedHashSet<>();
    for (long seed = 0; seed < 12; seed++) {
      log.clear();
      run(
          Simulation.builder(topology()),
          seed,
          driver -> {
            for (String tag : List.of("A", "B", "C", "D")) {
              send(driver, "/c/storage-inc", tag);
            }
          });
      List<String> order = new ArrayList<>();
      for (String line : log) {
        if (line.startsWith("read ")) {
          order.add(line.substring(line.length() - 1));
        }
      }
      orders.add(order);
    }
    assertThat(orders.size()).isGreaterThan(3);
  }

  @Test
  void blockConcurrencyWhileHoldsEveryOtherEventUntilItsWorkIsDone() {
    List<String> seen = new ArrayList<>();
    JavaGuest front =
        JavaGuest.of(
                "Front",
                () ->
                    (request, host) ->
                        host.durableObjects("B")
                            .fetch(host.durableObjects("B").idFromName("x"), request))
            .withDurableObject(
                "Blocking",
                host -> {
                  seen.add("constructor at " + host.nowNanos() / MS + "ms");
                  host.blockConcurrencyWhile(
                      () -> {
                        Promise.Deferred<Void> warmed = Promise.deferred();
                        host.setTimer(
                            Duration.ofSeconds(1).toNanos(),
                            () -> {
                              seen.add("warm-up done at " + host.nowNanos() / MS + "ms");
                              warmed.resolve(null);
                            });
                        return warmed.promise();
                      });
                  return (request, h) -> {
                    seen.add(
                        "request "
                            + request.headers().get("x-tag").orElse("")
                            + " at "
                            + h.nowNanos() / MS
                            + "ms");
                    return Promise.resolved(Response.ok("ok"));
                  };
                });
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("front", front).asPublic().withDurableObject("B", "Blocking"))
            .latency(Distribution.fixed(Duration.ofMillis(1)))
            .build();

    Simulation.builder(topology)
        .seed(1)
        .workload(
            () ->
                driver -> {
                  driver.fetch(Request.get("http://front/a").withHeader("x-tag", "first"));
                  driver.after(
                      Duration.ofMillis(100),
                      () ->
                          driver.fetch(
                              Request.get("http://front/b").withHeader("x-tag", "second")));
                })
        .build()
        .run();

    // The first request created the object; both requests waited for the warm-up, then ran in
    // the seeded release order.
    assertThat(seen.subList(0, 2)).containsExactly("constructor at 2ms", "warm-up done at 1002ms");
    assertThat(seen.subList(2, 4))
        .containsExactlyInAnyOrder("request first at 1002ms", "request second at 1002ms");
  }

  @Test
  void idsFromNamesAreStableAndUniqueIdsComeFromTheSeed() {
    List<String> ids = new ArrayList<>();
    JavaGuest probe =
        JavaGuest.of(
                "Probe",
                () ->
                    (request, host) -> {
                      var ns = host.durableObjects("COUNTER");
                      ids.add(ns.idFromName("alice").hex());
                      ids.add(ns.newUniqueId().hex());
                      ids.add(
                          String.valueOf(
                              ns.idFromString(ns.idFromName("alice").hex())
                                  .equals(ns.idFromName("alice"))));
                      try {
                        ns.idFromString("not-an-id");
                      } catch (IllegalArgumentException expected) {
                        ids.add("rejected");
                      }
                      return Promise.resolved(Response.ok(""));
                    })
            .withDurableObject("Counter", Counter::new);
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("probe", probe).asPublic().withDurableObject("COUNTER", "Counter"))
            .build();
    for (long seed : new long[] {1, 1, 2}) {
      Simulation.builder(topology)
          .seed(seed)
          .workload(() -> driver -> driver.fetch(Request.get("http://probe/")))
          .build()
          .run();
    }

    assertThat(ids.get(0)).hasSize(64).isEqualTo(ids.get(4)).isEqualTo(ids.get(8));
    assertThat(ids.get(1)).isEqualTo(ids.get(5)).isNotEqualTo(ids.get(9));
    assertThat(ids.get(2)).isEqualTo("true");
    assertThat(ids.get(3)).isEqualTo("rejected");
  }

  @Test
  void oversizedKeysAndValuesAreClearGuestErrors() {
    List<String> errors = new ArrayList<>();
    JavaGuest guest =
        JavaGuest.of(
                "Front",
                () ->
                    (request, host) ->
                        host.durableObjects("O")
                            .fetch(host.durableObjects("O").idFromName("x"), request))
            .withDurableObject(
                "O",
                host ->
                    (request, h) -> {
                      for (Runnable attempt :
                          List.<Runnable>of(
                              () ->
                                  h.storage()
                                      .put(
                                          "k".repeat(DurableStorage.MAX_KEY_BYTES + 1),
                                          new byte[1]),
                              () ->
                                  h.storage()
                                      .put("k", new byte[DurableStorage.MAX_VALUE_BYTES + 1]))) {
                        try {
                          attempt.run();
                        } catch (GuestException e) {
                          errors.add(e.getMessage());
                        }
                      }
                      return Promise.resolved(Response.ok("done"));
                    });
    Simulation.builder(
            Topology.builder()
                .service(ServiceSpec.of("front", guest).asPublic().withDurableObject("O", "O"))
                .build())
        .seed(1)
        .workload(() -> driver -> driver.fetch(Request.get("http://front/")))
        .build()
        .run();

    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).contains("longer than the maximum of 2048");
    assertThat(errors.get(1)).contains("more than the maximum of 131072");
  }
}
