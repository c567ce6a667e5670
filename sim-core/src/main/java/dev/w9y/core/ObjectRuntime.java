package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectId;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.DurableStorage;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.RemoteError;
import dev.w9y.core.guest.SqlResult;
import dev.w9y.core.guest.SqlStorage;
import dev.w9y.core.http.Response;
import dev.w9y.core.network.Message;
import dev.w9y.core.sql.SqliteDatabase;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.ScheduledEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One durable object, with workerd's concurrency model, because that is where real bugs live:
 *
 * <ul>
 *   <li>One delivery runs at a time; requests interleave at await points.
 *   <li><b>Input gate:</b> while a storage read (or a transaction) is in flight, every other
 *       delivery to the object — new requests, fetch responses, timers — is held; an outbound fetch
 *       does not close the gate. {@code blockConcurrencyWhile} holds everything but its own work.
 *       When the gate opens, held deliveries are released one per event, in a seeded order: seeds
 *       explore interleavings.
 *   <li><b>Output gate:</b> writes apply to the object's view at once but become durable later; a
 *       response or outgoing request made while writes are pending is held until they are durable.
 *       A failed write discards the held outputs (their callers' fetches fail) and restarts the
 *       object from its last durable state.
 *   <li>Storage survives crashes; memory does not. Alarms are durable and retried with backoff.
 * </ul>
 */
final class ObjectRuntime implements Destination {
  /** How often a failing alarm is retried before it is abandoned. */
  static final int MAX_ALARM_RETRIES = 6;

  private static final long SECOND_NANOS = 1_000_000_000L;

  /**
   * How long an object whose only open connections are hibernatable WebSockets stays in memory
   * after its last event before it hibernates (workerd: about 10 seconds).
   */
  static final long HIBERNATE_AFTER_NANOS = 10 * SECOND_NANOS;

  private final NamespaceRuntime namespace;
  private final World world;
  private final DurableObjectId id;
  private final String actor;
  private final RandomStream gateOrder;
  private final RandomStream guestRandom;

  /** The database of a SQLite-backed object (which then keeps its key-value data there too). */
  private final SqliteObjectStore sqlite;

  private DurableObjectInstance instance;
  private int generation;

  private final TreeMap<String, byte[]> disk = new TreeMap<>();
  private Long diskAlarm;
  private TreeMap<String, byte[]> view = new TreeMap<>();
  private Long viewAlarm;
  private long batchesWritten;
  private long batchesDurable;
  private long lastFlushAt;
  private final List<ScheduledEvent> pendingFlushes = new ArrayList<>();
  private ScheduledEvent alarmEvent;
  private int alarmRetries;

  /** The alarm whose handler is running: getAlarm() does not see it (null, as in workerd). */
  private Long firingAlarm;

  /** Why the instance could not start, for the callers that wanted it. */
  private Throwable startFailure;

  private int readsInFlight;
  private Context blockingContext;
  private Context currentContext;
  private long nextContext;
  private final List<HeldInput> heldInputs = new ArrayList<>();
  private final List<HeldOutput> heldOutputs = new ArrayList<>();
  private boolean releaseScheduled;
  private final Map<String, Exchange> open = new LinkedHashMap<>();
  private final ObjectSockets sockets;
  private long lastActivityNanos;
  private ScheduledEvent hibernationCheck;

  ObjectRuntime(NamespaceRuntime namespace, DurableObjectId id) {
    this.namespace = namespace;
    this.world = namespace.world();
    this.id = id;
    this.actor = namespace.binding() + ":" + id.hex().substring(0, 12);
    String streams =
        "objects/" + namespace.service().name() + "/" + namespace.binding() + "/" + id.hex();
    this.gateOrder = world.scheduler().random(streams + "/gate");
    this.guestRandom = world.scheduler().random(streams + "/guest");
    this.sockets =
        new ObjectSockets(
            world,
            actor,
            namespace.service().name(),
            this::socketHolder,
            () -> ensureInstance() ? instance : null);
    String service = namespace.service().name();
    this.sqlite =
        namespace.service().spec().code().isSqliteClass(namespace.className())
            ? new SqliteObjectStore(
                SqliteDatabase.open(
                    world.scheduler().random(streams + "/sql"),
                    () -> world.guestEpochMillis(service)),
                world::epochMillis)
            : null;
  }

  private WebSocketNetwork.Holder socketHolder() {
    return new WebSocketNetwork.Holder(this, socketEndpoint());
  }

  /** A request or alarm context: which await chain a delivery belongs to. */
  private record Context(long number) {}

  private record HeldInput(Context context, boolean isRequest, Runnable action) {}

  private record HeldOutput(long afterBatch, Runnable output) {}

  private record Exchange(Message message, Endpoint caller, Promise.Deferred<Response> reply) {}

  /** One atomic change to storage: clear everything first if asked, then puts (null = delete). */
  private record WriteBatch(
      boolean deleteAll, TreeMap<String, byte[]> changes, boolean alarmChanged, Long alarm) {
    boolean isEmpty() {
      return !deleteAll && changes.isEmpty() && !alarmChanged;
    }
  }

  String actor() {
    return actor;
  }

  String idHex() {
    return id.hex();
  }

  /** No request in progress and none waiting. */
  boolean isIdle() {
    return open.isEmpty() && heldInputs.isEmpty();
  }

  boolean isRunning() {
    return instance != null;
  }

  /** The durable contents, for checks and inspection. */
  SortedMap<String, byte[]> durableContents() {
    if (sqlite != null) {
      return Collections.unmodifiableSortedMap(sqlite.durableKeyValues());
    }
    return Collections.unmodifiableSortedMap(disk);
  }

  /** The durable alarm (virtual ns), or null: what survives a crash, beside the storage. */
  Long durableAlarm() {
    return diskAlarm;
  }

  /** The run has ended: the live instance, if any, frees what it holds (see ServiceInstance). */
  void releaseGuest() {
    if (instance != null) {
      instance.release();
    }
    if (sqlite != null) {
      sqlite.close();
    }
  }

  DurableObjectInstance instance() {
    return instance;
  }

  // ---------------------------------------------------------------- Destination

  @Override
  public String name() {
    return actor;
  }

  @Override
  public boolean isPublic() {
    return false;
  }

  @Override
  public void accept(Message message, Endpoint caller, Promise.Deferred<Response> reply) {
    Context context = newContext();
    enter(
        context,
        true,
        () -> {
          handleRequest(context, message, caller, reply);
          world.hooks().onDelivered(message, actor);
        });
  }

  private void handleRequest(
      Context context, Message message, Endpoint caller, Promise.Deferred<Response> reply) {
    Endpoint self = endpoint(context);
    if (!ensureInstance()) {
      // workerd: the caller's fetch rejects with the constructor's error, marked as a reset.
      world.respondThrown(self, caller, message, RemoteError.of(startFailure, true), reply);
      return;
    }
    if (inputClosedFor(context)) {
      // The constructor called blockConcurrencyWhile: even the request that created the object
      // waits for it.
      heldInputs.add(
          new HeldInput(context, true, () -> handleRequest(context, message, caller, reply)));
      world.record(actor, "gate.input-held", World.details("held", (long) heldInputs.size()));
      return;
    }
    String key = message.id() + (open.containsKey(message.id()) ? "+dup" : "");
    open.put(key, new Exchange(message, caller, reply));
    int life = generation;
    Promise<Response> handled =
        World.callGuest(
            "fetch handler",
            () ->
                world.within(
                    Invocation.handling(message.depth(), message.id()),
                    () -> instance.fetch(message.request())));
    handled.whenComplete(
        (response, error) -> {
          if (life != generation || !open.containsKey(key)) {
            return; // reset meanwhile: the caller has been failed already
          }
          if (error != null) {
            // workerd: the error belongs to the caller, whose fetch rejects with it.
            world.record(
                actor,
                "guest.error",
                World.details("id", message.id(), "error", World.describeError(error)));
            world.respondThrown(
                responder(context, key), caller, message, RemoteError.of(error, false), reply);
            return;
          }
          Response toSend =
              response == null
                  ? world.guestErrorResponse(actor, caller, message.id(), null)
                  : response;
          world.respond(responder(context, key), caller, message, toSend, reply);
        });
  }

  /**
   * The endpoint a response leaves through: the exchange stays open (so a reset fails its caller)
   * until the output gate actually lets the response go.
   */
  private Endpoint responder(Context context, String exchangeKey) {
    return new ObjectEndpoint(
        delivery -> enter(context, false, delivery),
        output ->
            emitThroughOutputGate(
                () -> {
                  if (open.remove(exchangeKey) != null) {
                    output.run();
                  }
                }));
  }

  /**
   * This object as a sender and receiver of messages (its actor, alive while it has memory, its
   * life's generation); {@code deliver} and {@code emit} say which gates a message passes.
   */
  private final class ObjectEndpoint implements Endpoint {
    private final java.util.function.Consumer<Runnable> deliver;
    private final java.util.function.Consumer<Runnable> emit;

    ObjectEndpoint(
        java.util.function.Consumer<Runnable> deliver, java.util.function.Consumer<Runnable> emit) {
      this.deliver = deliver;
      this.emit = emit;
    }

    @Override
    public String actor() {
      return actor;
    }

    @Override
    public boolean isAlive() {
      return instance != null;
    }

    @Override
    public int generation() {
      return generation;
    }

    @Override
    public void deliver(Runnable delivery) {
      deliver.accept(delivery);
    }

    @Override
    public void emit(Runnable output) {
      emit.accept(output);
    }
  }

  /** Creates the object's memory if it has none; false (and traced) if the constructor failed. */
  private boolean ensureInstance() {
    if (instance != null) {
      return true;
    }
    generation++;
    firingAlarm = null;
    world.record(
        actor,
        "object.started",
        World.details("class", namespace.className(), "generation", (long) generation));
    try {
      instance =
          namespace
              .service()
              .code()
              .startDurableObject(namespace.className(), new ObjectHost(this));
      if (instance == null) {
        throw new GuestException("durable object constructor returned nothing");
      }
      return true;
    } catch (RuntimeException | Error thrown) {
      instance = null;
      startFailure = thrown;
      world.record(actor, "guest.error", World.details("error", World.describeError(thrown)));
      return false;
    }
  }

  // ---------------------------------------------------------------- gates

  private Context newContext() {
    return new Context(++nextContext);
  }

  /** The endpoint owning operations the guest starts now. */
  private Endpoint currentEndpoint() {
    return endpoint(currentContext);
  }

  /** The endpoint through which operations started in {@code context} complete. */
  private Endpoint endpoint(Context context) {
    return new ObjectEndpoint(
        delivery -> enter(context, false, delivery), this::emitThroughOutputGate);
  }

  /**
   * The endpoint a WebSocket end this object holds is reached through: each message enters through
   * the input gate as an event of its own (a context of its own), as workerd delivers them.
   */
  private Endpoint socketEndpoint() {
    return new ObjectEndpoint(
        delivery -> enter(newContext(), false, delivery), this::emitThroughOutputGate);
  }

  private boolean inputClosedFor(Context context) {
    return readsInFlight > 0 || (blockingContext != null && context != blockingContext);
  }

  /** Runs a delivery now, or holds it while the input gate is closed to it. */
  private void enter(Context context, boolean isRequest, Runnable action) {
    if (inputClosedFor(context)) {
      heldInputs.add(new HeldInput(context, isRequest, action));
      world.record(actor, "gate.input-held", World.details("held", (long) heldInputs.size()));
      return;
    }
    runIn(context, action);
  }

  private void runIn(Context context, Runnable action) {
    Context previous = currentContext;
    currentContext = context;
    try {
      action.run();
    } finally {
      currentContext = previous;
    }
    scheduleRelease();
    noteActivity();
  }

  // ---------------------------------------------------------------- hibernation

  /** An event ran in the object: the idle time before hibernating starts again. */
  private void noteActivity() {
    if (sockets.isEmpty() || instance == null) {
      return;
    }
    lastActivityNanos = world.nowNanos();
    if (hibernationCheck == null) {
      armHibernation(HIBERNATE_AFTER_NANOS);
    }
  }

  private void armHibernation(long delayNanos) {
    hibernationCheck =
        world.schedule(
            delayNanos,
            actor,
            "object.hibernation-check",
            World.details(),
            () -> {
              hibernationCheck = null;
              if (sockets.isEmpty() || instance == null) {
                return;
              }
              long idleFor = world.nowNanos() - lastActivityNanos;
              if (idleFor < HIBERNATE_AFTER_NANOS) {
                armHibernation(HIBERNATE_AFTER_NANOS - idleFor);
              } else if (canHibernate()) {
                reset("idle with only hibernatable WebSockets open", "object.hibernated", true);
              } else {
                armHibernation(HIBERNATE_AFTER_NANOS);
              }
            });
  }

  /**
   * Idle as workerd means it for hibernation: no request, alarm, storage operation, gate or timer
   * in progress, and no open WebSocket that is not hibernatable.
   */
  private boolean canHibernate() {
    return isIdle()
        && readsInFlight == 0
        && batchesWritten == batchesDurable
        && blockingContext == null
        && firingAlarm == null
        && instance.isQuiescent()
        && !world.webSockets().holdsOrdinary(this);
  }

  /** When the gate is open to a held delivery, releases one in a later event, chosen by seed. */
  private void scheduleRelease() {
    if (releaseScheduled || heldInputs.isEmpty()) {
      return;
    }
    if (!hasEligibleHeldInput()) {
      return;
    }
    releaseScheduled = true;
    world.schedule(
        0,
        actor,
        "gate.released",
        World.details("held", (long) heldInputs.size()),
        () -> {
          releaseScheduled = false;
          List<Integer> eligible = new ArrayList<>();
          for (int i = 0; i < heldInputs.size(); i++) {
            if (!inputClosedFor(heldInputs.get(i).context())) {
              eligible.add(i);
            }
          }
          if (eligible.isEmpty()) {
            return;
          }
          HeldInput chosen = heldInputs.remove((int) gateOrder.pick(eligible));
          runIn(chosen.context(), chosen.action());
        });
  }

  private boolean hasEligibleHeldInput() {
    for (HeldInput held : heldInputs) {
      if (!inputClosedFor(held.context())) {
        return true;
      }
    }
    return false;
  }

  private void emitThroughOutputGate(Runnable output) {
    if (batchesWritten > batchesDurable) {
      heldOutputs.add(new HeldOutput(batchesWritten, output));
      world.record(actor, "gate.output-held", World.details("untilBatch", batchesWritten));
      return;
    }
    output.run();
  }

  // ---------------------------------------------------------------- storage

  private <T> Promise<T> read(String op, Map<String, Object> details, Supplier<T> valueNow) {
    Promise.Deferred<T> result = Promise.deferred();
    T value = valueNow.get();
    readsInFlight++;
    int life = generation;
    Context context = currentContext;
    world.record(actor, "storage." + op, details);
    long latency =
        world
                .scheduler()
                .random("storage/latency")
                .sampleNanos(world.topology().storageReadLatency())
            + world.storageHooks().extraLatencyNanos(actor, false);
    world.schedule(
        latency,
        actor,
        "storage.read-done",
        World.details("op", op),
        () -> {
          if (life != generation) {
            return; // the object was reset; this read belonged to its previous life
          }
          runIn(
              context,
              () -> {
                readsInFlight--;
                result.resolve(value);
              });
        });
    return result.promise();
  }

  private void write(WriteBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (sqlite != null) {
      sqlite.beforeChange();
      if (batch.deleteAll()) {
        sqlite.database().clear(); // workerd: deleteAll() of a SQLite object drops everything
      }
      sqlite.database().kvApply(false, batch.changes());
    } else {
      apply(batch, view);
    }
    if (batch.alarmChanged()) {
      viewAlarm = batch.alarm();
    }
    long number = ++batchesWritten;
    if (sqlite != null) {
      sqlite.written(number, world.scheduler().dispatchedCount());
    }
    Map<String, Object> details = batchDetails(batch);
    details.put("batch", number);
    world.record(actor, "storage.write", details);
    scheduleFlush(number, batch);
  }

  /**
   * A SQL statement changed the database: the change joins the newest batch if that was written in
   * this same event (workerd's write coalescing), or becomes a batch of its own. Its number.
   */
  private long sqlWritten() {
    long event = world.scheduler().dispatchedCount();
    if (batchesWritten > batchesDurable && sqlite.joins(batchesWritten, event)) {
      return batchesWritten;
    }
    long number = ++batchesWritten;
    sqlite.written(number, event);
    scheduleFlush(number, new WriteBatch(false, new TreeMap<>(), false, null));
    return number;
  }

  private void scheduleFlush(long number, WriteBatch batch) {
    int life = generation;
    long latency =
        world
                .scheduler()
                .random("storage/latency")
                .sampleNanos(world.topology().storageWriteLatency())
            + world.storageHooks().extraLatencyNanos(actor, true);
    long flushAt = Math.max(lastFlushAt, world.nowNanos() + latency);
    lastFlushAt = flushAt;
    ScheduledEvent[] self = new ScheduledEvent[1];
    self[0] =
        world.schedule(
            flushAt - world.nowNanos(),
            actor,
            "storage.flush",
            World.details("batch", number),
            () -> {
              pendingFlushes.remove(self[0]);
              if (life != generation) {
                return;
              }
              flush(number, batch);
            });
    pendingFlushes.add(self[0]);
  }

  private void flush(long number, WriteBatch batch) {
    if (world.storageHooks().failWrite(actor, number)) {
      world.record(actor, "storage.write-failed", World.details("batch", number));
      reset("storage write failed", "object.reset");
      return;
    }
    if (sqlite != null) {
      sqlite.durable(number);
    } else {
      apply(batch, disk);
    }
    if (batch.alarmChanged()) {
      diskAlarm = batch.alarm();
      scheduleAlarm();
    }
    batchesDurable = number;
    world.record(actor, "storage.durable", World.details("batch", number));
    if (world.storageHooks().crashAfterWrite(actor, number)) {
      // The write is durable, but the object dies before anything waiting on it goes out.
      reset("crashed after a durable write, before acknowledging it", "object.crashed");
      return;
    }
    Iterator<HeldOutput> held = heldOutputs.iterator();
    List<Runnable> released = new ArrayList<>();
    while (held.hasNext()) {
      HeldOutput output = held.next();
      if (output.afterBatch() <= batchesDurable) {
        released.add(output.output());
        held.remove();
      }
    }
    released.forEach(Runnable::run);
  }

  private static void apply(WriteBatch batch, TreeMap<String, byte[]> target) {
    if (batch.deleteAll()) {
      target.clear();
    }
    for (Map.Entry<String, byte[]> change : batch.changes().entrySet()) {
      if (change.getValue() == null) {
        target.remove(change.getKey());
      } else {
        target.put(change.getKey(), change.getValue());
      }
    }
  }

  private static Map<String, Object> batchDetails(WriteBatch batch) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (batch.deleteAll()) {
      details.put("deleteAll", true);
    }
    List<Object> changes = new ArrayList<>();
    for (Map.Entry<String, byte[]> change : batch.changes().entrySet()) {
      changes.add(
          change.getValue() == null
              ? List.of(change.getKey())
              : List.of(
                  change.getKey(),
                  (long) change.getValue().length,
                  sha256Prefix(change.getValue())));
    }
    if (!changes.isEmpty()) {
      details.put("changes", changes);
    }
    if (batch.alarmChanged()) {
      details.put("alarm", batch.alarm());
    }
    return details;
  }

  private static String sha256Prefix(byte[] value) {
    return dev.w9y.core.http.Body.of(value).sha256().substring(0, 16);
  }

  /** Crash (memory lost) or reset after a failed write: storage falls back to what is durable. */
  void reset(String reason, String kind) {
    reset(reason, kind, false);
  }

  /** As {@link #reset(String, String)}; an {@code eviction} keeps hibernatable WebSockets open. */
  void reset(String reason, String kind, boolean eviction) {
    world.record(actor, kind, World.details("reason", reason));
    world.webSockets().holderLost(this, eviction);
    if (!eviction) {
      sockets.clear();
    }
    if (hibernationCheck != null) {
      hibernationCheck.cancel();
      hibernationCheck = null;
    }
    DurableObjectInstance old = instance;
    instance = null;
    if (old != null) {
      old.crash();
    }
    for (ScheduledEvent flush : pendingFlushes) {
      flush.cancel();
    }
    pendingFlushes.clear();
    view = new TreeMap<>(disk);
    if (sqlite != null) {
      sqlite.reset();
    }
    viewAlarm = diskAlarm;
    batchesWritten = 0;
    batchesDurable = 0;
    lastFlushAt = world.nowNanos();
    heldOutputs.clear();
    readsInFlight = 0;
    blockingContext = null;
    // Requests not yet started wait for the next life; everything else belonged to this one.
    heldInputs.removeIf(held -> !held.isRequest());
    List<Exchange> failed = new ArrayList<>(open.values());
    open.clear();
    for (Exchange exchange : failed) {
      world.failFetch(
          exchange.caller(),
          exchange.message().id(),
          exchange.message().request(),
          exchange.reply(),
          0,
          "durable object " + actor + " reset: " + reason);
    }
    // Bump the life so every pending completion of the old one is dropped, even before a new
    // instance is created.
    generation++;
    firingAlarm = null;
    scheduleRelease();
  }

  // ---------------------------------------------------------------- alarms

  private void scheduleAlarm() {
    if (alarmEvent != null) {
      alarmEvent.cancel();
      alarmEvent = null;
    }
    if (diskAlarm == null) {
      return;
    }
    long expected = diskAlarm;
    long atNanos = (expected - world.topology().epochMillis()) * 1_000_000L;
    long delay =
        Math.max(0, atNanos - world.nowNanos()) + world.storageHooks().alarmDelayNanos(actor);
    alarmEvent =
        world.schedule(
            delay,
            actor,
            "alarm.fired",
            World.details("alarm", expected),
            () -> {
              alarmEvent = null;
              Context context = newContext();
              enter(context, true, () -> runAlarm(context, expected));
              if (world.storageHooks().alarmTwice(actor)) {
                // At-least-once delivery: the same alarm again, as if the first ack was lost.
                Context again = newContext();
                enter(again, true, () -> runAlarmAgain(again, expected));
              }
            });
  }

  /** A duplicate delivery of an alarm: runs the handler whether or not the first one cleared it. */
  private void runAlarmAgain(Context context, long expected) {
    world.record(actor, "alarm.duplicate", World.details("alarm", expected));
    if (!ensureInstance()) {
      return;
    }
    DurableObjectInstance.AlarmInfo info =
        new DurableObjectInstance.AlarmInfo(expected, alarmRetries);
    World.callGuest(
            "alarm handler", () -> world.within(Invocation.fresh(), () -> instance.alarm(info)))
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                String text = World.describeError(error);
                world.record(actor, "guest.error", World.details("alarm", expected, "error", text));
                world.guestErrorEscaped(actor, GuestErrorKind.UNCAUGHT_EXCEPTION, text);
              }
            });
  }

  private void runAlarm(Context context, long expected) {
    if (diskAlarm == null || diskAlarm != expected) {
      return; // changed or deleted since it was scheduled
    }
    if (!ensureInstance()) {
      alarmFailed(context, expected, "constructor failed");
      return;
    }
    if (inputClosedFor(context)) {
      heldInputs.add(new HeldInput(context, true, () -> runAlarm(context, expected)));
      return;
    }
    int life = generation;
    DurableObjectInstance.AlarmInfo info =
        new DurableObjectInstance.AlarmInfo(expected, alarmRetries);
    firingAlarm = expected;
    Promise<Void> ran =
        World.callGuest(
            "alarm handler", () -> world.within(Invocation.fresh(), () -> instance.alarm(info)));
    ran.whenComplete(
        (ok, error) -> {
          if (firingAlarm != null && firingAlarm == expected) {
            firingAlarm = null;
          }
          if (life != generation) {
            return;
          }
          if (error != null) {
            alarmFailed(context, expected, World.describeError(error));
            return;
          }
          alarmRetries = 0;
          world.record(actor, "alarm.done", World.details("alarm", expected));
          if (viewAlarm != null && viewAlarm == expected) {
            write(new WriteBatch(false, new TreeMap<>(), true, null));
          }
        });
  }

  private void alarmFailed(Context context, long expected, String why) {
    // workerd retries a failed alarm, but the error escaped the handler all the same.
    world.guestErrorEscaped(actor, GuestErrorKind.UNCAUGHT_EXCEPTION, "alarm handler: " + why);
    alarmRetries++;
    if (alarmRetries > MAX_ALARM_RETRIES) {
      world.record(actor, "alarm.abandoned", World.details("alarm", expected, "error", why));
      alarmRetries = 0;
      return;
    }
    long backoff = (1L << alarmRetries) * SECOND_NANOS;
    world.record(
        actor,
        "alarm.retry",
        World.details(
            "alarm", expected, "attempt", (long) alarmRetries, "backoffNs", backoff, "error", why));
    alarmEvent =
        world.schedule(
            backoff,
            actor,
            "alarm.fired",
            World.details("alarm", expected, "retry", (long) alarmRetries),
            () -> {
              alarmEvent = null;
              enter(context, true, () -> runAlarm(context, expected));
            });
  }

  // ---------------------------------------------------------------- the guest's view

  /** Storage as the object sees it; a transaction's view overlays its own changes on it. */
  private abstract class StorageView implements DurableStorage {
    abstract byte[] lookup(String key);

    abstract NavigableMap<String, byte[]> snapshot();

    abstract Long alarm();

    abstract void applyWrite(WriteBatch batch);

    @Override
    public Promise<Optional<byte[]>> get(String key) {
      checkKey(key);
      return read("get", World.details("key", key), () -> Optional.ofNullable(copy(lookup(key))));
    }

    @Override
    public Promise<SortedMap<String, byte[]>> get(List<String> keys) {
      checkKeyCount(keys.size());
      keys.forEach(ObjectRuntime::checkKey);
      return read(
          "get",
          World.details("keys", List.copyOf(keys)),
          () -> {
            SortedMap<String, byte[]> found = new TreeMap<>();
            for (String key : keys) {
              byte[] value = lookup(key);
              if (value != null) {
                found.put(key, copy(value));
              }
            }
            return found;
          });
    }

    @Override
    public Promise<Void> put(String key, byte[] value) {
      TreeMap<String, byte[]> entries = new TreeMap<>();
      entries.put(key, value);
      return put(entries);
    }

    @Override
    public Promise<Void> put(SortedMap<String, byte[]> entries) {
      checkKeyCount(entries.size());
      TreeMap<String, byte[]> changes = new TreeMap<>();
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        checkKey(entry.getKey());
        checkValue(entry.getKey(), entry.getValue());
        changes.put(entry.getKey(), copy(entry.getValue()));
      }
      applyWrite(new WriteBatch(false, changes, false, null));
      return Promise.resolved(null);
    }

    @Override
    public Promise<Boolean> delete(String key) {
      return delete(List.of(key)).then(count -> count > 0);
    }

    @Override
    public Promise<Long> delete(List<String> keys) {
      checkKeyCount(keys.size());
      TreeMap<String, byte[]> changes = new TreeMap<>();
      long existed = 0;
      for (String key : keys) {
        checkKey(key);
        if (lookup(key) != null && !changes.containsKey(key)) {
          existed++;
        }
        changes.put(key, null);
      }
      applyWrite(new WriteBatch(false, changes, false, null));
      return Promise.resolved(existed);
    }

    @Override
    public Promise<SortedMap<String, byte[]>> list(ListOptions options) {
      return read(
          "list",
          World.details(
              "prefix", options.prefix(),
              "start", options.start(),
              "end", options.end(),
              "reverse", options.reverse(),
              "limit", (long) options.limit()),
          () -> select(snapshot(), options));
    }

    @Override
    public Promise<Void> deleteAll() {
      applyWrite(new WriteBatch(true, new TreeMap<>(), false, null));
      return Promise.resolved(null);
    }

    @Override
    public Promise<OptionalLong> getAlarm() {
      return read(
          "getAlarm",
          World.details(),
          () -> alarm() == null ? OptionalLong.empty() : OptionalLong.of(alarm()));
    }

    @Override
    public Promise<Void> setAlarm(long epochMillis) {
      applyWrite(new WriteBatch(false, new TreeMap<>(), true, epochMillis));
      return Promise.resolved(null);
    }

    @Override
    public Promise<Void> deleteAlarm() {
      applyWrite(new WriteBatch(false, new TreeMap<>(), true, null));
      return Promise.resolved(null);
    }
  }

  /** The object's own storage: writes become batches that flush to disk. */
  private final class ObjectStorage extends StorageView {
    @Override
    byte[] lookup(String key) {
      return viewGet(key);
    }

    @Override
    NavigableMap<String, byte[]> snapshot() {
      return viewAll();
    }

    @Override
    Long alarm() {
      return visible(viewAlarm);
    }

    @Override
    void applyWrite(WriteBatch batch) {
      write(batch);
    }

    @Override
    public <T> Promise<T> transaction(Function<DurableStorage, Promise<T>> body) {
      Promise.Deferred<T> outcome = Promise.deferred();
      Transaction transaction = new Transaction();
      readsInFlight++; // a transaction holds the input gate until it commits or rolls back
      int life = generation;
      Context context = currentContext;
      world.record(actor, "storage.transaction", World.details());
      Promise<T> result = World.callGuest("transaction body", () -> body.apply(transaction));
      result.whenComplete(
          (value, error) -> {
            if (life != generation) {
              return;
            }
            runIn(
                context,
                () -> {
                  readsInFlight--;
                  transaction.closed = true;
                  if (error != null) {
                    world.record(
                        actor,
                        "storage.rollback",
                        World.details("error", World.describeError(error)));
                    outcome.reject(error);
                  } else {
                    write(transaction.batch());
                    world.record(actor, "storage.commit", World.details());
                    outcome.resolve(value);
                  }
                });
          });
      return outcome.promise();
    }
  }

  /** A transaction's view: its changes stay private until it commits. */
  private final class Transaction extends StorageView {
    private boolean deleteAll;
    private final TreeMap<String, byte[]> changes = new TreeMap<>();
    private boolean alarmChanged;
    private Long alarm;
    private boolean closed;

    @Override
    byte[] lookup(String key) {
      checkOpen();
      if (changes.containsKey(key)) {
        return changes.get(key);
      }
      return deleteAll ? null : viewGet(key);
    }

    @Override
    NavigableMap<String, byte[]> snapshot() {
      checkOpen();
      TreeMap<String, byte[]> merged = deleteAll ? new TreeMap<>() : new TreeMap<>(viewAll());
      apply(new WriteBatch(false, changes, false, null), merged);
      return merged;
    }

    @Override
    Long alarm() {
      return alarmChanged ? alarm : visible(viewAlarm);
    }

    @Override
    void applyWrite(WriteBatch batch) {
      checkOpen();
      if (batch.deleteAll()) {
        deleteAll = true;
        changes.clear();
      }
      changes.putAll(batch.changes());
      if (batch.alarmChanged()) {
        alarmChanged = true;
        alarm = batch.alarm();
      }
    }

    WriteBatch batch() {
      return new WriteBatch(deleteAll, changes, alarmChanged, alarm);
    }

    @Override
    public <T> Promise<T> transaction(Function<DurableStorage, Promise<T>> body) {
      return Promise.rejected(new GuestException("transactions cannot be nested"));
    }

    private void checkOpen() {
      if (closed) {
        throw new GuestException("the transaction has already committed or rolled back");
      }
    }
  }

  /** A key's value as the object sees it now (from {@code _cf_KV} for a SQLite object). */
  private byte[] viewGet(String key) {
    return sqlite != null ? sqlite.database().kvGet(key) : view.get(key);
  }

  /** Every key and value as the object sees them now. */
  private TreeMap<String, byte[]> viewAll() {
    return sqlite != null ? sqlite.database().kvAll() : view;
  }

  /** An alarm as getAlarm() shows it: the one whose handler is running is not pending any more. */
  private Long visible(Long alarm) {
    return alarm != null && firingAlarm != null && alarm.longValue() == firingAlarm ? null : alarm;
  }

  private static SortedMap<String, byte[]> select(
      NavigableMap<String, byte[]> all, DurableStorage.ListOptions options) {
    NavigableMap<String, byte[]> range = all;
    if (options.start() != null
        && options.end() != null
        && options.start().compareTo(options.end()) >= 0) {
      return new TreeMap<>(); // an empty range, as in workerd (not an error)
    }
    if (options.start() != null) {
      range = range.tailMap(options.start(), true);
    }
    if (options.end() != null) {
      range = range.headMap(options.end(), false);
    }
    Iterable<Map.Entry<String, byte[]>> entries =
        options.reverse() ? range.descendingMap().entrySet() : range.entrySet();
    // A LinkedHashMap keeps reverse order; TreeMap would re-sort it.
    Map<String, byte[]> picked = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : entries) {
      if (options.prefix() != null && !entry.getKey().startsWith(options.prefix())) {
        continue;
      }
      picked.put(entry.getKey(), copy(entry.getValue()));
      if (options.limit() > 0 && picked.size() == options.limit()) {
        break;
      }
    }
    TreeMap<String, byte[]> result =
        options.reverse() ? new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>();
    result.putAll(picked);
    return result;
  }

  private static byte[] copy(byte[] value) {
    return value == null ? null : value.clone();
  }

  private static void checkKey(String key) {
    if (key == null) {
      throw new GuestException("storage keys must not be null");
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > DurableStorage.MAX_KEY_BYTES) {
      throw new GuestException(
          "storage key of "
              + bytes
              + " bytes is longer than the maximum of "
              + DurableStorage.MAX_KEY_BYTES);
    }
  }

  private static void checkValue(String key, byte[] value) {
    if (value == null) {
      throw new GuestException("storage value for '" + key + "' must not be null");
    }
    if (value.length > DurableStorage.MAX_VALUE_BYTES) {
      throw new GuestException(
          "storage value for '"
              + key
              + "' is "
              + value.length
              + " bytes, more than the maximum of "
              + DurableStorage.MAX_VALUE_BYTES);
    }
  }

  private static void checkKeyCount(int count) {
    if (count > DurableStorage.MAX_KEYS_PER_OPERATION) {
      throw new GuestException(
          count
              + " keys in one operation; the maximum is "
              + DurableStorage.MAX_KEYS_PER_OPERATION);
    }
  }

  // ---------------------------------------------------------------- SQL

  /** Most characters of a statement the trace quotes. */
  private static final int TRACED_QUERY_CHARS = 80;

  /**
   * {@code ctx.storage.sql} of a SQLite-backed object: statements run now, with no input gate (as
   * in workerd, SQLite is local and synchronous); a change is a write batch, so outputs wait for it
   * to be durable and a crash before then loses it.
   */
  private final class ObjectSql implements SqlStorage {
    private final ObjectStorage storage;

    ObjectSql(ObjectStorage storage) {
      this.storage = storage;
    }

    @Override
    public SqlResult exec(String query, List<Object> bindings) {
      sqlite.beforeChange();
      Map<String, Object> details = World.details("query", tracedQuery(query));
      SqliteDatabase.Outcome outcome;
      try {
        outcome = sqlite.database().exec(query, bindings);
      } catch (GuestException e) {
        details.put("error", e.getMessage());
        // The service whose code ran the statement, for the report, as D1's failed replies say.
        details.put("service", namespace.service().name());
        world.record(actor, "storage.sql", details);
        throw e;
      }
      details.put("rowsRead", outcome.result().rowsRead());
      details.put("rowsWritten", outcome.result().rowsWritten());
      if (outcome.changed()) {
        details.put("batch", sqlWritten());
      }
      world.record(actor, "storage.sql", details);
      return outcome.result();
    }

    @Override
    public long databaseSize() {
      return sqlite.database().size();
    }

    @Override
    public <T> T transactionSync(Supplier<T> body) {
      sqlite.beforeChange(); // earlier batches keep their own images
      sqlite.database().begin();
      world.record(actor, "storage.transaction-sync", World.details());
      T result;
      try {
        result = body.get();
      } catch (RuntimeException | Error thrown) {
        sqlite.database().rollback();
        world.record(
            actor, "storage.rollback", World.details("error", World.describeError(thrown)));
        throw thrown;
      }
      sqlite.database().commit();
      world.record(actor, "storage.commit", World.details());
      return result;
    }

    @Override
    public byte[] kvGet(String key) {
      checkKey(key);
      world.record(actor, "storage.kv-get", World.details("key", key));
      return copy(viewGet(key));
    }

    @Override
    public void kvPut(String key, byte[] value) {
      TreeMap<String, byte[]> entries = new TreeMap<>();
      entries.put(key, value);
      storage.put(entries);
    }

    @Override
    public boolean kvDelete(String key) {
      checkKey(key);
      boolean existed = viewGet(key) != null;
      TreeMap<String, byte[]> changes = new TreeMap<>();
      changes.put(key, null);
      write(new WriteBatch(false, changes, false, null));
      return existed;
    }

    @Override
    public SortedMap<String, byte[]> kvList(DurableStorage.ListOptions options) {
      world.record(actor, "storage.kv-list", World.details("prefix", options.prefix()));
      return select(viewAll(), options);
    }

    @Override
    public Promise<String> currentBookmark() {
      return afterWrites("bookmark", World.details(), sqlite::currentBookmark);
    }

    @Override
    public Promise<String> bookmarkForTime(long epochMillis) {
      return afterWrites(
          "bookmark-for-time",
          World.details("time", epochMillis),
          () -> sqlite.bookmarkForTime(epochMillis));
    }

    @Override
    public Promise<String> onNextSessionRestoreBookmark(String bookmark) {
      return afterWrites(
          "restore-bookmark",
          World.details("bookmark", bookmark),
          () -> sqlite.restoreOnRestart(bookmark));
    }
  }

  /**
   * A point-in-time-recovery call: answered like a storage read (its own event, in the context that
   * asked), once the writes made before it are durable; {@code value} runs then and may throw a
   * GuestException, which rejects the promise.
   */
  private Promise<String> afterWrites(
      String op, Map<String, Object> details, Supplier<String> value) {
    Promise.Deferred<String> result = Promise.deferred();
    int life = generation;
    Context context = currentContext;
    world.record(actor, "storage." + op, details);
    emitThroughOutputGate(
        () ->
            world.schedule(
                0,
                actor,
                "storage.read-done",
                World.details("op", op),
                () -> {
                  if (life != generation) {
                    return;
                  }
                  runIn(
                      context,
                      () -> {
                        try {
                          result.resolve(value.get());
                        } catch (GuestException e) {
                          result.reject(e);
                        }
                      });
                }));
    return result.promise();
  }

  private static String tracedQuery(String query) {
    String oneLine = query.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= TRACED_QUERY_CHARS
        ? oneLine
        : oneLine.substring(0, TRACED_QUERY_CHARS) + "...";
  }

  // ---------------------------------------------------------------- host

  /** The host API of this object: ops it starts complete in the context that started them. */
  private final class ObjectHost extends GuestHost implements DurableObjectHost {
    private final ObjectStorage storage = new ObjectStorage();
    private final SqlStorage sql = sqlite == null ? null : new ObjectSql(storage);

    ObjectHost(ObjectRuntime object) {
      super(
          object.world,
          object.namespace.service(),
          object.actor,
          object.guestRandom,
          object::currentEndpoint);
    }

    @Override
    public DurableObjectId id() {
      return id;
    }

    @Override
    WebSocketNetwork.Holder socketHolder() {
      return ObjectRuntime.this.socketHolder();
    }

    @Override
    public dev.w9y.core.guest.HibernatableWebSockets hibernatableWebSockets() {
      return sockets;
    }

    @Override
    public String returnAddress() {
      return "object " + namespace.service().name() + " " + namespace.binding() + " " + id.hex();
    }

    @Override
    public void instanceLost(String reason) {
      if (instance != null) {
        reset("instance lost: " + reason, "object.reset");
      }
    }

    @Override
    public DurableStorage storage() {
      return storage;
    }

    @Override
    public SqlStorage sql() {
      return sql;
    }

    @Override
    public void abort(String reason) {
      int life = generation;
      world.record(actor, "object.abort", World.details("reason", reason));
      world.schedule(
          0,
          actor,
          "object.abort-takes-effect",
          World.details(),
          () -> {
            if (life == generation) {
              reset("ctx.abort(): " + reason, "object.aborted");
            }
          });
    }

    @Override
    public <T> Promise<T> blockConcurrencyWhile(Supplier<Promise<T>> body) {
      if (blockingContext != null) {
        return Promise.rejected(new GuestException("blockConcurrencyWhile is already active"));
      }
      Context blocking = newContext();
      blockingContext = blocking;
      int life = generation;
      world.record(actor, "gate.blocked", World.details());
      Promise<T> result;
      Context previous = currentContext;
      currentContext = blocking;
      try {
        result = body.get();
        if (result == null) {
          throw new GuestException("blockConcurrencyWhile body returned null");
        }
      } catch (RuntimeException | Error thrown) {
        result = Promise.rejected(thrown);
      } finally {
        currentContext = previous;
      }
      return result.whenComplete(
          (value, error) -> {
            if (life != generation || blockingContext != blocking) {
              return;
            }
            blockingContext = null;
            world.record(actor, "gate.unblocked", World.details());
            if (error != null) {
              // As in workerd: a failed blockConcurrencyWhile resets the object.
              reset("blockConcurrencyWhile failed: " + World.describeError(error), "object.reset");
            } else {
              scheduleRelease();
            }
          });
    }
  }
}
