package dev.w9y.core;

import dev.w9y.scheduler.Distribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under simulation: its services and the network between them. Immutable and validated
 * when built: duplicate names or hostnames and bindings to unknown services are errors naming the
 * service and binding.
 *
 * @param services the services, in declaration order (which is also start order)
 * @param latency one-way network latency of every message
 * @param connectTimeoutNanos how long a caller waits for a message that was lost before its fetch
 *     fails
 * @param epochMillis the simulated wall clock at virtual time 0 (Date.now() at start)
 * @param storageReadLatency how long a durable-object storage read takes
 * @param storageWriteLatency how long a durable-object write batch takes to become durable
 */
public record Topology(
    List<ServiceSpec> services,
    Distribution latency,
    long connectTimeoutNanos,
    long epochMillis,
    Distribution storageReadLatency,
    Distribution storageWriteLatency) {

  /** Latency when a topology names none: 1–10 ms, with a 1-in-100 tail up to 2 s. */
  public static final Distribution DEFAULT_LATENCY =
      Distribution.longTail(
          Distribution.uniform(Duration.ofMillis(1), Duration.ofMillis(10)),
          dev.w9y.scheduler.Ratio.of(1, 100),
          Distribution.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)));

  public static final Distribution DEFAULT_STORAGE_READ_LATENCY =
      Distribution.uniform(Duration.ofNanos(100_000), Duration.ofMillis(1));

  public static final Distribution DEFAULT_STORAGE_WRITE_LATENCY =
      Distribution.uniform(Duration.ofMillis(1), Duration.ofMillis(5));

  public static final long DEFAULT_CONNECT_TIMEOUT_NANOS = Duration.ofSeconds(10).toNanos();

  /** 2026-01-01T00:00:00Z: a fixed start for the simulated wall clock. */
  public static final long DEFAULT_EPOCH_MILLIS = 1_767_225_600_000L;

  public Topology {
    services = List.copyOf(services);
    validate(services);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A system of Workers from their wrangler configurations ({@code wrangler.toml}, {@code
   * wrangler.json}, {@code wrangler.jsonc}): one public service per Worker, with its vars, service
   * bindings, durable objects (also another Worker's, by {@code script_name}) and crons. Anything
   * W9Y does not simulate (KV, R2, D1, queues, ...) is an error naming the file and key; {@link
   * dev.w9y.core.wrangler.WranglerProject#read(List, boolean)} can turn those into notes instead.
   * Needs the guest-js module on the classpath.
   *
   * @throws dev.w9y.core.wrangler.WranglerConfigException naming file, line, column and key
   */
  public static Topology fromWrangler(java.nio.file.Path... configs) {
    return dev.w9y.core.wrangler.WranglerProject.read(configs).topology();
  }

  /** The service named {@code name}. */
  public ServiceSpec service(String name) {
    for (ServiceSpec spec : services) {
      if (spec.name().equals(name)) {
        return spec;
      }
    }
    throw new IllegalArgumentException("no service named '" + name + "' in the topology");
  }

  private static void validate(List<ServiceSpec> services) {
    Map<String, ServiceSpec> byName = new LinkedHashMap<>();
    Map<String, String> hostOwners = new LinkedHashMap<>();
    for (ServiceSpec spec : services) {
      if (byName.put(spec.name(), spec) != null) {
        throw new IllegalArgumentException("duplicate service name '" + spec.name() + "'");
      }
      for (String host : spec.hostnames()) {
        String owner = hostOwners.put(host, spec.name());
        if (owner != null) {
          throw new IllegalArgumentException(
              "hostname '"
                  + host
                  + "' is claimed by both '"
                  + owner
                  + "' and '"
                  + spec.name()
                  + "'");
        }
      }
    }
    for (ServiceSpec spec : services) {
      for (Map.Entry<String, String> binding : spec.bindings().entrySet()) {
        if (!byName.containsKey(binding.getValue())) {
          throw new IllegalArgumentException(
              "service '"
                  + spec.name()
                  + "': binding "
                  + binding.getKey()
                  + " points to unknown service '"
                  + binding.getValue()
                  + "'");
        }
      }
      for (Map.Entry<String, String> binding : spec.objectBindings().entrySet()) {
        String[] target = binding.getValue().split("/", 2);
        ServiceSpec owner = byName.get(target[0]);
        if (owner == null || !owner.durableObjects().containsKey(target[1])) {
          throw new IllegalArgumentException(
              "service '"
                  + spec.name()
                  + "': durable-object binding "
                  + binding.getKey()
                  + " points to "
                  + (owner == null
                      ? "unknown service '" + target[0] + "'"
                      : "service '" + target[0] + "', which declares no namespace " + target[1]));
        }
      }
    }
  }

  /** Builds a topology service by service. */
  public static final class Builder {
    private final List<ServiceSpec> services = new ArrayList<>();
    private Distribution latency = DEFAULT_LATENCY;
    private long connectTimeoutNanos = DEFAULT_CONNECT_TIMEOUT_NANOS;
    private long epochMillis = DEFAULT_EPOCH_MILLIS;
    private Distribution storageReadLatency = DEFAULT_STORAGE_READ_LATENCY;
    private Distribution storageWriteLatency = DEFAULT_STORAGE_WRITE_LATENCY;

    private Builder() {}

    public Builder service(ServiceSpec spec) {
      services.add(spec);
      return this;
    }

    /**
     * Adds an external host answering from its contract: see {@link ServiceSpec#external(String,
     * String, dev.w9y.core.contract.Contract)}.
     */
    public Builder external(String name, String host, dev.w9y.core.contract.Contract contract) {
      return service(ServiceSpec.external(name, host, contract));
    }

    public Builder latency(Distribution value) {
      latency = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeoutNanos = value.toNanos();
      return this;
    }

    public Builder storageLatency(Distribution read, Distribution write) {
      storageReadLatency = read;
      storageWriteLatency = write;
      return this;
    }

    public Builder epochMillis(long value) {
      epochMillis = value;
      return this;
    }

    public Topology build() {
      return new Topology(
          Collections.unmodifiableList(services),
          latency,
          connectTimeoutNanos,
          epochMillis,
          storageReadLatency,
          storageWriteLatency);
    }
  }
}
