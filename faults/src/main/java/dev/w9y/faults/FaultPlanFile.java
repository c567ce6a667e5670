package dev.w9y.faults;

import dev.w9y.core.topology.TopologyFile;
import dev.w9y.scheduler.Ratio;
import java.util.List;
import java.util.Map;

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
 *   clock: off                  # or {skewed: 1/2}
 *   buggify: {activation: 1/4, fire: 1/4}   # or off
 *   suppress: [f3, f7]          # replay with these fault events switched off
 * </pre>
 *
 * Probabilities are exact ratios ({@code 1/100} or {@code 1%}). A mistake names its key.
 */
public final class FaultPlanFile {
  private FaultPlanFile() {}

  /** The plan of a topology document; {@link FaultPlan#none()} if it has no faults section. */
  public static FaultPlan planOf(TopologyFile.TopologyDocument document) {
    return document.faults() == null ? FaultPlan.none() : parse(document.faults());
  }

  /** Parses a faults section as plain values (maps, lists, strings). */
  public static FaultPlan parse(Object section) {
    Map<String, Object> faults = map(section, "faults");
    allow(
        faults,
        "faults",
        List.of("plan", "network", "http", "process", "storage", "clock", "buggify", "suppress"));
    FaultPlan plan =
        switch (text(faults.getOrDefault("plan", "chaos"), "faults.plan")) {
          case "none" -> FaultPlan.none();
          case "chaos" -> FaultPlan.chaos();
          case "swarm" -> FaultPlan.swarm();
          default ->
              throw new IllegalArgumentException("faults.plan: expected none, chaos or swarm");
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
        allow(values, "faults.clock", List.of("skewed"));
        FaultPlan.ClockFaults base = FaultPlan.ClockFaults.CHAOS;
        plan =
            plan.withClock(
                new FaultPlan.ClockFaults(
                    ratio(values.get("skewed"), "faults.clock.skewed", base.skewed()),
                    base.maxOffsetMillis(),
                    base.maxDriftPpm(),
                    base.jumpEvery(),
                    base.maxJumpMillis()));
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
    if (faults.containsKey("suppress")) {
      if (!(faults.get("suppress") instanceof List<?> ids)) {
        throw new IllegalArgumentException(
            "faults.suppress: expected a list of fault ids like [f3, f7]");
      }
      List<String> suppressed = ids.stream().map(id -> text(id, "faults.suppress")).toList();
      plan = plan.withSuppressed(suppressed);
    }
    return plan;
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(key + ": expected a mapping");
  }

  private static void allow(Map<String, Object> values, String key, List<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            key + "." + name + ": unknown key (allowed here: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static String text(Object value, String key) {
    if (value instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(key + ": expected a value");
  }

  private static Ratio ratio(Object value, String key, Ratio otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return Ratio.parse(text(value, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static boolean onOff(Object value, String key) {
    return switch (text(value, key)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new IllegalArgumentException(key + ": expected on or off");
    };
  }
}
