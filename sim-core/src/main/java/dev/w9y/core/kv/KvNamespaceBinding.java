package dev.w9y.core.kv;

import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformBinding;
import java.util.Objects;

/**
 * A binding to the KV namespace {@code namespace} (wrangler's {@code kv_namespaces[].id}): every
 * service bound to the same id shares its entries. {@code strict} turns eventual consistency off
 * (every read sees the newest write, no read cache), for tests that want read-after-write.
 */
public record KvNamespaceBinding(String namespace, boolean strict) implements PlatformBinding {
  public KvNamespaceBinding {
    Objects.requireNonNull(namespace, "namespace");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("a KV namespace needs a non-empty id");
    }
  }

  /** An eventually consistent namespace (as in production). */
  public static KvNamespaceBinding of(String namespace) {
    return new KvNamespaceBinding(namespace, false);
  }

  /** A strictly consistent namespace: reads always see the newest write. */
  public static KvNamespaceBinding strict(String namespace) {
    return new KvNamespaceBinding(namespace, true);
  }

  @Override
  public String kind() {
    return "kv";
  }

  @Override
  public String describe() {
    return "kv namespace " + namespace + (strict ? " (strict)" : "");
  }

  @Override
  public Object open(PlatformAccess access) {
    return new KvHandle(access, this);
  }
}
