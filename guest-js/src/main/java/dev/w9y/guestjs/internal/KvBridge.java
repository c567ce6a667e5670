package dev.w9y.guestjs.internal;

import dev.w9y.core.kv.KvHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host functions behind a KV namespace binding (prelude: kv.js): keys and metadata as strings,
 * values as binary strings, each operation a promise settled when its event has run.
 */
final class KvBridge implements PlatformBridge {
  @Override
  public String kind() {
    return "kv";
  }

  @Override
  public void define(
      Object handle, JsInstance instance, BiConsumer<String, ProxyExecutable> define) {
    KvHandle kv = (KvHandle) handle;
    // get(key, cacheTtl, resolve, reject) -> null or [value, metadata]
    define.accept(
        "get",
        args -> {
          instance.settleLater(
              "kv.get",
              kv.get(args[0].asString(), args[1].asLong()),
              args[2],
              args[3],
              value ->
                  value == null
                      ? null
                      : ProxyArray.fromArray(Wire.binary(value.bytes()), value.metadata()));
          return null;
        });
    // getBulk([keys], cacheTtl, resolve, reject) -> [null or [value, metadata], ...]
    define.accept(
        "getBulk",
        args -> {
          List<String> keys = new ArrayList<>();
          for (long i = 0; i < args[0].getArraySize(); i++) {
            keys.add(args[0].getArrayElement(i).asString());
          }
          instance.settleLater(
              "kv.getBulk",
              kv.getBulk(keys, args[1].asLong()),
              args[2],
              args[3],
              values -> {
                List<Object> found = new ArrayList<>();
                for (KvHandle.Value value : values) {
                  found.add(
                      value == null
                          ? null
                          : ProxyArray.fromArray(Wire.binary(value.bytes()), value.metadata()));
                }
                return ProxyArray.fromList(found);
              });
          return null;
        });
    // put(key, value, expiration, expirationTtl, metadata, resolve, reject)
    define.accept(
        "put",
        args -> {
          instance.settleLater(
              "kv.put",
              kv.put(
                  args[0].asString(),
                  Wire.bytes(args[1].asString()),
                  optionalLong(args[2]),
                  optionalLong(args[3]),
                  args[4].isNull() ? null : args[4].asString()),
              args[5],
              args[6],
              value -> null);
          return null;
        });
    define.accept(
        "delete",
        args -> {
          instance.settleLater(
              "kv.delete", kv.delete(args[0].asString()), args[1], args[2], v -> null);
          return null;
        });
    // list(prefix, limit, cursor, resolve, reject) -> [complete, cursor, name, expiration,
    // metadata, name, ...]
    define.accept(
        "list",
        args -> {
          instance.settleLater(
              "kv.list",
              kv.list(
                  args[0].isNull() ? null : args[0].asString(),
                  args[1].asInt(),
                  args[2].isNull() ? null : args[2].asString()),
              args[3],
              args[4],
              page -> {
                List<Object> flat = new ArrayList<>();
                flat.add(page.listComplete());
                flat.add(page.cursor());
                for (KvHandle.Key key : page.keys()) {
                  flat.add(key.name());
                  flat.add(key.expiration() == null ? null : (double) key.expiration());
                  flat.add(key.metadata());
                }
                return ProxyArray.fromList(flat);
              });
          return null;
        });
  }

  private static Long optionalLong(Value value) {
    return value.isNull() ? null : value.asLong();
  }
}
