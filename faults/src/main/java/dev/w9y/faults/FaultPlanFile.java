package dev.w9y.faults;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.scheduler.Ratio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code faults:} section of a topology file into a {@link FaultPlan}:
 *
 * <pre>
 * faults:
 *   plan: chaos                 # none, chaos (default) or swarm: the base the rest adjusts
 *   network: {drop: 1/100, duplicate: 1/50, delay: 1/20, partitions: on, clogging: off}
 *   http: {serverError: 1/100, tooManyRequests: 1/100, reset: 1/100, timeout: 1/100, unknownOutcome: 1/100}
 *   process: off                # or on (instance and object crashes, evictions, from the base)
 *   storage: {writeFailure: 1/100, slow: 1/20, crashAfterWrite: 1/200, alarmDelay: 1/10, alarmTwice: 1/20}
 *   clock: off                  # or {skewed: 1/2, wide: 1/4, strobing: 1/4} (runs with minutes-wide
 *                               #   skews and jumps; runs that strobe a clock)
 *   buggify: {activation: 1/4, fire: 1/4}   # or off
 *   kv: {staleRead: 1/4}        # or off: a write reaches another location 1-60 s late
 *   queues: {duplicate: 1/20, delay: 1/10, consumerCrash: 1/50}   # or off
 *   r2: {internalError: 1/100}  # or off: an R2 operation fails with R2's internal error
 *   workflows: {crash: 1/200, stepFailure: 1/100, wakeupDelay: 1/10}   # or off; without this key
 *                               #   they follow storage's crashAfterWrite, writeFailure, alarmDelay
 *   suppress: ["network.drop:payer->ledger/request#7"]   # fault ids a replay switches off
 *   spare: [driver, ledger/JOURNAL]   # services and durable-object namespaces no fault touches
 *   onlyFor: [ledger]           # faults touch only these (and what they talk to)
 *   spareKinds: [clock]         # kinds no fault is of: network, http, process, storage, clock,
 *   onlyKinds: [network, http]  #   buggify, kv, queue, r2; onlyKinds keeps only these kinds
 * </pre>
 *
 * Probabilities are exact ratios ({@code 1/100} or {@code 1%}); {@code on} gives a family the
 * {@code chaos} plan's rates. The platform families' durations (how late a KV write or a queued
 * message arrives, how late a workflow wakes) are the {@code chaos} plan's ({@link
 * FaultPlan.PlatformFaults#CHAOS}, {@link FaultPlan.StorageFaults#CHAOS}). The scope keys ({@code
 * spare}, {@code onlyFor}, {@code spareKinds}, {@code onlyKinds}) are those of {@link FaultScope}.
 * A mistake — an unknown key, a malformed ratio, a fault id W9Y could not have recorded, an unknown
 * kind — names its key, and, read from a topology file, the file, line and column.
 */
public final class FaultPlanFile {
  private FaultPlanFile() {}

  /**
   * A mistake in the section: its dotted key ({@code faults.network.dorp}, {@code
   * faults.suppress[1]}) and what is wrong, for the caller to place in the file.
   */
  private static final class SectionError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    final String key;
    final String problem;

    SectionError(String key, String problem, Throwable cause) {
      super(key + ": " + problem, cause);
      this.key = key;
      this.problem = problem;
    }
  }

  private static SectionError problem(String key, String problem) {
    return new SectionError(key, problem, null);
  }

  /**
   * The plan of a topology document; {@link FaultPlan#none()} if it has no faults section.
   *
   * @throws dev.w9y.core.topology.TopologyFileException naming the file, line and key of a mistake
   */
  public static FaultPlan planOf(TopologyFile.TopologyDocument document) {
    if (document.faults() == null) {
      return FaultPlan.none();
    }
    try {
      FaultPlan plan = parse(document.faults());
      checkTargets(document.topology(), map(document.faults(), "faults"));
      return plan;
    } catch (SectionError e) {
      throw document.error(e.key, e.problem);
    }
  }

  /** A scope target the topology lacks is reported here, at its line, rather than at run time. */
  private static void checkTargets(Topology topology, Map<String, Object> faults) {
    for (String key : List.of("spare", "onlyFor")) {
      if (!faults.containsKey(key)) {
        continue;
      }
      List<String> targets = texts(faults.get(key), "faults." + key, "services or namespaces");
      for (int i = 0; i < targets.size(); i++) {
        String target = targets.get(i);
        int slash = target.indexOf('/');
        String service = slash < 0 ? target : target.substring(0, slash);
        ServiceSpec spec = null;
        List<String> names = new ArrayList<>();
        for (ServiceSpec candidate : topology.services()) {
          names.add(candidate.name());
          if (candidate.name().equals(service)) {
            spec = candidate;
          }
        }
        String item = "faults." + key + "[" + i + "]";
        if (spec == null) {
          throw problem(
              item,
              "'"
                  + target
                  + "' names no service of this topology (its services: "
                  + String.join(", ", names)
                  + ")");
        }
        if (slash >= 0 && !spec.durableObjects().containsKey(target.substring(slash + 1))) {
          throw problem(
              item,
              "service '"
                  + service
                  + "' declares no durable-object namespace "
                  + target.substring(slash + 1)
                  + " (it declares: "
                  + String.join(", ", spec.durableObjects().keySet())
                  + ")");
        }
      }
    }
  }

  /**
   * Parses a faults section as plain values (maps, lists, strings).
   *
   * @throws IllegalArgumentException naming the key of a mistake
   */
  public static FaultPlan parse(Object section) {
    Map<String, Object> faults = map(section, "faults");
    allow(
        faults,
        "faults",
        List.of(
            "plan",
            "network",
            "http",
            "process",
            "storage",
            "clock",
            "buggify",
            "kv",
            "queues",
            "r2",
            "workflows",
            "suppress",
            "spare",
            "onlyFor",
            "spareKinds",
            "onlyKinds"));
    FaultPlan plan =
        switch (text(faults.getOrDefault("plan", "chaos"), "faults.plan")) {
          case "none" -> FaultPlan.none();
          case "chaos" -> FaultPlan.chaos();
          case "swarm" -> FaultPlan.swarm();
          default -> throw problem("faults.plan", "expected none, chaos or swarm");
        };
    if (faults.containsKey("network")) {
      plan = plan.withNetwork(network(faults.get("network"), plan.network()));
    }
    if (faults.containsKey("http")) {
      plan = plan.withHttp(http(faults.get("http"), plan.http()));
    }
    if (faults.containsKey("process")) {
      plan =
          plan.withProcess(
              onOff(faults.get("process"), "faults.process")
                  ? FaultPlan.chaos().process()
                  : FaultPlan.ProcessFaults.NONE);
    }
    if (faults.containsKey("storage")) {
      plan = plan.withStorage(storage(faults.get("storage"), plan.storage()));
    }
    if (faults.containsKey("clock")) {
      Object clock = faults.get("clock");
      if (clock instanceof Map<?, ?>) {
        Map<String, Object> values = map(clock, "faults.clock");
        allow(values, "faults.clock", List.of("skewed", "wide", "strobing"));
        FaultPlan.ClockFaults base = FaultPlan.ClockFaults.CHAOS;
        plan =
            plan.withClock(
                new FaultPlan.ClockFaults(
                    ratio(values.get("skewed"), "faults.clock.skewed", base.skewed()),
                    base.maxOffsetMillis(),
                    base.maxDriftPpm(),
                    base.jumpEvery(),
                    base.maxJumpMillis(),
                    ratio(values.get("wide"), "faults.clock.wide", base.wide()),
                    base.maxWideMillis(),
                    ratio(values.get("strobing"), "faults.clock.strobing", base.strobing()),
                    base.strobeEvery(),
                    base.maxStrobeMillis()));
      } else {
        plan =
            plan.withClock(
                onOff(clock, "faults.clock")
                    ? FaultPlan.ClockFaults.CHAOS
                    : FaultPlan.ClockFaults.NONE);
      }
    }
    if (faults.containsKey("buggify")) {
      Object buggify = faults.get("buggify");
      if (buggify instanceof Map<?, ?>) {
        Map<String, Object> values = map(buggify, "faults.buggify");
        allow(values, "faults.buggify", List.of("activation", "fire"));
        FaultPlan.BuggifyFaults base = FaultPlan.BuggifyFaults.DEFAULT;
        plan =
            plan.withBuggify(
                new FaultPlan.BuggifyFaults(
                    true,
                    ratio(values.get("activation"), "faults.buggify.activation", base.activation()),
                    ratio(values.get("fire"), "faults.buggify.fire", base.fire())));
      } else {
        plan =
            plan.withBuggify(
                onOff(buggify, "faults.buggify")
                    ? FaultPlan.BuggifyFaults.DEFAULT
                    : FaultPlan.BuggifyFaults.OFF);
      }
    }
    if (faults.containsKey("kv")) {
      plan = plan.withPlatform(kv(faults.get("kv"), plan.platform()));
    }
    if (faults.containsKey("queues")) {
      plan = plan.withPlatform(queues(faults.get("queues"), plan.platform()));
    }
    if (faults.containsKey("r2")) {
      plan = plan.withPlatform(r2(faults.get("r2"), plan.platform()));
    }
    if (faults.containsKey("workflows")) {
      plan = plan.withWorkflows(workflows(faults.get("workflows"), plan.workflowFaults()));
    }
    if (faults.containsKey("suppress")) {
      List<String> suppressed = new ArrayList<>();
      for (String id : texts(faults.get("suppress"), "faults.suppress", "fault ids")) {
        suppressed.add(id);
      }
      checkIds(suppressed, "faults.suppress");
      plan = plan.withSuppressed(suppressed);
    }
    FaultScope scope = FaultScope.NONE;
    if (faults.containsKey("spare")) {
      scope = scope.sparing(targets(faults.get("spare"), "faults.spare"));
    }
    if (faults.containsKey("onlyFor")) {
      scope = scope.onlyFor(targets(faults.get("onlyFor"), "faults.onlyFor"));
    }
    if (faults.containsKey("spareKinds")) {
      scope = scope.sparingKinds(kinds(faults.get("spareKinds"), "faults.spareKinds"));
    }
    if (faults.containsKey("onlyKinds")) {
      scope = scope.onlyKinds(kinds(faults.get("onlyKinds"), "faults.onlyKinds"));
    }
    return scope.isEmpty() ? plan : plan.withScope(scope);
  }

  /**
   * The items of a list of plain values, each a text; a mistake names the item ({@code key[2]}).
   */
  private static List<String> texts(Object value, String key, String what) {
    if (!(value instanceof List<?> items)) {
      throw problem(key, "expected a list of " + what + " like [a, b]");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      texts.add(text(items.get(i), key + "[" + i + "]"));
    }
    return texts;
  }

  private static void checkIds(List<String> ids, String key) {
    for (int i = 0; i < ids.size(); i++) {
      try {
        FaultKind.ofFaultId(ids.get(i));
      } catch (IllegalArgumentException e) {
        throw new SectionError(key + "[" + i + "]", e.getMessage(), e);
      }
    }
  }

  private static List<String> targets(Object value, String key) {
    List<String> targets = texts(value, key, "services or namespaces");
    for (int i = 0; i < targets.size(); i++) {
      try {
        FaultScope.NONE.sparing(List.of(targets.get(i)));
      } catch (IllegalArgumentException e) {
        throw new SectionError(key + "[" + i + "]", e.getMessage(), e);
      }
    }
    return targets;
  }

  private static List<FaultKind> kinds(Object value, String key) {
    List<String> labels = texts(value, key, "fault kinds");
    List<FaultKind> kinds = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      try {
        kinds.add(FaultKind.parse(labels.get(i)));
      } catch (IllegalArgumentException e) {
        throw new SectionError(key + "[" + i + "]", e.getMessage(), e);
      }
    }
    return kinds;
  }

  private static FaultPlan.NetworkFaults network(Object section, FaultPlan.NetworkFaults base) {
    Map<String, Object> values = map(section, "faults.network");
    allow(
        values, "faults.network", List.of("drop", "duplicate", "delay", "partitions", "clogging"));
    FaultPlan.NetworkFaults chaos = FaultPlan.NetworkFaults.CHAOS;
    FaultPlan.NetworkFaults result =
        base.withDrop(ratio(values.get("drop"), "faults.network.drop", base.drop()))
            .withDuplicate(
                ratio(values.get("duplicate"), "faults.network.duplicate", base.duplicate()))
            .withDelay(
                ratio(values.get("delay"), "faults.network.delay", base.delay()), chaos.delayBy());
    if (values.containsKey("partitions")) {
      result =
          onOff(values.get("partitions"), "faults.network.partitions")
              ? result.withPartitions(chaos.partitionEvery(), chaos.partitionLasts())
              : result.withPartitions(null, chaos.partitionLasts());
    }
    if (values.containsKey("clogging")) {
      result =
          onOff(values.get("clogging"), "faults.network.clogging")
              ? result.withClogging(chaos.clogEvery(), chaos.clogStep())
              : result.withClogging(null, chaos.clogStep());
    }
    return result;
  }

  private static FaultPlan.HttpFaults http(Object section, FaultPlan.HttpFaults base) {
    Map<String, Object> values = map(section, "faults.http");
    allow(
        values,
        "faults.http",
        List.of("serverError", "tooManyRequests", "reset", "timeout", "unknownOutcome"));
    FaultPlan.HttpFaults chaos = FaultPlan.HttpFaults.CHAOS;
    return base.withServerError(
            ratio(values.get("serverError"), "faults.http.serverError", base.serverError()))
        .withTooManyRequests(
            ratio(
                values.get("tooManyRequests"),
                "faults.http.tooManyRequests",
                base.tooManyRequests()))
        .withReset(ratio(values.get("reset"), "faults.http.reset", base.reset()))
        .withTimeout(
            ratio(values.get("timeout"), "faults.http.timeout", base.timeout()),
            chaos.timeoutAfter())
        .withUnknownOutcome(
            ratio(
                values.get("unknownOutcome"), "faults.http.unknownOutcome", base.unknownOutcome()));
  }

  private static FaultPlan.StorageFaults storage(Object section, FaultPlan.StorageFaults base) {
    Map<String, Object> values = map(section, "faults.storage");
    allow(
        values,
        "faults.storage",
        List.of("writeFailure", "slow", "crashAfterWrite", "alarmDelay", "alarmTwice"));
    FaultPlan.StorageFaults chaos = FaultPlan.StorageFaults.CHAOS;
    return base.withWriteFailure(
            ratio(values.get("writeFailure"), "faults.storage.writeFailure", base.writeFailure()))
        .withSlow(ratio(values.get("slow"), "faults.storage.slow", base.slow()), chaos.slowBy())
        .withCrashAfterWrite(
            ratio(
                values.get("crashAfterWrite"),
                "faults.storage.crashAfterWrite",
                base.crashAfterWrite()))
        .withAlarmFaults(
            ratio(values.get("alarmDelay"), "faults.storage.alarmDelay", base.alarmDelay()),
            chaos.alarmDelayBy(),
            ratio(values.get("alarmTwice"), "faults.storage.alarmTwice", base.alarmTwice()));
  }

  /**
   * The rates a platform family's key gives: its mapping (checked against {@code allowed}), or for
   * {@code on}/{@code off} none, the caller then starting from the chaos rates or from none.
   */
  private static Map<String, Object> rates(Object section, String key, List<String> allowed) {
    if (!(section instanceof Map<?, ?>)) {
      return new TreeMap<>();
    }
    Map<String, Object> values = map(section, key);
    allow(values, key, allowed);
    return values;
  }

  /** {@code base}, or for {@code on}/{@code off} the chaos rates or none. */
  private static <T> T start(Object section, String key, T base, T chaos, T none) {
    if (section instanceof Map<?, ?>) {
      return base;
    }
    return onOff(section, key) ? chaos : none;
  }

  private static FaultPlan.PlatformFaults kv(Object section, FaultPlan.PlatformFaults base) {
    FaultPlan.PlatformFaults chaos = FaultPlan.PlatformFaults.CHAOS;
    FaultPlan.PlatformFaults from =
        start(section, "faults.kv", base, chaos, FaultPlan.PlatformFaults.NONE);
    Map<String, Object> values = rates(section, "faults.kv", List.of("staleRead"));
    return base.withKvStaleRead(
        ratio(values.get("staleRead"), "faults.kv.staleRead", from.kvStaleRead()),
        chaos.kvPropagation());
  }

  private static FaultPlan.PlatformFaults queues(Object section, FaultPlan.PlatformFaults base) {
    FaultPlan.PlatformFaults chaos = FaultPlan.PlatformFaults.CHAOS;
    FaultPlan.PlatformFaults from =
        start(section, "faults.queues", base, chaos, FaultPlan.PlatformFaults.NONE);
    Map<String, Object> values =
        rates(section, "faults.queues", List.of("duplicate", "delay", "consumerCrash"));
    return base.withQueueDuplicate(
            ratio(values.get("duplicate"), "faults.queues.duplicate", from.queueDuplicate()),
            chaos.queueDuplicateAfter())
        .withQueueDelay(
            ratio(values.get("delay"), "faults.queues.delay", from.queueDelay()),
            chaos.queueDelayBy())
        .withQueueConsumerCrash(
            ratio(
                values.get("consumerCrash"),
                "faults.queues.consumerCrash",
                from.queueConsumerCrash()));
  }

  private static FaultPlan.PlatformFaults r2(Object section, FaultPlan.PlatformFaults base) {
    FaultPlan.PlatformFaults from =
        start(
            section,
            "faults.r2",
            base,
            FaultPlan.PlatformFaults.CHAOS,
            FaultPlan.PlatformFaults.NONE);
    Map<String, Object> values = rates(section, "faults.r2", List.of("internalError"));
    return base.withR2InternalError(
        ratio(values.get("internalError"), "faults.r2.internalError", from.r2InternalError()));
  }

  private static FaultPlan.WorkflowFaults workflows(Object section, FaultPlan.WorkflowFaults base) {
    FaultPlan.WorkflowFaults chaos = FaultPlan.WorkflowFaults.of(FaultPlan.StorageFaults.CHAOS);
    FaultPlan.WorkflowFaults from =
        start(section, "faults.workflows", base, chaos, FaultPlan.WorkflowFaults.NONE);
    Map<String, Object> values =
        rates(section, "faults.workflows", List.of("crash", "stepFailure", "wakeupDelay"));
    return from.withCrash(ratio(values.get("crash"), "faults.workflows.crash", from.crash()))
        .withStepFailure(
            ratio(values.get("stepFailure"), "faults.workflows.stepFailure", from.stepFailure()))
        .withWakeupDelay(
            ratio(values.get("wakeupDelay"), "faults.workflows.wakeupDelay", from.wakeupDelay()),
            chaos.wakeupDelayBy());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw problem(key, "expected a mapping");
  }

  private static void allow(Map<String, Object> values, String key, List<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw problem(
            key + "." + name, "unknown key (allowed here: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static String text(Object value, String key) {
    if (value instanceof String text) {
      return text;
    }
    throw problem(key, "expected a value");
  }

  private static Ratio ratio(Object value, String key, Ratio otherwise) {
    if (value == null) {
      return otherwise;
    }
    String text = text(value, key);
    try {
      return Ratio.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SectionError(key, e.getMessage(), e);
    }
  }

  private static boolean onOff(Object value, String key) {
    return switch (text(value, key)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw problem(key, "expected on or off");
    };
  }
}
