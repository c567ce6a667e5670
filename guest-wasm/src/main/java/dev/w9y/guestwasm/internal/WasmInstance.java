package dev.w9y.guestwasm.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.GuestInstanceLost;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.TimerHandle;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One running WebAssembly guest: a Chicory instance of the service's parsed module with the W9Y
 * host ABI (v1, docs/WASM-ABI.md) and virtual WASI as its imports. Every call into the guest goes
 * through {@link #call}, which starts a fresh instruction budget, and turns traps, a spent budget
 * or {@code proc_exit} into the instance being lost (the host restarts it).
 */
final class WasmInstance {
  static final String ABI_MODULE = "w9y";

  private final WasmServiceCode code;
  private final ServiceHost host;
  private final String description;
  private final VirtualWasi wasi;
  private final Instance instance;
  private final GuestMemory memory;
  private long instructions;
  // The instruction the interpreter ran last: after a trap, the one that trapped (see trappedIn).
  private com.dylibso.chicory.wasm.types.Instruction lastInstruction;
  private int depth;
  private boolean lost;
  private boolean crashed;

  private int nextRequestId = 1;
  private int nextFetchId = 1;
  private int nextTimerId = 1;
  private final Map<Integer, PendingResponse> requests = new LinkedHashMap<>();
  private final Map<Integer, OutgoingFetch> fetches = new LinkedHashMap<>();
  private final List<OutgoingFetch> toSend = new ArrayList<>();
  private final Map<Integer, TimerHandle> timers = new LinkedHashMap<>();

  /** A response the guest is building: headers so far, then {@code respond} completes it. */
  private static final class PendingResponse {
    final Promise.Deferred<Response> reply = Promise.deferred();
    Headers headers = Headers.EMPTY;
  }

  /** A fetch the guest started this call; it leaves when the call returns (after its headers). */
  private static final class OutgoingFetch {
    final int id;
    final String method;
    final String url;
    final byte[] body;
    Headers headers = Headers.EMPTY;
    String objectBinding; // set for a fetch to a durable object (object_fetch)
    String objectName;

    OutgoingFetch(int id, String method, String url, byte[] body) {
      this.id = id;
      this.method = method;
      this.url = url;
      this.body = body;
    }
  }

  /** Thrown by the execution listener when an event's instructions run out. */
  static final class InstructionBudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InstructionBudgetExceeded(long limit) {
      super(
          "ran more than "
              + limit
              + " instructions in one event (the instruction budget; an endless loop?)",
          null,
          false,
          false);
    }
  }

  WasmInstance(WasmServiceCode code, ServiceHost host, String description) {
    this.code = code;
    this.host = host;
    this.description = description;
    this.wasi = new VirtualWasi(host, code.serviceName(), host.vars());
    List<HostFunction> imports = new ArrayList<>(abiFunctions());
    imports.addAll(wasi.functions());
    Instance.Builder builder =
        Instance.builder(code.module())
            .withImportValues(
                ImportValues.builder().withFunctions(new ArrayList<>(imports)).build())
            .withMemoryLimits(new MemoryLimits(code.initialPages(), code.maxPages()));
    if (code.compiledMachines() != null) {
      builder.withMachineFactory(code.compiledMachines());
      host.log(
          "warn",
          description
              + " runs compiled (WasmGuest.withCompiler): the instruction budget is not enforced");
    } else {
      builder.withUnsafeExecutionListener(
          (instruction, stack) -> {
            lastInstruction = instruction;
            if (++instructions > code.instructionLimit()) {
              throw new InstructionBudgetExceeded(code.instructionLimit());
            }
          });
    }
    Instance built;
    depth++;
    try {
      instructions = 0;
      built = builder.build();
    } catch (ChicoryException | InstructionBudgetExceeded | VirtualWasi.Exit e) {
      throw new GuestException(description + ", instantiating: " + e.getMessage(), e);
    } finally {
      depth--;
    }
    this.instance = built;
    this.memory = new GuestMemory(instance.memory(), description);
    wasi.attach(memory);
    if (code.exports("_initialize")) {
      call("_initialize", "_initialize");
    }
  }

  // ---------------------------------------------------------------- calls into the guest

  long[] call(String where, String export, long... args) {
    if (lost || crashed) {
      throw new GuestInstanceLost(description + " is not running (it crashed or was lost)");
    }
    ExportFunction function = instance.export(export);
    if (depth == 0) {
      instructions = 0;
    }
    depth++;
    try {
      return function.apply(args);
    } catch (InstructionBudgetExceeded | VirtualWasi.Exit e) {
      throw lose(where, e.getMessage(), e);
    } catch (ChicoryException e) {
      throw lose(where, "trap: " + e.getMessage() + trappedIn(export), e);
    } catch (StackOverflowError e) {
      throw lose(where, "trap: call stack exhausted" + trappedIn(export), e);
    } catch (GuestException e) {
      // A host import refused the guest (a bad pointer, an unknown id) in the middle of its code:
      // what the guest was doing cannot be finished, so the instance goes like after a trap.
      throw GuestInstanceLost.isLost(e) ? e : lose(where, e.getMessage(), e);
    } finally {
      depth--;
      if (depth == 0 && !lost && !crashed) {
        sendFetches();
        runAfterCall();
      }
    }
  }

  /**
   * Where a trap struck, for its report: the export the host called and, when the interpreter ran
   * it (the compiler opt-in has no listener), the function of the trapping instruction, by its
   * index and its name in the module's name section where it has one. Found by identity among the
   * module's function bodies: Chicory's trap says neither, and a lookup only after a trap keeps the
   * per-instruction listener to one field write.
   */
  private String trappedIn(String export) {
    String text = " (in export '" + export + "'";
    int body = bodyHolding(lastInstruction);
    if (body >= 0) {
      int index = code.module().importSection().count(ExternalType.FUNCTION) + body;
      var names = code.module().nameSection();
      String name = names == null ? null : names.nameOfFunction(index);
      text += ", function " + index + (name == null ? "" : " '" + name + "'");
    }
    return text + ")";
  }

  private int bodyHolding(com.dylibso.chicory.wasm.types.Instruction instruction) {
    if (instruction == null || code.compiledMachines() != null) {
      return -1;
    }
    var bodies = code.module().codeSection().functionBodies();
    for (int i = 0; i < bodies.length; i++) {
      for (var candidate : bodies[i].instructions()) {
        if (candidate == instruction) {
          return i;
        }
      }
    }
    return -1;
  }

  private GuestInstanceLost lose(String where, String reason, Throwable cause) {
    GuestInstanceLost error =
        new GuestInstanceLost(description + ", " + where + ": " + reason, cause);
    if (!lost) {
      lost = true;
      wasi.flush();
      stopTimers();
      host.instanceLost(reason);
    }
    return error;
  }

  /** Copies bytes into a buffer the guest allocates (and then owns). */
  private long handOver(String where, byte[] data) {
    long pointer = call(where, "w9y_alloc", data.length)[0];
    memory.write(where + " (w9y_alloc's buffer)", pointer, data);
    return pointer;
  }

  Promise<Response> deliver(Request request) {
    int id = nextRequestId++;
    PendingResponse pending = new PendingResponse();
    requests.put(id, pending);
    try {
      byte[] block = Blocks.request(request);
      long pointer = handOver("request", block);
      call("request handler", "w9y_on_request", id, pointer, block.length);
    } catch (GuestException e) {
      requests.remove(id);
      return Promise.rejected(e);
    }
    return pending.reply.promise();
  }

  /** The alarm handler: {@code w9y_on_alarm()}; it is done when the call returns. */
  Promise<Void> alarm() {
    if (!code.exports("w9y_on_alarm")) {
      return Promise.rejected(new GuestException(description + " does not export w9y_on_alarm"));
    }
    try {
      call("alarm handler", "w9y_on_alarm");
      return Promise.resolved(null);
    } catch (GuestException e) {
      return Promise.rejected(e);
    }
  }

  /** Tells the guest what it is: {@code w9y_on_start(is_object, class_ptr, class_len)}. */
  void started(String objectClass) {
    if (!code.exports("w9y_on_start")) {
      return;
    }
    byte[] name = objectClass == null ? new byte[0] : objectClass.getBytes(StandardCharsets.UTF_8);
    long pointer = handOver("start", name);
    call("start", "w9y_on_start", objectClass == null ? 0 : 1, pointer, name.length);
  }

  void crash() {
    crashed = true;
    wasi.flush();
    stopTimers();
  }

  private void stopTimers() {
    for (TimerHandle timer : timers.values()) {
      timer.cancel();
    }
    timers.clear();
  }

  /** Runs a callback export in its own event; failures are traced, a lost instance restarts. */
  private void callback(String where, String export, long... args) {
    if (lost || crashed) {
      return;
    }
    if (!code.exports(export)) {
      host.reportError(where, description + " does not export " + export + " (ABI v1)");
      return;
    }
    try {
      call(where, export, args);
    } catch (GuestException e) {
      if (!GuestInstanceLost.isLost(e)) {
        host.reportError(where, e.getMessage());
      }
    }
  }

  private void sendFetches() {
    List<OutgoingFetch> sending = new ArrayList<>(toSend);
    toSend.clear();
    for (OutgoingFetch fetch : sending) {
      Promise<Response> answer;
      try {
        Request request = new Request(fetch.method, fetch.url, fetch.headers, Body.of(fetch.body));
        if (fetch.objectBinding != null) {
          var namespace = host.durableObjects(fetch.objectBinding);
          answer = namespace.fetch(namespace.idFromName(fetch.objectName), request);
        } else {
          answer = host.fetch(request);
        }
      } catch (RuntimeException e) {
        answer = Promise.rejected(e);
      }
      answer.whenComplete(
          (response, error) -> {
            fetches.remove(fetch.id);
            if (lost || crashed) {
              return;
            }
            byte[] block;
            int status;
            if (error != null) {
              status = 0;
              String message =
                  error instanceof FetchFailed failed
                      ? failed.reason()
                      : String.valueOf(error.getMessage());
              block = message.getBytes(StandardCharsets.UTF_8);
            } else {
              status = response.status();
              block = Blocks.response(response);
            }
            if (!code.exports("w9y_on_fetch")) {
              host.reportError(
                  "fetch completion", description + " does not export w9y_on_fetch (ABI v1)");
              return;
            }
            try {
              long pointer = handOver("fetch completion", block);
              call("fetch completion", "w9y_on_fetch", fetch.id, status, pointer, block.length);
            } catch (GuestException e) {
              if (!GuestInstanceLost.isLost(e)) {
                host.reportError("fetch completion", e.getMessage());
              }
            }
          });
    }
  }

  // ---------------------------------------------------------------- the w9y imports (ABI v1)

  /** "module.name" of every import the host provides (ABI v1 and virtual WASI). */
  static java.util.SortedSet<String> providedImports() {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (HostFunction function : abiFunctionsOf(null)) {
      names.add(function.module() + "." + function.name());
    }
    for (HostFunction function :
        new VirtualWasi(null, "", java.util.Collections.emptyMap()).functions()) {
      names.add(function.module() + "." + function.name());
    }
    return names;
  }

  private List<HostFunction> abiFunctions() {
    return abiFunctionsOf(this);
  }

  /** The w9y imports; {@code self} is null only when just their names are wanted. */
  private static List<HostFunction> abiFunctionsOf(WasmInstance self) {
    return self == null ? new WasmInstance().abiDefinitions() : self.abiDefinitions();
  }

  /** An instance that only lists its imports' names (see {@link #providedImports}). */
  private WasmInstance() {
    this.code = null;
    this.host = null;
    this.description = "import listing";
    this.wasi = null;
    this.instance = null;
    this.memory = null;
  }

  private int nextStorageOp = 1;

  /**
   * Runs a storage operation of a durable object and reports it to {@code w9y_on_storage(op,
   * status, ptr, len)} when it completes: status 0 with the result bytes, 1 for "not found" (get,
   * delete), -1 with the error message.
   */
  private long[] storageOp(String call, Promise<byte[]> operation) {
    int op = nextStorageOp++;
    operation.whenComplete(
        (result, error) ->
            afterGuestCall(
                () -> {
                  if (lost || crashed) {
                    return;
                  }
                  int status;
                  byte[] data;
                  if (error != null) {
                    status = -1;
                    data = String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8);
                  } else if (result == null) {
                    status = 1;
                    data = new byte[0];
                  } else {
                    status = 0;
                    data = result;
                  }
                  if (!code.exports("w9y_on_storage")) {
                    host.reportError(
                        call, description + " does not export w9y_on_storage (ABI v1)");
                    return;
                  }
                  try {
                    long pointer = handOver(call + " completion", data);
                    call(call + " completion", "w9y_on_storage", op, status, pointer, data.length);
                  } catch (GuestException e) {
                    if (!GuestInstanceLost.isLost(e)) {
                      host.reportError(call, e.getMessage());
                    }
                  }
                }));
    return new long[] {op};
  }

  /**
   * Runs {@code delivery} once no call into the guest is on the stack. A storage operation can
   * complete at once, inside the import call that started it; calling the guest back there would
   * re-enter it before the import has even returned the operation's id. So completions wait for the
   * outermost call to return, as JavaScript promise reactions do.
   */
  private void afterGuestCall(Runnable delivery) {
    if (depth > 0) {
      afterCall.add(delivery);
    } else {
      delivery.run();
    }
  }

  private final List<Runnable> afterCall = new ArrayList<>();

  private void runAfterCall() {
    while (!afterCall.isEmpty() && !lost && !crashed) {
      afterCall.remove(0).run();
    }
  }

  /**
   * Applies a batch of writes all or nothing (ABI v1 {@code storage_transaction}): the block is an
   * op count, then per op a tag byte (1 put, 2 delete), the key (string) and, for a put, the value
   * (bytes). A malformed block is a guest error before anything is written.
   */
  private Promise<byte[]> transaction(byte[] block) {
    java.nio.ByteBuffer in =
        java.nio.ByteBuffer.wrap(block).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    // The final effect per key, in key order: a later op on a key replaces an earlier one;
    // a null value means "delete".
    java.util.SortedMap<String, byte[]> effects = new java.util.TreeMap<>();
    java.util.Set<String> deleted = new java.util.TreeSet<>();
    try {
      int count = in.getInt();
      for (int i = 0; i < count; i++) {
        int tag = in.get();
        String key = new String(take(in), StandardCharsets.UTF_8);
        if (tag == 1) {
          effects.put(key, take(in));
          deleted.remove(key);
        } else if (tag == 2) {
          effects.remove(key);
          deleted.add(key);
        } else {
          throw new GuestException(description + ": storage_transaction: unknown op tag " + tag);
        }
      }
      if (in.hasRemaining()) {
        throw new GuestException(description + ": storage_transaction: bytes left after the ops");
      }
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new GuestException(description + ": storage_transaction: the block is truncated");
    }
    return storage("storage_transaction")
        .transaction(
            txn -> {
              Promise<Void> chain =
                  deleted.isEmpty()
                      ? Promise.resolved(null)
                      : txn.delete(new ArrayList<>(deleted)).then(count -> null);
              if (!effects.isEmpty()) {
                chain = chain.thenCompose(done -> txn.put(effects));
              }
              return chain.then(done -> new byte[0]);
            });
  }

  private static byte[] take(java.nio.ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("length " + length);
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private dev.w9y.core.guest.DurableStorage storage(String call) {
    if (!(host instanceof dev.w9y.core.guest.DurableObjectHost objectHost)) {
      throw new GuestException(description + ": " + call + " is only for durable objects");
    }
    return objectHost.storage();
  }

  private List<HostFunction> abiDefinitions() {
    ValType i32 = ValType.I32;
    ValType i64 = ValType.I64;
    List<HostFunction> all = new ArrayList<>();
    all.add(
        abi(
            "storage_get",
            List.of(i32, i32),
            List.of(i32),
            a ->
                storageOp(
                    "storage_get",
                    storage("storage_get")
                        .get(memory.utf8("storage_get", a[0], a[1]))
                        .then(value -> value.orElse(null)))));
    all.add(
        abi(
            "storage_put",
            List.of(i32, i32, i32, i32),
            List.of(i32),
            a ->
                storageOp(
                    "storage_put",
                    storage("storage_put")
                        .put(
                            memory.utf8("storage_put", a[0], a[1]),
                            memory.bytes("storage_put", a[2], a[3]))
                        .then(done -> new byte[0]))));
    all.add(
        abi(
            "storage_delete",
            List.of(i32, i32),
            List.of(i32),
            a ->
                storageOp(
                    "storage_delete",
                    storage("storage_delete")
                        .delete(memory.utf8("storage_delete", a[0], a[1]))
                        .then(deleted -> deleted ? new byte[0] : null))));
    all.add(
        abi(
            "storage_list",
            List.of(i32, i32, i32),
            List.of(i32),
            a ->
                storageOp(
                    "storage_list",
                    storage("storage_list")
                        .list(
                            dev.w9y.core.guest.DurableStorage.ListOptions.prefix(
                                    memory.utf8("storage_list", a[0], a[1]))
                                .limit((int) Math.max(0, a[2])))
                        .then(Blocks::entries))));
    all.add(
        abi(
            "storage_set_alarm",
            List.of(i64),
            List.of(i32),
            a ->
                storageOp(
                    "storage_set_alarm",
                    storage("storage_set_alarm").setAlarm(a[0]).then(done -> new byte[0]))));
    all.add(
        abi(
            "storage_delete_alarm",
            List.of(),
            List.of(i32),
            a ->
                storageOp(
                    "storage_delete_alarm",
                    storage("storage_delete_alarm").deleteAlarm().then(done -> new byte[0]))));
    all.add(
        abi(
            "storage_transaction",
            List.of(i32, i32),
            List.of(i32),
            a ->
                storageOp(
                    "storage_transaction",
                    transaction(memory.bytes("storage_transaction", a[0], a[1])))));
    all.add(
        abi(
            "object_fetch",
            List.of(i32, i32, i32, i32, i32, i32, i32, i32, i32, i32),
            List.of(i32),
            a -> {
              String binding = memory.utf8("object_fetch", a[0], a[1]);
              String name = memory.utf8("object_fetch", a[2], a[3]);
              int id = nextFetchId++;
              OutgoingFetch fetch =
                  new OutgoingFetch(
                      id,
                      memory.utf8("object_fetch", a[4], a[5]),
                      memory.utf8("object_fetch", a[6], a[7]),
                      memory.bytes("object_fetch", a[8], a[9]));
              fetch.objectBinding = binding;
              fetch.objectName = name;
              fetches.put(id, fetch);
              toSend.add(fetch);
              return new long[] {id};
            }));
    all.add(
        abi(
            "respond_header",
            List.of(i32, i32, i32, i32, i32),
            List.of(),
            a -> {
              PendingResponse pending = pending("respond_header", a[0]);
              pending.headers =
                  pending.headers.with(
                      memory.utf8("respond_header", a[1], a[2]),
                      memory.utf8("respond_header", a[3], a[4]));
              return null;
            }));
    all.add(
        abi(
            "respond",
            List.of(i32, i32, i32, i32),
            List.of(),
            a -> {
              PendingResponse pending = pending("respond", a[0]);
              Response response;
              try {
                response =
                    new Response(
                        (int) a[1], pending.headers, Body.of(memory.bytes("respond", a[2], a[3])));
              } catch (IllegalArgumentException e) {
                throw new GuestException(description + ": respond: " + e.getMessage());
              }
              requests.remove((int) a[0]);
              pending.reply.resolve(response);
              return null;
            }));
    all.add(
        abi(
            "fetch",
            List.of(i32, i32, i32, i32, i32, i32),
            List.of(i32),
            a -> {
              int id = nextFetchId++;
              OutgoingFetch fetch =
                  new OutgoingFetch(
                      id,
                      memory.utf8("fetch", a[0], a[1]),
                      memory.utf8("fetch", a[2], a[3]),
                      memory.bytes("fetch", a[4], a[5]));
              fetches.put(id, fetch);
              toSend.add(fetch);
              return new long[] {id};
            }));
    all.add(
        abi(
            "fetch_header",
            List.of(i32, i32, i32, i32, i32),
            List.of(),
            a -> {
              OutgoingFetch fetch = fetches.get((int) a[0]);
              if (fetch == null || !toSend.contains(fetch)) {
                throw new GuestException(
                    description
                        + ": fetch_header for fetch "
                        + a[0]
                        + ", which is not being built");
              }
              fetch.headers =
                  fetch.headers.with(
                      memory.utf8("fetch_header", a[1], a[2]),
                      memory.utf8("fetch_header", a[3], a[4]));
              return null;
            }));
    all.add(
        abi(
            "set_timer",
            List.of(i64),
            List.of(i32),
            a -> {
              int id = nextTimerId++;
              long delayNanos = Math.max(0, a[0]) * 1_000_000L;
              timers.put(
                  id,
                  host.setTimer(
                      delayNanos,
                      () -> {
                        timers.remove(id);
                        callback("timer", "w9y_on_timer", id);
                      }));
              return new long[] {id};
            }));
    all.add(
        abi(
            "cancel_timer",
            List.of(i32),
            List.of(i32),
            a -> {
              TimerHandle timer = timers.remove((int) a[0]);
              return new long[] {timer != null && timer.cancel() ? 1 : 0};
            }));
    all.add(
        abi(
            "log",
            List.of(i32, i32, i32),
            List.of(),
            a -> {
              String level =
                  switch ((int) a[0]) {
                    case 0 -> "debug";
                    case 1 -> "info";
                    case 2 -> "warn";
                    default -> "error";
                  };
              host.log(level, memory.utf8("log", a[1], a[2]));
              return null;
            }));
    all.add(abi("random_u64", List.of(), List.of(i64), a -> new long[] {host.random().nextLong()}));
    all.add(abi("now_ms", List.of(), List.of(i64), a -> new long[] {host.epochMillis()}));
    all.add(abi("monotonic_ns", List.of(), List.of(i64), a -> new long[] {host.nowNanos()}));
    all.add(
        abi(
            "buggify",
            List.of(i32, i32),
            List.of(i32),
            a -> new long[] {host.buggify(memory.utf8("buggify", a[0], a[1])) ? 1 : 0}));
    all.add(
        abi(
            "assert_always",
            List.of(i32, i32, i32),
            List.of(),
            a -> {
              host.always(memory.utf8("assert_always", a[1], a[2]), a[0] != 0, "");
              return null;
            }));
    all.add(
        abi(
            "assert_eventually",
            List.of(i32, i32, i32),
            List.of(),
            a -> {
              host.eventually(memory.utf8("assert_eventually", a[1], a[2]), a[0] != 0);
              return null;
            }));
    all.add(
        abi(
            "assert_sometimes",
            List.of(i32, i32, i32),
            List.of(),
            a -> {
              host.sometimes(memory.utf8("assert_sometimes", a[1], a[2]), a[0] != 0);
              return null;
            }));
    return all;
  }

  private interface AbiBody {
    long[] apply(long[] args);
  }

  private HostFunction abi(String name, List<ValType> params, List<ValType> results, AbiBody body) {
    return new HostFunction(ABI_MODULE, name, params, results, (inst, args) -> body.apply(args));
  }

  private PendingResponse pending(String call, long id) {
    PendingResponse pending = requests.get((int) id);
    if (pending == null) {
      throw new GuestException(
          description
              + ": "
              + call
              + " for request "
              + id
              + ", which is not open (answered already?)");
    }
    return pending;
  }

  int memoryPages() {
    return memory.pages();
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * The guest's state between events: linear memory, globals, and the host-side counters tied to
   * it. Taken only when nothing is in flight (no open request, fetch, timer or storage call), since
   * those belong to the world's future, which an instance snapshot cannot hold.
   */
  record Snapshot(
      byte[] memory,
      int pages,
      long[] globalsLow,
      long[] globalsHigh,
      int nextRequestId,
      int nextFetchId,
      int nextTimerId,
      int nextStorageOp) {}

  Snapshot snapshot() {
    requireQuiet("snapshot");
    int count = instance.globalCount();
    long[] low = new long[count];
    long[] high = new long[count];
    for (int i = 0; i < count; i++) {
      low[i] = instance.global(i).getValueLow();
      high[i] = instance.global(i).getValueHigh();
    }
    return new Snapshot(
        memory.snapshot(),
        memory.pages(),
        low,
        high,
        nextRequestId,
        nextFetchId,
        nextTimerId,
        nextStorageOp);
  }

  void restore(Snapshot snapshot) {
    requireQuiet("restore");
    if (memory.pages() > snapshot.pages()) {
      throw new IllegalStateException(
          description
              + ": memory grew from "
              + snapshot.pages()
              + " to "
              + memory.pages()
              + " pages since the snapshot; WebAssembly memory cannot shrink");
    }
    if (memory.pages() < snapshot.pages()) {
      instance.memory().grow(snapshot.pages() - memory.pages());
    }
    memory.write("restore", 0, snapshot.memory());
    for (int i = 0; i < snapshot.globalsLow().length; i++) {
      instance.global(i).setValueLow(snapshot.globalsLow()[i]);
      instance.global(i).setValueHigh(snapshot.globalsHigh()[i]);
    }
    nextRequestId = snapshot.nextRequestId();
    nextFetchId = snapshot.nextFetchId();
    nextTimerId = snapshot.nextTimerId();
    nextStorageOp = snapshot.nextStorageOp();
  }

  private void requireQuiet(String what) {
    if (depth > 0
        || !requests.isEmpty()
        || !fetches.isEmpty()
        || !timers.isEmpty()
        || !afterCall.isEmpty()) {
      throw new IllegalStateException(
          description
              + ": cannot "
              + what
              + " while work is in flight ("
              + requests.size()
              + " requests, "
              + fetches.size()
              + " fetches, "
              + timers.size()
              + " timers open)");
    }
  }
}
