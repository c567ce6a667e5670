package dev.w9y.guestjs.internal;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectNamespace;
import dev.w9y.core.guest.DurableStorage;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.WebSocketEnd;
import dev.w9y.core.guest.WebSocketListener;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.RequestCf;
import dev.w9y.core.http.Response;
import dev.w9y.core.rpc.RpcEnvelope;
import dev.w9y.scheduler.RandomStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The functions the prelude reaches the host through ({@code internal.host}). Arguments and results
 * are primitives, binary strings and arrays of them; asynchronous operations take the JavaScript
 * promise's resolve and reject functions, which the instance calls when the host promise settles
 * (in whatever later event that is).
 */
final class HostBridge {
  private final JsInstance instance;
  private final ServiceHost host;
  private static final Map<String, PlatformBridge> PLATFORM_BRIDGES = PlatformBridge.all();

  private final Map<String, Object> functions = new LinkedHashMap<>();

  /** Storage handles: 0 is the object's storage, others are open transactions. */
  private final Map<Integer, DurableStorage> storages = new LinkedHashMap<>();

  private int nextStorageHandle = 1;

  private HostBridge(JsInstance instance, ServiceHost host) {
    this.instance = instance;
    this.host = host;
  }

  /**
   * The bridge's functions as the arguments of one guest call: their names joined by commas (no
   * name has one), then each function in the same order.
   */
  static Object[] create(JsInstance instance, ServiceHost host) {
    HostBridge bridge = new HostBridge(instance, host);
    bridge.defineCommon();
    if (host instanceof DurableObjectHost objectHost) {
      bridge.defineObject(objectHost);
    }
    Object[] arguments = new Object[bridge.functions.size() + 1];
    arguments[0] = String.join(",", bridge.functions.keySet());
    int i = 1;
    for (Object function : bridge.functions.values()) {
      arguments[i++] = function;
    }
    return arguments;
  }

  void define(String name, ProxyExecutable function) {
    functions.put(name, function);
  }

  /**
   * The functions behind platform binding {@code name} (see {@link PlatformBridge}), made once per
   * binding: {@code env} is made once per instance.
   */
  private ProxyObject platformBinding(String name) {
    String kind = host.platformBindings().get(name);
    PlatformBridge bridge = kind == null ? null : PLATFORM_BRIDGES.get(kind);
    if (bridge == null) {
      throw new GuestException(
          host.actor()
              + ": binding "
              + name
              + " is of kind "
              + kind
              + ", which JavaScript guests lack");
    }
    Map<String, Object> functions = new LinkedHashMap<>();
    bridge.define(host.platformBinding(name), instance, functions::put);
    return ProxyObject.fromMap(functions);
  }

  private void defineCommon() {
    RandomStream random = host.random();
    define("epochMillis", args -> (double) host.epochMillis());
    define("monotonicMillis", args -> (host.nowNanos() - instance.startNanos()) / 1_000_000.0);
    define("random", args -> random.nextUnitDouble());
    define("randomBytes", args -> Wire.binary(randomBytes(random, args[0].asInt())));
    define("randomUUID", args -> randomUuid(randomBytes(random, 16)));
    define("platformBinding", args -> platformBinding(args[0].asString()));
    define(
        "log",
        args -> {
          host.log(args[0].asString(), args[1].asString());
          return null;
        });
    define(
        "reportError",
        args -> {
          instance.reportError(args[0].asString(), args[1].asString());
          return null;
        });
    define(
        "setTimer",
        args -> {
          instance.timers().set(args[0].asInt(), args[1].asLong());
          return null;
        });
    define(
        "clearTimer",
        args -> {
          instance.timers().clear(args[0].asInt());
          return null;
        });
    define(
        "fetch",
        args -> {
          instance.settleLaterWithParts(
              "fetch",
              host.fetch(RequestCf.withoutCarried(Wire.request(args[0]))),
              args[1],
              args[2],
              Wire::responseParts);
          return null;
        });
    define(
        "fetchBinding",
        args -> {
          String binding = args[0].asString();
          instance.settleLaterWithParts(
              "env." + binding + ".fetch",
              host.fetchBinding(binding, bindingRequest(binding, args[1])),
              args[2],
              args[3],
              Wire::responseParts);
          return null;
        });
    define("idFromName", args -> namespace(args[0]).idFromName(args[1].asString()).hex());
    define("newUniqueId", args -> namespace(args[0]).newUniqueId().hex());
    define(
        "idFromString",
        args -> {
          try {
            return namespace(args[0]).idFromString(args[1].asString()).hex();
          } catch (IllegalArgumentException e) {
            return null;
          }
        });
    define(
        "objectFetch",
        args -> {
          DurableObjectNamespace namespace = namespace(args[0]);
          instance.settleLaterWithParts(
              "durable object fetch",
              namespace.fetch(
                  namespace.idFromString(args[1].asString()),
                  withCarriedCf(
                      RpcEnvelope.withoutReservedHeaders(Wire.request(args[2])), args[2])),
              args[3],
              args[4],
              Wire::responseParts);
          return null;
        });
    // RPC (rpc.js): (binding[, hex], method, target or null, serialized arguments, ok, fail); ok
    // gets (kind, payload): 0 and the serialized result, 1 and the serialized exception, or 2 and
    // a description of a response that is no RPC answer (a fault replaced it).
    define(
        "rpcService",
        args -> {
          String binding = args[0].asString();
          String method = args[1].asString();
          Request call =
              RpcEnvelope.call(
                  host.serviceBindingEntrypoint(binding),
                  stringOrNull(args[2]),
                  method,
                  Wire.bytes(args[3].asString()));
          instance.settleLaterWithParts(
              "env." + binding + "." + method + "()",
              host.fetchBinding(binding, call),
              args[4],
              args[5],
              HostBridge::answerParts);
          return null;
        });
    define(
        "rpcObject",
        args -> {
          DurableObjectNamespace namespace = namespace(args[0]);
          String method = args[2].asString();
          Request call =
              RpcEnvelope.call(null, stringOrNull(args[3]), method, Wire.bytes(args[4].asString()));
          instance.settleLaterWithParts(
              "durable object " + method + "()",
              namespace.fetch(namespace.idFromString(args[1].asString()), call),
              args[5],
              args[6],
              HostBridge::answerParts);
          return null;
        });
    define("returnAddress", args -> host.returnAddress());
    define(
        "rpcAddress",
        args -> {
          String method = args[1].asString();
          Request call =
              RpcEnvelope.call(null, stringOrNull(args[2]), method, Wire.bytes(args[3].asString()));
          instance.settleLaterWithParts(
              "callback " + method,
              host.fetchReturnAddress(args[0].asString(), call),
              args[4],
              args[5],
              HostBridge::answerParts);
          return null;
        });
    define(
        "waitUntil",
        args -> {
          host.waitUntil(instance.await("ctx.waitUntil", args[0], value -> null));
          return null;
        });
    define(
        "always",
        args -> {
          host.always(args[0].asString(), args[1].asBoolean(), args[2].asString());
          return null;
        });
    define(
        "sometimes",
        args -> {
          host.sometimes(args[0].asString(), args[1].asBoolean());
          return null;
        });
    define("buggify", args -> host.buggify(args[0].asString()));
    define(
        "eventually",
        args -> {
          host.eventually(args[0].asString(), args[1].asBoolean());
          return null;
        });
    // The service's HTTP caches (caches.default, caches.open): request and response parts as
    // fetch passes them; a hit comes back as response parts, a miss as null.
    define(
        "cacheMatch",
        args ->
            host.cache(args[0].asString())
                .match(Wire.request(args[1]))
                .map(response -> (Object) ProxyArray.fromArray(Wire.responseParts(response)))
                .orElse(null));
    define(
        "cachePut",
        args -> host.cache(args[0].asString()).put(Wire.request(args[1]), Wire.response(args[2])));
    define("cacheDelete", args -> host.cache(args[0].asString()).delete(Wire.request(args[1])));
    defineWebSockets();
    define("utf8Decode", args -> utf8Decode(args[0].asString(), args[1].asBoolean()));
    define("utf8Encode", args -> Wire.binary(Wire.utf8(args[0].asString())));
    functions.putAll(WebCrypto.hostFunctions());
    define("compression", Compression.hostFunction());
    functions.putAll(Idna.hostFunctions());
    functions.putAll(LegacyEncodings.hostFunctions());
    ContractBridge.define(host, this::define);
  }

  // ---------------------------------------------------------------- WebSockets (websocket.js)

  /** The host ends of this context's WebSockets, by the handle the prelude holds. */
  private final List<WebSocketEnd> sockets = new ArrayList<>();

  private void defineWebSockets() {
    define("wsOpen", args -> handle(host.webSocketServer(listener(args[0]))));
    define("wsClaim", args -> handle(host.webSocketClient(args[0].asString(), listener(args[1]))));
    define("wsConnectionId", args -> socket(args[0]).connectionId());
    define(
        "wsSend",
        args -> {
          socket(args[0]).send(Wire.bytes(args[1].asString()), args[2].asBoolean());
          return null;
        });
    define(
        "wsClose",
        args -> {
          socket(args[0]).close(args[1].asInt(), args[2].asString());
          return null;
        });
  }

  private int handle(WebSocketEnd end) {
    sockets.add(end);
    return sockets.size() - 1;
  }

  private WebSocketEnd socket(Value handle) {
    return sockets.get(handle.asInt());
  }

  /**
   * Hands a socket's events to the prelude's function {@code onEvent}: (0, text or binary string,
   * isText) for a message, (1, code, reason, wasClean) for the close; each its own host-to-guest
   * call.
   */
  private WebSocketListener listener(Value onEvent) {
    return new WebSocketListener() {
      @Override
      public void onMessage(byte[] data, boolean text) {
        deliver(
            "websocket message",
            0,
            text ? new String(data, StandardCharsets.UTF_8) : Wire.binary(data),
            text,
            null);
      }

      @Override
      public void onClose(int code, String reason, boolean wasClean) {
        deliver("websocket close", 1, code, reason, wasClean);
      }

      private void deliver(String where, Object... args) {
        if (!instance.isRunning()) {
          return;
        }
        try {
          instance.call(where, onEvent, args);
        } catch (GuestException e) {
          if (!dev.w9y.core.guest.GuestInstanceLost.isLost(e)) {
            host.reportError(where, e.getMessage());
          }
        }
      }
    };
  }

  /** The hibernation API's host side (websocket.js and workers.js' DurableObjectState). */
  private void defineHibernation(DurableObjectHost objectHost) {
    define(
        "wsAcceptHibernatable",
        args -> handle(objectHost.hibernatableWebSockets().accept(strings(args[0]))));
    define(
        "wsHibernated",
        args -> handle(objectHost.hibernatableWebSockets().end(args[0].asString())));
    define(
        "wsHibernatedList",
        args ->
            ProxyArray.fromList(
                new ArrayList<Object>(
                    objectHost.hibernatableWebSockets().sockets(stringOrNull(args[0])))));
    define(
        "wsTags",
        args ->
            ProxyArray.fromList(
                new ArrayList<Object>(
                    objectHost.hibernatableWebSockets().tags(args[0].asString()))));
    define(
        "wsSetAttachment",
        args -> {
          objectHost
              .hibernatableWebSockets()
              .setAttachment(
                  args[0].asString(), args[1].isNull() ? null : Wire.bytes(args[1].asString()));
          return null;
        });
    define(
        "wsGetAttachment",
        args -> {
          byte[] attachment = objectHost.hibernatableWebSockets().attachment(args[0].asString());
          return attachment == null ? null : Wire.binary(attachment);
        });
    define(
        "wsSetAutoResponse",
        args -> {
          objectHost
              .hibernatableWebSockets()
              .setAutoResponse(stringOrNull(args[0]), stringOrNull(args[1]));
          return null;
        });
    define(
        "wsGetAutoResponse",
        args -> {
          String[] pair = objectHost.hibernatableWebSockets().autoResponse();
          return pair == null ? null : ProxyArray.fromArray((Object[]) pair);
        });
    define(
        "wsAutoResponseTimestamp",
        args -> {
          java.util.OptionalLong at =
              objectHost.hibernatableWebSockets().autoResponseTimestamp(args[0].asString());
          return at.isPresent() ? (Object) (double) at.getAsLong() : null;
        });
  }

  /**
   * A guest fetch through a binding: reserved headers out, the binding's entrypoint and the
   * request's cf in.
   */
  private Request bindingRequest(String binding, Value parts) {
    Request clean = withCarriedCf(RpcEnvelope.withoutReservedHeaders(Wire.request(parts)), parts);
    String entrypoint = host.serviceBindingEntrypoint(binding);
    return entrypoint == null ? clean : clean.withHeader(RpcEnvelope.ENTRYPOINT, entrypoint);
  }

  /** The sender's Request.cf (parts[4]: JSON text or null), carried to the receiver. */
  private static Request withCarriedCf(Request request, Value parts) {
    Value cf = parts.getArraySize() > 4 ? parts.getArrayElement(4) : null;
    return RequestCf.carrying(request, cf == null || cf.isNull() ? null : cf.asString());
  }

  private static Object[] answerParts(Response response) {
    if (!RpcEnvelope.isAnswer(response)) {
      return new Object[] {
        2, "the RPC call got an HTTP " + response.status() + " response instead of its answer"
      };
    }
    return new Object[] {RpcEnvelope.threw(response) ? 1 : 0, Wire.binary(response.body().bytes())};
  }

  private static byte[] randomBytes(RandomStream random, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /** RFC 4122 version 4 from 16 random bytes, lower-case hex, as crypto.randomUUID() formats. */
  private static String randomUuid(byte[] bytes) {
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    StringBuilder text = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        text.append('-');
      }
      text.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16));
      text.append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return text.toString();
  }

  private DurableObjectNamespace namespace(Value binding) {
    return host.durableObjects(binding.asString());
  }

  /** UTF-8 bytes to text; invalid input becomes U+FFFD, or null when {@code fatal}. */
  private static String utf8Decode(String binary, boolean fatal) {
    byte[] bytes = Wire.bytes(binary);
    if (!fatal) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- durable objects

  private void defineObject(DurableObjectHost objectHost) {
    storages.put(0, objectHost.storage());
    defineHibernation(objectHost);
    define("objectId", args -> objectHost.id().hex());
    if (objectHost.sql() != null) {
      SqlBridge.define(objectHost.sql(), this::define);
      // Point-in-time recovery (workers.js): (arg, resolve, reject).
      define(
          "getCurrentBookmark",
          args -> {
            instance.settleLater(
                "storage.getCurrentBookmark",
                objectHost.sql().currentBookmark(),
                args[0],
                args[1],
                b -> b);
            return null;
          });
      define(
          "getBookmarkForTime",
          args -> {
            instance.settleLater(
                "storage.getBookmarkForTime",
                objectHost.sql().bookmarkForTime(args[0].asLong()),
                args[1],
                args[2],
                b -> b);
            return null;
          });
      define(
          "onNextSessionRestoreBookmark",
          args -> {
            instance.settleLater(
                "storage.onNextSessionRestoreBookmark",
                objectHost.sql().onNextSessionRestoreBookmark(args[0].asString()),
                args[1],
                args[2],
                b -> b);
            return null;
          });
    }
    define(
        "abortObject",
        args -> {
          objectHost.abort(args[0].asString());
          return null;
        });
    define(
        "storageGet",
        args -> {
          DurableStorage storage = storage(args[0]);
          Value keys = args[1];
          if (keys.hasArrayElements()) {
            instance.settleLater(
                "storage.get", storage.get(strings(keys)), args[2], args[3], HostBridge::entries);
          } else {
            instance.settleLater(
                "storage.get",
                storage.get(keys.asString()),
                args[2],
                args[3],
                value -> value.map(Wire::binary).orElse(null));
          }
          return null;
        });
    define(
        "storagePut",
        args -> {
          DurableStorage storage = storage(args[0]);
          Value entries = args[1];
          SortedMap<String, byte[]> map = new TreeMap<>();
          for (int i = 0; i < entries.getArraySize(); i += 2) {
            map.put(
                entries.getArrayElement(i).asString(),
                Wire.bytes(entries.getArrayElement(i + 1).asString()));
          }
          Promise<Void> put =
              map.size() == 1
                  ? storage.put(map.firstKey(), map.get(map.firstKey()))
                  : storage.put(map);
          instance.settleLater("storage.put", put, args[2], args[3], value -> null);
          return null;
        });
    define(
        "storageDelete",
        args -> {
          DurableStorage storage = storage(args[0]);
          Value keys = args[1];
          if (keys.hasArrayElements()) {
            instance.settleLater(
                "storage.delete",
                storage.delete(strings(keys)),
                args[2],
                args[3],
                count -> (double) count);
          } else {
            instance.settleLater(
                "storage.delete",
                storage.delete(keys.asString()),
                args[2],
                args[3],
                deleted -> deleted);
          }
          return null;
        });
    define(
        "storageList",
        args -> {
          DurableStorage storage = storage(args[0]);
          DurableStorage.ListOptions options =
              new DurableStorage.ListOptions(
                  stringOrNull(args[1]),
                  stringOrNull(args[2]),
                  stringOrNull(args[3]),
                  args[4].asBoolean(),
                  args[5].asInt());
          instance.settleLater(
              "storage.list", storage.list(options), args[6], args[7], HostBridge::entries);
          return null;
        });
    define(
        "storageDeleteAll",
        args -> {
          instance.settleLater(
              "storage.deleteAll", storage(args[0]).deleteAll(), args[1], args[2], value -> null);
          return null;
        });
    define(
        "storageGetAlarm",
        args -> {
          instance.settleLater(
              "storage.getAlarm",
              storage(args[0]).getAlarm(),
              args[1],
              args[2],
              alarm -> alarm.isPresent() ? (Object) (double) alarm.getAsLong() : null);
          return null;
        });
    define(
        "storageSetAlarm",
        args -> {
          instance.settleLater(
              "storage.setAlarm",
              storage(args[0]).setAlarm(args[1].asLong()),
              args[2],
              args[3],
              value -> null);
          return null;
        });
    define(
        "storageDeleteAlarm",
        args -> {
          instance.settleLater(
              "storage.deleteAlarm",
              storage(args[0]).deleteAlarm(),
              args[1],
              args[2],
              value -> null);
          return null;
        });
    define(
        "storageTransaction",
        args -> {
          Value body = args[1];
          Promise<Object> done =
              storage(args[0])
                  .transaction(
                      transaction -> {
                        int handle = nextStorageHandle++;
                        storages.put(handle, transaction);
                        Promise<Object> result =
                            instance.callAndAwait(
                                "storage.transaction", body, value -> new Holder(value), handle);
                        result.whenComplete((value, error) -> storages.remove(handle));
                        return result;
                      });
          instance.settleLater(
              "storage.transaction", done, args[2], args[3], holder -> ((Holder) holder).value());
          return null;
        });
    define(
        "blockConcurrencyWhile",
        args -> {
          Value body = args[0];
          Promise<Object> done =
              objectHost.blockConcurrencyWhile(
                  () ->
                      instance.callAndAwait(
                          "blockConcurrencyWhile", body, value -> new Holder(value)));
          instance.settleLater(
              "blockConcurrencyWhile", done, args[1], args[2], holder -> ((Holder) holder).value());
          return null;
        });
  }

  /** Carries a JavaScript value through host promises without the host looking at it. */
  private record Holder(Value value) {}

  private DurableStorage storage(Value handle) {
    DurableStorage storage = storages.get(handle.asInt());
    if (storage == null) {
      throw new GuestException("the transaction has already committed or rolled back");
    }
    return storage;
  }

  private static List<String> strings(Value array) {
    List<String> result = new ArrayList<>((int) array.getArraySize());
    for (int i = 0; i < array.getArraySize(); i++) {
      result.add(array.getArrayElement(i).asString());
    }
    return result;
  }

  private static String stringOrNull(Value value) {
    return value.isNull() ? null : value.asString();
  }

  /** [key, binary, key, binary...] in key order. */
  static Object entries(SortedMap<String, byte[]> map) {
    List<Object> flat = new ArrayList<>(map.size() * 2);
    for (Map.Entry<String, byte[]> entry : map.entrySet()) {
      flat.add(entry.getKey());
      flat.add(Wire.binary(entry.getValue()));
    }
    return ProxyArray.fromList(flat);
  }
}
