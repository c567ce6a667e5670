package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectId;
import dev.w9y.core.guest.DurableObjectNamespace;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.scheduler.RandomStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** One durable-object namespace: a class of one service and the objects of that class. */
final class NamespaceRuntime {
  private final World world;
  private final ServiceRuntime service;
  private final String binding;
  private final String className;
  private final RandomStream uniqueIds;
  private final Map<String, ObjectRuntime> objects = new LinkedHashMap<>();

  /** Names idFromName derived ids from, by hex (looked up only, never iterated). */
  private final Map<String, String> namesByHex = new java.util.TreeMap<>();

  NamespaceRuntime(World world, ServiceRuntime service, String binding, String className) {
    this.world = world;
    this.service = service;
    this.binding = binding;
    this.className = className;
    this.uniqueIds = world.scheduler().random("objects/" + service.name() + "/" + binding + "/ids");
  }

  String binding() {
    return binding;
  }

  String className() {
    return className;
  }

  ServiceRuntime service() {
    return service;
  }

  World world() {
    return world;
  }

  /**
   * The object with this id, created (without memory yet) on first use. An id that reached the host
   * as hex alone (an RPC call through a stub) gets the name idFromName derived it from: the object
   * sees it as {@code ctx.id.name}, as in workerd.
   */
  ObjectRuntime object(DurableObjectId id) {
    return objects.computeIfAbsent(
        id.hex(),
        hex ->
            new ObjectRuntime(
                this,
                id.name() != null || !namesByHex.containsKey(hex)
                    ? id
                    : new DurableObjectId(hex, namesByHex.get(hex))));
  }

  /** Every object addressed so far, in the order first addressed. */
  Map<String, ObjectRuntime> objects() {
    return objects;
  }

  DurableObjectId idFromName(String name) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(
          (service.name() + "/" + className + "\n" + name).getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(sha256.digest());
      namesByHex.put(hex, name);
      return new DurableObjectId(hex, name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** The namespace as the guest whose operations {@code opsOwner} owns sees it. */
  DurableObjectNamespace stubFor(Supplier<Endpoint> opsOwner) {
    return new DurableObjectNamespace() {
      @Override
      public DurableObjectId idFromName(String name) {
        return NamespaceRuntime.this.idFromName(name);
      }

      @Override
      public DurableObjectId newUniqueId() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i += 8) {
          long bits = uniqueIds.nextLong();
          for (int j = 0; j < 8; j++) {
            bytes[i + j] = (byte) (bits >>> (56 - 8 * j));
          }
        }
        return new DurableObjectId(HexFormat.of().formatHex(bytes), null);
      }

      @Override
      public DurableObjectId idFromString(String hex) {
        return new DurableObjectId(hex, null);
      }

      @Override
      public Promise<Response> fetch(DurableObjectId id, Request request) {
        return world.send(opsOwner.get(), request, object(id));
      }
    };
  }
}
