package dev.w9y.faults;

import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;

/**
 * Swarm testing (TigerBeetle's options_swarm): which fault families are on, and how hard, is drawn
 * from the seed, so a sweep of seeds explores many different fault mixes instead of one average mix
 * that may hide a bug behind another fault.
 */
final class Swarm {
  /** Intensity multipliers a family's probabilities are scaled by. */
  private static final long[][] SCALES = {{1, 4}, {1, 2}, {1, 1}, {2, 1}, {4, 1}};

  private Swarm() {}

  static FaultPlan resolve(FaultPlan base, RandomStream random) {
    FaultPlan plan = base;
    // Every family draws the same number of values whether on or off, so turning one off leaves
    // the others' draws where they were.
    boolean networkOn = random.nextBoolean();
    long[] networkScale = SCALES[random.nextInt(SCALES.length)];
    boolean partitionsOn = random.nextBoolean();
    boolean cloggingOn = random.nextBoolean();
    boolean httpOn = random.nextBoolean();
    long[] httpScale = SCALES[random.nextInt(SCALES.length)];
    boolean processOn = random.nextBoolean();
    boolean objectCrashesOn = random.nextBoolean();
    boolean storageOn = random.nextBoolean();
    long[] storageScale = SCALES[random.nextInt(SCALES.length)];
    boolean clockOn = random.nextBoolean();
    boolean buggifyOn = random.nextBoolean();
    // Drawn after the older families, so adding them moved none of those draws.
    boolean kvOn = random.nextBoolean();
    boolean queuesOn = random.nextBoolean();
    long[] platformScale = SCALES[random.nextInt(SCALES.length)];
    boolean r2On = random.nextBoolean(); // drawn last, as kv and queues were

    FaultPlan.NetworkFaults network = base.network();
    network =
        networkOn
            ? new FaultPlan.NetworkFaults(
                scale(network.drop(), networkScale),
                scale(network.delay(), networkScale),
                network.delayBy(),
                scale(network.duplicate(), networkScale),
                network.duplicateAfter(),
                network.jitter(),
                partitionsOn ? network.partitionEvery() : null,
                network.partitionLasts(),
                cloggingOn ? network.clogEvery() : null,
                network.clogStep())
            : FaultPlan.NetworkFaults.NONE;
    FaultPlan.HttpFaults http = base.http();
    http =
        httpOn
            ? new FaultPlan.HttpFaults(
                scale(http.serverError(), httpScale),
                scale(http.tooManyRequests(), httpScale),
                scale(http.reset(), httpScale),
                scale(http.timeout(), httpScale),
                http.timeoutAfter(),
                scale(http.unknownOutcome(), httpScale))
            : FaultPlan.HttpFaults.NONE;
    FaultPlan.ProcessFaults process = base.process();
    process =
        processOn
            ? new FaultPlan.ProcessFaults(
                process.instanceCrashEvery(),
                process.restartAfter(),
                objectCrashesOn ? process.objectCrashEvery() : null,
                objectCrashesOn ? process.evictEvery() : null,
                process.crashMidRequest())
            : FaultPlan.ProcessFaults.NONE;
    FaultPlan.StorageFaults storage = base.storage();
    storage =
        storageOn
            ? new FaultPlan.StorageFaults(
                scale(storage.writeFailure(), storageScale),
                scale(storage.slow(), storageScale),
                storage.slowBy(),
                scale(storage.crashAfterWrite(), storageScale),
                scale(storage.alarmDelay(), storageScale),
                storage.alarmDelayBy(),
                scale(storage.alarmTwice(), storageScale))
            : FaultPlan.StorageFaults.NONE;
    FaultPlan.PlatformFaults platform = base.platform();
    platform =
        new FaultPlan.PlatformFaults(
            kvOn ? scale(platform.kvStaleRead(), platformScale) : Ratio.NEVER,
            platform.kvPropagation(),
            queuesOn ? scale(platform.queueDuplicate(), platformScale) : Ratio.NEVER,
            platform.queueDuplicateAfter(),
            queuesOn ? scale(platform.queueDelay(), platformScale) : Ratio.NEVER,
            platform.queueDelayBy(),
            queuesOn ? scale(platform.queueConsumerCrash(), platformScale) : Ratio.NEVER,
            r2On ? scale(platform.r2InternalError(), platformScale) : Ratio.NEVER);
    // Workflow faults of the plan's own go on and off, and scale, with the storage family they
    // belong to (null ones follow the storage family anyway): no draws of their own.
    FaultPlan.WorkflowFaults workflows = base.workflows();
    if (workflows != null) {
      workflows =
          storageOn
              ? new FaultPlan.WorkflowFaults(
                  scale(workflows.crash(), storageScale),
                  scale(workflows.stepFailure(), storageScale),
                  scale(workflows.wakeupDelay(), storageScale),
                  workflows.wakeupDelayBy())
              : FaultPlan.WorkflowFaults.NONE;
    }
    return plan.withNetwork(network)
        .withWorkflows(workflows)
        .withPlatform(platform)
        .withHttp(http)
        .withProcess(process)
        .withStorage(storage)
        .withClock(clockOn ? base.clock() : FaultPlan.ClockFaults.NONE)
        .withBuggify(buggifyOn ? base.buggify() : FaultPlan.BuggifyFaults.OFF);
  }

  private static Ratio scale(Ratio ratio, long[] factor) {
    long numerator = Math.multiplyExact(ratio.numerator(), factor[0]);
    long denominator = Math.multiplyExact(ratio.denominator(), factor[1]);
    return Ratio.of(Math.min(numerator, denominator), denominator);
  }
}
