package dev.w9y.guestwasm.internal;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.guestwasm.WasmGuest;

/**
 * One WebAssembly instance outside a simulation, on a host the caller supplies: for snapshot tests
 * and benchmarks, which need an instance's state between two calls.
 */
public final class WasmInstances {
  private WasmInstances() {}

  /** A started service instance of {@code guest} as service {@code serviceName}. */
  public static Handle start(WasmGuest guest, String serviceName, ServiceHost host) {
    WasmServiceCode code = (WasmServiceCode) guest.load(serviceName);
    WasmInstance instance = new WasmInstance(code, host, "service '" + serviceName + "'");
    instance.started(null);
    return new Handle(instance);
  }

  /** A started instance: requests in, snapshots of its state out and back. */
  public static final class Handle {
    private final WasmInstance instance;

    private Handle(WasmInstance instance) {
      this.instance = instance;
    }

    public Promise<Response> deliver(Request request) {
      return instance.deliver(request);
    }

    /** The instance's memory, globals and counters; only between events with nothing in flight. */
    public Object snapshot() {
      return instance.snapshot();
    }

    /** Puts a snapshot of this instance back (memory cannot have grown since). */
    public void restore(Object snapshot) {
      instance.restore((WasmInstance.Snapshot) snapshot);
    }

    /** A SHA-256 of a snapshot's memory and globals: equal digests, equal guest state. */
    public static String digest(Object snapshot) {
      WasmInstance.Snapshot s = (WasmInstance.Snapshot) snapshot;
      try {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(s.memory());
        for (int i = 0; i < s.globalsLow().length; i++) {
          sha.update(
              java.nio.ByteBuffer.allocate(16)
                  .putLong(s.globalsLow()[i])
                  .putLong(s.globalsHigh()[i])
                  .array());
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    public int memoryPages() {
      return instance.memoryPages();
    }
  }
}
