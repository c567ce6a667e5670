package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.topology.TopologyFileException;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FaultPlanFileTest {
  private static FaultPlan plan(String faults) {
    String yaml =
        "services:\n  a: {kind: java, entry: dev.w9y.faults.FaultPlanFileTest$Nothing,"
            + " durableObjects: {ROOMS: dev.w9y.faults.FaultPlanFileTest$Room}}\nfaults:\n"
            + faults;
    return FaultPlanFile.planOf(TopologyFile.parse(yaml, "w9y.yaml", Path.of(".")));
  }

  /** A service class for the topology; never runs here. */
  public static final class Nothing implements dev.w9y.core.java.JavaService {
    @Override
    public dev.w9y.core.async.Promise<dev.w9y.core.http.Response> fetch(
        dev.w9y.core.http.Request request, dev.w9y.core.guest.ServiceHost host) {
      return dev.w9y.core.async.Promise.resolved(dev.w9y.core.http.Response.ok(""));
    }
  }

  /** A durable-object class for the topology's namespace; never runs here. */
  public static final class Room implements dev.w9y.core.java.JavaDurableObject {
    public Room(dev.w9y.core.guest.DurableObjectHost host) {}

    @Override
    public dev.w9y.core.async.Promise<dev.w9y.core.http.Response> fetch(
        dev.w9y.core.http.Request request, dev.w9y.core.guest.DurableObjectHost host) {
      return dev.w9y.core.async.Promise.resolved(dev.w9y.core.http.Response.ok(""));
    }
  }

  @Test
  void aTopologyFileCanAdjustEveryFamilyOfABasePlan() {
    FaultPlan plan =
        plan(
            "  plan: none\n"
                + "  network: {drop: 1/10, partitions: on, clogging: off}\n"
                + "  http: {unknownOutcome: 5%}\n"
                + "  process: on\n"
                + "  storage: {writeFailure: 1/50, alarmTwice: 1/3}\n"
                + "  clock: {skewed: 1/1}\n"
                + "  buggify: {activation: 1/2, fire: 1/8}\n"
                + "  suppress: ['network.drop:a->b/request#3', 'network.drop:a->b/request#1']\n");

    assertThat(plan.network().drop()).isEqualTo(Ratio.of(1, 10));
    assertThat(plan.network().partitionEvery()).isNotNull();
    assertThat(plan.network().clogEvery()).isNull();
    assertThat(plan.http().unknownOutcome()).isEqualTo(Ratio.of(5, 100));
    assertThat(plan.process().instanceCrashEvery()).isNotNull();
    assertThat(plan.storage().writeFailure()).isEqualTo(Ratio.of(1, 50));
    assertThat(plan.storage().alarmTwice()).isEqualTo(Ratio.of(1, 3));
    assertThat(plan.clock().skewed()).isEqualTo(Ratio.ALWAYS);
    assertThat(plan.buggify().fire()).isEqualTo(Ratio.of(1, 8));
    assertThat(plan.suppressed())
        .containsExactly("network.drop:a->b/request#1", "network.drop:a->b/request#3");
    assertThat(plan.scope()).isEqualTo(FaultScope.NONE);
  }

  @Test
  void thePlatformFamiliesHaveKeysOfTheirOwn() {
    FaultPlan plan =
        plan(
            "  plan: none\n"
                + "  kv: {staleRead: 1/2}\n"
                + "  queues: {duplicate: 1/3, consumerCrash: 1%}\n"
                + "  r2: {internalError: 1/6}\n"
                + "  workflows: {crash: 1/5, wakeupDelay: 1/7}\n");
    FaultPlan.PlatformFaults chaos = FaultPlan.PlatformFaults.CHAOS;
    assertThat(plan.platform().r2InternalError()).isEqualTo(Ratio.of(1, 6));
    assertThat(plan.platform().kvStaleRead()).isEqualTo(Ratio.of(1, 2));
    assertThat(plan.platform().kvPropagation()).isEqualTo(chaos.kvPropagation());
    assertThat(plan.platform().queueDuplicate()).isEqualTo(Ratio.of(1, 3));
    assertThat(plan.platform().queueDuplicateAfter()).isEqualTo(chaos.queueDuplicateAfter());
    assertThat(plan.platform().queueDelay()).isEqualTo(Ratio.NEVER);
    assertThat(plan.platform().queueConsumerCrash()).isEqualTo(Ratio.of(1, 100));
    assertThat(plan.workflows())
        .isEqualTo(
            new FaultPlan.WorkflowFaults(
                Ratio.of(1, 5),
                Ratio.NEVER,
                Ratio.of(1, 7),
                FaultPlan.StorageFaults.CHAOS.alarmDelayBy()));
    // The storage family is untouched: the workflow faults no longer follow it.
    assertThat(plan.storage()).isEqualTo(FaultPlan.StorageFaults.NONE);

    // on/off: the chaos rates or none, whatever the base.
    FaultPlan switched =
        plan("  plan: chaos\n  kv: off\n  queues: off\n  r2: off\n  workflows: off\n");
    assertThat(switched.platform().r2InternalError()).isEqualTo(Ratio.NEVER);
    assertThat(switched.platform().kvStaleRead()).isEqualTo(Ratio.NEVER);
    assertThat(switched.platform().queueDuplicate()).isEqualTo(Ratio.NEVER);
    assertThat(switched.platform().queueDelay()).isEqualTo(Ratio.NEVER);
    assertThat(switched.platform().queueConsumerCrash()).isEqualTo(Ratio.NEVER);
    assertThat(switched.workflowFaults().crash()).isEqualTo(Ratio.NEVER);
    assertThat(switched.workflowFaults().stepFailure()).isEqualTo(Ratio.NEVER);
    assertThat(switched.workflowFaults().wakeupDelay()).isEqualTo(Ratio.NEVER);
    assertThat(switched.storage()).isEqualTo(FaultPlan.StorageFaults.CHAOS);
    FaultPlan on = plan("  plan: none\n  kv: on\n  queues: on\n  r2: on\n  workflows: on\n");
    assertThat(on.platform()).isEqualTo(FaultPlan.PlatformFaults.CHAOS);
    assertThat(on.workflowFaults())
        .isEqualTo(FaultPlan.WorkflowFaults.of(FaultPlan.StorageFaults.CHAOS));

    // Without a workflows key they follow the storage rates, as before the key existed.
    FaultPlan storageOnly = plan("  plan: none\n  storage: {crashAfterWrite: 1/9}\n");
    assertThat(storageOnly.workflows()).isNull();
    assertThat(storageOnly.workflowFaults().crash()).isEqualTo(Ratio.of(1, 9));
  }

  @Test
  void platformKeyMistakesNameTheirKeyAndLine() {
    assertThatThrownBy(() -> plan("  kv: {stale: 1/2}\n"))
        .hasMessageStartingWith("w9y.yaml:4:")
        .hasMessageContaining("faults.kv.stale: unknown key (allowed here: staleRead)");
    assertThatThrownBy(() -> plan("  queues:\n    duplicate: twice\n"))
        .hasMessageStartingWith("w9y.yaml:5:")
        .hasMessageContaining("faults.queues.duplicate: ratio must look like 1/4 or 25%");
    assertThatThrownBy(() -> plan("  workflows: sometimes\n"))
        .hasMessageContaining("faults.workflows: expected on or off");
    assertThatThrownBy(() -> plan("  workflows: {crash: 1/2, restart: 1/3}\n"))
        .hasMessageContaining(
            "faults.workflows.restart: unknown key (allowed here: crash, stepFailure,"
                + " wakeupDelay)");
    assertThatThrownBy(() -> plan("  queue: on\n"))
        .hasMessageContaining("faults.queue: unknown key");
  }

  @Test
  void noSectionMeansNoFaultsAndThePlanKeywordPicksTheBase() {
    String yaml = "services:\n  a: {kind: java, entry: dev.w9y.faults.FaultPlanFileTest$Nothing}\n";
    assertThat(FaultPlanFile.planOf(TopologyFile.parse(yaml, "w9y.yaml", Path.of("."))))
        .isEqualTo(FaultPlan.none());
    assertThat(plan("  plan: swarm\n").derivedFromSeed()).isTrue();
    assertThat(plan("  plan: chaos\n")).isEqualTo(FaultPlan.chaos());
  }

  @Test
  void mistakesNameTheirKey() {
    assertThatThrownBy(() -> plan("  network: {dorp: 1/10}\n"))
        .hasMessageContaining("faults.network.dorp: unknown key");
    assertThatThrownBy(() -> plan("  http: {reset: often}\n"))
        .hasMessageContaining("faults.http.reset: ratio must look like 1/4 or 25%");
    assertThatThrownBy(() -> plan("  plan: mayhem\n"))
        .hasMessageContaining("faults.plan: expected none, chaos or swarm");
    assertThatThrownBy(() -> plan("  process: maybe\n"))
        .hasMessageContaining("faults.process: expected on or off");
    assertThatThrownBy(() -> plan("  suppress: f1\n"))
        .hasMessageContaining("faults.suppress: expected a list");
  }

  @Test
  void mistakesNameTheFileAndLineOfTheirKey() {
    // Line 1 services:, line 2 the service, line 3 faults:, the section's own lines from 4.
    assertThatThrownBy(() -> plan("  plan: chaos\n  network: {dorp: 1/10}\n"))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageStartingWith("w9y.yaml:5:")
        .hasMessageContaining("faults.network.dorp: unknown key");
    assertThatThrownBy(() -> plan("  http:\n    reset: often\n"))
        .hasMessageStartingWith("w9y.yaml:5:")
        .hasMessageContaining("faults.http.reset: ratio must look like 1/4 or 25%");
    assertThatThrownBy(() -> plan("  plan: mayhem\n"))
        .hasMessageStartingWith("w9y.yaml:4:")
        .hasMessageContaining("faults.plan: expected none, chaos or swarm");
  }

  @Test
  void aFaultIdNoRunCouldRecordIsRefusedWithItsFileAndLine() {
    assertThatThrownBy(
            () ->
                plan(
                    "  suppress:\n"
                        + "    - network.drop:a->b/request#1\n"
                        + "    - network.drop:a->b/req\n"))
        .hasMessageStartingWith("w9y.yaml:6:")
        .hasMessageContaining("faults.suppress[1]")
        .hasMessageContaining("'network.drop:a->b/req' is malformed");
    assertThatThrownBy(() -> plan("  suppress: [f3]\n"))
        .hasMessageStartingWith("w9y.yaml:4:")
        .hasMessageContaining("fault id 'f3' is malformed");
  }

  @Test
  void theScopeKeysSpareAndKeepServicesNamespacesAndKinds() {
    FaultPlan plan =
        plan(
            "  plan: swarm\n"
                + "  spare: [a]\n"
                + "  onlyFor: [a/ROOMS]\n"
                + "  spareKinds: [clock, buggify]\n"
                + "  onlyKinds: [storage]\n");

    assertThat(plan.scope().spared()).containsExactly("a");
    assertThat(plan.scope().onlyFor()).containsExactly("a/ROOMS");
    assertThat(plan.scope().sparedKinds()).containsExactly(FaultKind.CLOCK, FaultKind.BUGGIFY);
    assertThat(plan.scope().onlyKinds()).containsExactly(FaultKind.STORAGE);
    assertThat(plan.derivedFromSeed()).isTrue();
  }

  @Test
  void aScopeNamingWhatTheTopologyLacksIsRefusedAtItsLine() {
    assertThatThrownBy(() -> plan("  spare: [a, driver]\n"))
        .hasMessageStartingWith("w9y.yaml:4:")
        .hasMessageContaining("faults.spare[1]: 'driver' names no service of this topology")
        .hasMessageContaining("its services: a");
    assertThatThrownBy(() -> plan("  onlyFor:\n    - a/JOURNAL\n"))
        .hasMessageStartingWith("w9y.yaml:5:")
        .hasMessageContaining("service 'a' declares no durable-object namespace JOURNAL");
    assertThatThrownBy(() -> plan("  spareKinds: [disk]\n"))
        .hasMessageContaining("faults.spareKinds[0]: unknown fault kind 'disk'");
    assertThatThrownBy(() -> plan("  spare: driver\n"))
        .hasMessageContaining("faults.spare: expected a list of services or namespaces");
  }
}
