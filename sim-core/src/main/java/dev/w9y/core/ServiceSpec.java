package dev.w9y.core;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.guest.GuestCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One service of a topology: its name (also its default hostname), its code, whether the workload
 * may reach it, the hostnames it answers to, its bindings to other services, its variables, its
 * cron schedules and how many instances run. Immutable; build with {@link #of(String, GuestCode)}
 * and the {@code with...} methods.
 *
 * <p>{@code contract} (null: none) is the service's declared interface, checked on the network: see
 * {@link #withContract}.
 */
public record ServiceSpec(
    String name,
    GuestCode code,
    boolean isPublic,
    List<String> hostnames,
    Map<String, String> bindings,
    Map<String, String> vars,
    List<String> crons,
    int instances,
    Map<String, String> durableObjects,
    Map<String, String> objectBindings,
    Map<String, String> entrypoints,
    Contract contract) {

  /** Most instances one service may run. */
  public static final int MAX_INSTANCES = 64;

  public ServiceSpec {
    Objects.requireNonNull(code, "code");
    name = checkName(name);
    List<String> hosts = new ArrayList<>();
    for (String host : hostnames) {
      hosts.add(host.toLowerCase(Locale.ROOT));
    }
    hostnames = Collections.unmodifiableList(hosts);
    bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    crons = List.copyOf(crons);
    durableObjects = Collections.unmodifiableMap(new LinkedHashMap<>(durableObjects));
    objectBindings = Collections.unmodifiableMap(new LinkedHashMap<>(objectBindings));
    entrypoints = Collections.unmodifiableMap(new LinkedHashMap<>(entrypoints));
    for (String binding : entrypoints.keySet()) {
      if (!bindings.containsKey(binding)) {
        throw new IllegalArgumentException(
            "service '" + name + "': entrypoint given for " + binding + ", not a service binding");
      }
    }
    for (String binding : objectBindings.keySet()) {
      if (bindings.containsKey(binding) || durableObjects.containsKey(binding)) {
        throw new IllegalArgumentException(
            "service '" + name + "': " + binding + " is bound twice");
      }
    }
    for (String binding : durableObjects.keySet()) {
      if (bindings.containsKey(binding)) {
        throw new IllegalArgumentException(
            "service '"
                + name
                + "': "
                + binding
                + " is bound both to a service and to durable objects");
      }
    }
    if (instances < 1 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException(
          "service '" + name + "': instances must be 1.." + MAX_INSTANCES + ", was " + instances);
    }
  }

  /** A private, single-instance service answering to {@code http://<name>/}. */
  public static ServiceSpec of(String name, GuestCode code) {
    return new ServiceSpec(
        name,
        code,
        false,
        List.of(name),
        Collections.emptyMap(),
        Collections.emptyMap(),
        List.of(),
        1,
        Collections.emptyMap(),
        Collections.emptyMap(),
        Collections.emptyMap(),
        null);
  }

  /**
   * An external host: {@code host} ({@code api.stripe.com}), outside the system, which services
   * reach by URL ({@code fetch("https://api.stripe.com/v1/charges")}) and which answers with the
   * success responses {@code contract} declares. Requests sent to it and its answers are checked
   * against the contract like a service's; a violation names the sender and the host. {@code name}
   * is how the trace and faults name it; it answers to {@code host} only.
   */
  public static ServiceSpec external(String name, String host, Contract contract) {
    return external(name, host, contract, null);
  }

  /**
   * An external host answered by {@code fake} (a stand-in written as a service: a JS module, a Java
   * handler) instead of by its contract's examples, so that its answers are checked too.
   */
  public static ServiceSpec external(String name, String host, Contract contract, GuestCode fake) {
    Objects.requireNonNull(contract, "contract");
    return new ServiceSpec(
        name,
        new ExternalHost(host.toLowerCase(Locale.ROOT), contract, fake),
        false,
        List.of(host),
        Collections.emptyMap(),
        Collections.emptyMap(),
        List.of(),
        1,
        Collections.emptyMap(),
        Collections.emptyMap(),
        Collections.emptyMap(),
        contract);
  }

  /** Reachable by the workload (from outside the simulated network). */
  public ServiceSpec asPublic() {
    return new ServiceSpec(
        name,
        code,
        true,
        hostnames,
        bindings,
        vars,
        crons,
        instances,
        durableObjects,
        objectBindings,
        entrypoints,
        contract);
  }

  public ServiceSpec withHostname(String hostname) {
    List<String> hosts = new ArrayList<>(hostnames);
    hosts.add(hostname);
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hosts,
        bindings,
        vars,
        crons,
        instances,
        durableObjects,
        objectBindings,
        entrypoints,
        contract);
  }

  /** Binds service {@code service} under {@code binding} (Workers: {@code env.BINDING}). */
  public ServiceSpec withBinding(String binding, String service) {
    Map<String, String> copy = new LinkedHashMap<>(bindings);
    copy.put(binding, service);
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        copy,
        vars,
        crons,
        instances,
        durableObjects,
        objectBindings,
        entrypoints,
        contract);
  }

  /**
   * Binds the named entrypoint {@code entrypoint} of service {@code service} under {@code binding}
   * (wrangler: {@code services = [{binding, service, entrypoint}]}): the exported {@code
   * WorkerEntrypoint} class of that name takes the binding's RPC calls and fetches, instead of the
   * default export.
   */
  public ServiceSpec withBinding(String binding, String service, String entrypoint) {
    ServiceSpec bound = withBinding(binding, service);
    Map<String, String> copy = new LinkedHashMap<>(entrypoints);
    copy.put(binding, Objects.requireNonNull(entrypoint, "entrypoint"));
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bound.bindings(),
        vars,
        crons,
        instances,
        durableObjects,
        objectBindings,
        copy,
        contract);
  }

  public ServiceSpec withVar(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(vars);
    copy.put(key, value);
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bindings,
        copy,
        crons,
        instances,
        durableObjects,
        objectBindings,
        entrypoints,
        contract);
  }

  public ServiceSpec withCron(String cron) {
    List<String> copy = new ArrayList<>(crons);
    copy.add(cron);
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bindings,
        vars,
        copy,
        instances,
        durableObjects,
        objectBindings,
        entrypoints,
        contract);
  }

  /**
   * Declares a durable-object namespace of this service: objects of the exported class {@code
   * className}, reached from this service's code as {@code env.BINDING}.
   */
  public ServiceSpec withDurableObject(String binding, String className) {
    Map<String, String> copy = new LinkedHashMap<>(durableObjects);
    copy.put(binding, className);
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bindings,
        vars,
        crons,
        instances,
        copy,
        objectBindings,
        entrypoints,
        contract);
  }

  /**
   * Binds another service's durable-object namespace under {@code binding} (wrangler's {@code
   * script_name}): {@code env.BINDING} reaches the objects {@code service} declared as {@code
   * namespace}, the same objects that service sees.
   */
  public ServiceSpec withDurableObjectsOf(String binding, String service, String namespace) {
    Map<String, String> copy = new LinkedHashMap<>(objectBindings);
    copy.put(binding, service + "/" + namespace);
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bindings,
        vars,
        crons,
        instances,
        durableObjects,
        copy,
        entrypoints,
        contract);
  }

  public ServiceSpec withInstances(int count) {
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bindings,
        vars,
        crons,
        count,
        durableObjects,
        objectBindings,
        entrypoints,
        contract);
  }

  /**
   * Declares this service's contract: every request delivered to it and every response it sends is
   * checked against {@code contract} (OpenAPI, JSON Schema or protobuf JSON, loaded by the {@code
   * contracts} module), and injected HTTP faults answer with the errors it declares.
   */
  public ServiceSpec withContract(Contract contract) {
    return new ServiceSpec(
        name,
        code,
        isPublic,
        hostnames,
        bindings,
        vars,
        crons,
        instances,
        durableObjects,
        objectBindings,
        entrypoints,
        Objects.requireNonNull(contract, "contract"));
  }

  private static String checkName(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "service name '"
              + name
              + "' must be lower-case letters, digits and '-', starting with a letter");
    }
    return name;
  }
}
