package dev.w9y.core;

import dev.w9y.core.assets.StaticAssets;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.platform.PlatformBinding;
import dev.w9y.core.platform.PlatformTrigger;
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
 * {@link #withContract}. {@code platformBindings} are the bindings to platform services (KV,
 * queues, workflows, D1...): see {@link #withPlatformBinding}. {@code assets} (null: none) are the
 * Worker's static assets: see {@link #withAssets}.
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
    Contract contract,
    Map<String, PlatformBinding> platformBindings,
    List<PlatformTrigger> platformTriggers,
    StaticAssets assets,
    List<String> jsonVars,
    List<String> secrets) {

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
    platformBindings = Collections.unmodifiableMap(new LinkedHashMap<>(platformBindings));
    platformTriggers = List.copyOf(platformTriggers);
    jsonVars = List.copyOf(jsonVars);
    secrets = List.copyOf(secrets);
    for (String variable : secrets) {
      if (!vars.containsKey(variable)) {
        throw new IllegalArgumentException(
            "service '" + name + "': secret " + variable + " has no value");
      }
    }
    for (String variable : jsonVars) {
      if (!vars.containsKey(variable)) {
        throw new IllegalArgumentException(
            "service '" + name + "': JSON variable " + variable + " has no value");
      }
    }
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
    for (String binding : platformBindings.keySet()) {
      if (bindings.containsKey(binding)
          || durableObjects.containsKey(binding)
          || objectBindings.containsKey(binding)) {
        throw new IllegalArgumentException(
            "service '" + name + "': " + binding + " is bound twice");
      }
    }
    if (assets != null && assets.binding() != null) {
      String binding = assets.binding();
      if (bindings.containsKey(binding)
          || durableObjects.containsKey(binding)
          || objectBindings.containsKey(binding)
          || platformBindings.containsKey(binding)) {
        throw new IllegalArgumentException(
            "service '" + name + "': " + binding + " is bound twice (also to static assets)");
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
        null,
        Collections.emptyMap(),
        List.of(),
        null,
        List.of(),
        List.of());
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
    return of(name, new ExternalHost(host.toLowerCase(Locale.ROOT), contract, fake))
        .changed(
            copy -> {
              copy.hostnames.clear(); // it answers to its host only, not to its name
              copy.hostnames.add(host);
              copy.contract = contract;
            });
  }

  /** Reachable by the workload (from outside the simulated network). */
  public ServiceSpec asPublic() {
    return changed(copy -> copy.isPublic = true);
  }

  public ServiceSpec withHostname(String hostname) {
    return changed(copy -> copy.hostnames.add(hostname));
  }

  /** Binds service {@code service} under {@code binding} (Workers: {@code env.BINDING}). */
  public ServiceSpec withBinding(String binding, String service) {
    return changed(copy -> copy.bindings.put(binding, service));
  }

  /**
   * Binds the named entrypoint {@code entrypoint} of service {@code service} under {@code binding}
   * (wrangler: {@code services = [{binding, service, entrypoint}]}): the exported {@code
   * WorkerEntrypoint} class of that name takes the binding's RPC calls and fetches, instead of the
   * default export.
   */
  public ServiceSpec withBinding(String binding, String service, String entrypoint) {
    Objects.requireNonNull(entrypoint, "entrypoint");
    return changed(
        copy -> {
          copy.bindings.put(binding, service);
          copy.entrypoints.put(binding, entrypoint);
        });
  }

  /** {@code env.<key>} is the string {@code value}. */
  public ServiceSpec withVar(String key, String value) {
    Objects.requireNonNull(value, "value");
    return changed(
        copy -> {
          copy.vars.put(key, value);
          copy.jsonVars.remove(key);
          copy.secrets.remove(key);
        });
  }

  /**
   * {@code env.<key>} is the secret text {@code value} (wrangler's {@code .dev.vars}): a variable
   * whose value traces never show (the trace header has its SHA-256 instead).
   */
  public ServiceSpec withSecret(String key, String value) {
    Objects.requireNonNull(value, "value");
    return changed(
        copy -> {
          copy.vars.put(key, value);
          copy.jsonVars.remove(key);
          if (!copy.secrets.contains(key)) {
            copy.secrets.add(key);
          }
        });
  }

  /** {@link #vars()} as traces show them: each secret's value replaced by its SHA-256. */
  public Map<String, String> varsAsTraced() {
    if (secrets.isEmpty()) {
      return vars;
    }
    Map<String, String> shown = new LinkedHashMap<>(vars);
    for (String secret : secrets) {
      shown.put(secret, "secret sha256:" + sha256(vars.get(secret)));
    }
    return shown;
  }

  /**
   * {@code env.<key>} is the JSON value {@code json} (wrangler's {@code vars} entries that are not
   * strings: numbers, booleans, arrays, objects), parsed in the guest. Kept in {@link #vars()} as
   * its JSON text, in order among the string variables, and named in {@link #jsonVars()}.
   *
   * @throws IllegalArgumentException when {@code json} is not one JSON value
   */
  public ServiceSpec withJsonVar(String key, String json) {
    String canonical = jsonValue(json, "service '" + name + "': vars." + key);
    return changed(
        copy -> {
          copy.vars.put(key, canonical);
          copy.secrets.remove(key);
          if (!copy.jsonVars.contains(key)) {
            copy.jsonVars.add(key);
          }
        });
  }

  public ServiceSpec withCron(String cron) {
    return changed(copy -> copy.crons.add(cron));
  }

  /**
   * Declares a durable-object namespace of this service: objects of the exported class {@code
   * className}, reached from this service's code as {@code env.BINDING}.
   */
  public ServiceSpec withDurableObject(String binding, String className) {
    return changed(copy -> copy.durableObjects.put(binding, className));
  }

  /**
   * Binds another service's durable-object namespace under {@code binding} (wrangler's {@code
   * script_name}): {@code env.BINDING} reaches the objects {@code service} declared as {@code
   * namespace}, the same objects that service sees.
   */
  public ServiceSpec withDurableObjectsOf(String binding, String service, String namespace) {
    return changed(copy -> copy.objectBindings.put(binding, service + "/" + namespace));
  }

  public ServiceSpec withInstances(int count) {
    return changed(copy -> copy.instances = count);
  }

  /**
   * Declares this service's contract: every request delivered to it and every response it sends is
   * checked against {@code contract} (OpenAPI, JSON Schema or protobuf JSON, loaded by the {@code
   * contracts} module), and injected HTTP faults answer with the errors it declares.
   */
  public ServiceSpec withContract(Contract contract) {
    Objects.requireNonNull(contract, "contract");
    return changed(copy -> copy.contract = contract);
  }

  /**
   * Binds a platform service under {@code binding} ({@code env.BINDING}): a KV namespace, a queue
   * producer, a workflow, a D1 database... Each kind lives in its own package and says in its
   * {@link PlatformBinding} what the engine and the guests need to know of it.
   */
  public ServiceSpec withPlatformBinding(String binding, PlatformBinding platformBinding) {
    Objects.requireNonNull(platformBinding, "platformBinding");
    return changed(copy -> copy.platformBindings.put(binding, platformBinding));
  }

  /**
   * Declares something a platform service does to this service on its own, e.g. a {@code
   * QueueConsumer}: the queue calls this service's {@code queue(batch, env, ctx)} handler.
   */
  public ServiceSpec withPlatformTrigger(PlatformTrigger trigger) {
    Objects.requireNonNull(trigger, "trigger");
    return changed(copy -> copy.platformTriggers.add(trigger));
  }

  /**
   * Serves {@code staticAssets} in front of this service's code as workerd does (wrangler: {@code
   * assets}): a GET or HEAD for one of the files is answered by the assets without running the
   * Worker, as the rules of {@link dev.w9y.core.assets.AssetServer} say; with a {@link
   * StaticAssets#binding() binding}, the code reaches them as {@code env.BINDING.fetch()}.
   */
  public ServiceSpec withAssets(StaticAssets staticAssets) {
    Objects.requireNonNull(staticAssets, "staticAssets");
    return changed(copy -> copy.assets = staticAssets);
  }

  /** Every name under which this service's code finds a binding in {@code env}. */
  public List<String> bindingNames() {
    List<String> names = new ArrayList<>(bindings.keySet());
    names.addAll(durableObjects.keySet());
    names.addAll(objectBindings.keySet());
    names.addAll(platformBindings.keySet());
    if (assets != null && assets.binding() != null) {
      names.add(assets.binding());
    }
    return names;
  }

  private ServiceSpec changed(java.util.function.Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /**
   * A mutable copy of every component, so each {@code with...} method names only what it changes.
   */
  private static final class Copy {
    final String name;
    final GuestCode code;
    boolean isPublic;
    final List<String> hostnames;
    final Map<String, String> bindings;
    final Map<String, String> vars;
    final List<String> crons;
    int instances;
    final Map<String, String> durableObjects;
    final Map<String, String> objectBindings;
    final Map<String, String> entrypoints;
    Contract contract;
    final Map<String, PlatformBinding> platformBindings;
    final List<PlatformTrigger> platformTriggers;
    StaticAssets assets;
    final List<String> jsonVars;
    final List<String> secrets;

    Copy(ServiceSpec spec) {
      name = spec.name;
      code = spec.code;
      isPublic = spec.isPublic;
      hostnames = new ArrayList<>(spec.hostnames);
      bindings = new LinkedHashMap<>(spec.bindings);
      vars = new LinkedHashMap<>(spec.vars);
      crons = new ArrayList<>(spec.crons);
      instances = spec.instances;
      durableObjects = new LinkedHashMap<>(spec.durableObjects);
      objectBindings = new LinkedHashMap<>(spec.objectBindings);
      entrypoints = new LinkedHashMap<>(spec.entrypoints);
      contract = spec.contract;
      platformBindings = new LinkedHashMap<>(spec.platformBindings);
      platformTriggers = new ArrayList<>(spec.platformTriggers);
      assets = spec.assets;
      jsonVars = new ArrayList<>(spec.jsonVars);
      secrets = new ArrayList<>(spec.secrets);
    }

    ServiceSpec build() {
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
          contract,
          platformBindings,
          platformTriggers,
          assets,
          jsonVars,
          secrets);
    }
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * {@code json} as compact JSON text, its object keys in their written order (the guest sees that
   * order, as in workerd); an error naming {@code where} unless it is exactly one JSON value.
   */
  private static String jsonValue(String json, String where) {
    try {
      return JSON_VALUES.readTree(Objects.requireNonNull(json, "json")).toString();
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(
          where + ": not one JSON value: " + e.getOriginalMessage(), e);
    }
  }

  private static final tools.jackson.databind.json.JsonMapper JSON_VALUES =
      tools.jackson.databind.json.JsonMapper.builder()
          .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

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
