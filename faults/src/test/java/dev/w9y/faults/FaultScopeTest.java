package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.CheckFailed;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.trace.TraceReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a plan's scope spares, keeps and records, on a harness whose driver journals payments. */
class FaultScopeTest {
  private static final int SEEDS = 20;

  private static SimulationResult run(FaultPlan plan, long seed, boolean idempotent) {
    return plan.applyTo(DriverHarness.simulation(seed, idempotent).retainingTrace()).run();
  }

  private static List<JsonNode> records(SimulationResult result, String kind) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "run").records()) {
      if (record.get("kind").asString().equals(kind)) {
        found.add(record);
      }
    }
    return found;
  }

  private static String failedCheck(SimulationResult result) {
    return result.failure().map(f -> f instanceof CheckFailed c ? c.checkName() : "?").orElse("");
  }

  /** Whether a fault's target names the driver, its instances or its journal objects. */
  private static boolean touchesDriver(JsonNode fault) {
    String target = fault.get("target").asString();
    return target.contains("driver") || target.contains("JOURNAL:");
  }

  @Test
  void unscopedFaultsOnTheDriverFailSeedsOfACorrectSystem() {
    int falseAlarms = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      if (failedCheck(run(FaultPlan.chaos(), seed, true))
          .equals("the driver's journal never fails")) {
        falseAlarms++;
      }
    }
    // What the scope is for: without it, the harness's own journal raises alarms.
    assertThat(falseAlarms).isPositive();
  }

  @Test
  void sparingTheDriverLeavesItAloneAndEverySeedOfACorrectSystemPasses() {
    long faults = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      SimulationResult result = run(FaultPlan.chaos().sparing("driver"), seed, true);

      assertThat(result.passed()).as("seed %d: %s", seed, result.failure()).isTrue();
      List<JsonNode> injected = records(result, "fault.injected");
      assertThat(injected).noneMatch(FaultScopeTest::touchesDriver);
      faults += injected.size();
    }
    assertThat(faults).as("the rest of the system still suffers faults").isGreaterThan(SEEDS);
  }

  @Test
  void sparingTheJournalNamespaceSparesItsObjectsButNotTheDriversCalls() {
    boolean driverCallsFaulted = false;
    for (long seed = 0; seed < SEEDS; seed++) {
      SimulationResult result = run(FaultPlan.chaos().sparing("driver/JOURNAL"), seed, true);

      assertThat(failedCheck(result)).isNotEqualTo("the driver's journal never fails");
      for (JsonNode fault : records(result, "fault.injected")) {
        assertThat(fault.get("target").asString()).doesNotContain("JOURNAL:");
        driverCallsFaulted |= fault.get("target").asString().startsWith("driver->payments");
      }
    }
    assertThat(driverCallsFaulted).isTrue();
  }

  @Test
  void onlyForKeepsEveryFaultOnWhatItNames() {
    long faults = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      for (JsonNode fault :
          records(run(FaultPlan.chaos().onlyFor("accounts"), seed, true), "fault.injected")) {
        String target = fault.get("target").asString();
        // A link or a partition's links: every one of them has accounts at one end.
        for (String part : target.split(",")) {
          assertThat(part).contains("accounts");
        }
        faults++;
      }
    }
    assertThat(faults).isPositive();
  }

  @Test
  void sparedKindsAreNeverInjectedEvenWhenSwarmTurnsThemOn() {
    for (long seed = 0; seed < SEEDS; seed++) {
      SimulationResult spared =
          run(FaultPlan.swarm().sparingKinds(FaultKind.STORAGE, FaultKind.NETWORK), seed, true);
      assertThat(records(spared, "fault.injected"))
          .noneMatch(f -> f.get("family").asString().startsWith("storage."))
          .noneMatch(f -> f.get("family").asString().startsWith("network."));

      SimulationResult only = run(FaultPlan.chaos().onlyKinds(FaultKind.HTTP), seed, true);
      assertThat(records(only, "fault.injected"))
          .allMatch(f -> f.get("family").asString().startsWith("http."));
    }
  }

  @Test
  void theScopeIsInTheTraceHeaderAndThePlanRecordOnlyWhenThereIsOne() {
    SimulationResult unscoped = run(FaultPlan.chaos(), 3, true);
    SimulationResult scoped =
        run(FaultPlan.chaos().sparing("driver").sparingKinds(FaultKind.CLOCK), 3, true);

    assertThat(unscoped.fullTrace().get(0)).doesNotContain("\"faults\"").doesNotContain("scope");
    assertThat(records(unscoped, "fault.plan").get(0).has("scope")).isFalse();
    assertThat(scoped.fullTrace().get(0))
        .contains("\"faults\":{\"scope\":{\"spare\":[\"driver\"],\"spareKinds\":[\"clock\"]}}");
    assertThat(records(scoped, "fault.plan").get(0).get("scope").toString())
        .isEqualTo("{\"spare\":[\"driver\"],\"spareKinds\":[\"clock\"]}");
  }

  @Test
  void withOnlyAndWithSuppressedKeepTheScopeAndReplayWithinIt() {
    FaultPlan plan = FaultPlan.chaos().sparing("driver");
    SimulationResult original = run(plan, 5, true);
    List<String> ids = new ArrayList<>();
    records(original, "fault.injected").forEach(f -> ids.add(f.get("fault").asString()));
    assertThat(ids).hasSizeGreaterThan(1);

    assertThat(plan.withOnly(ids).scope()).isEqualTo(plan.scope());
    assertThat(plan.withSuppressed(ids.subList(0, 1)).scope()).isEqualTo(plan.scope());
    // Only every injected fault: the very same faults again.
    List<String> replayed = new ArrayList<>();
    records(run(plan.withOnly(ids), 5, true), "fault.injected")
        .forEach(f -> replayed.add(f.get("fault").asString()));
    assertThat(replayed).isEqualTo(ids);
    assertThat(records(run(plan.withSuppressed(ids.subList(0, 1)), 5, true), "fault.suppressed"))
        .anyMatch(f -> f.get("fault").asString().equals(ids.get(0)));
  }

  @Test
  void aScopedPlanAndSeedGiveTheSameTraceEveryTime() {
    for (long seed = 0; seed < SEEDS; seed++) {
      FaultPlan plan = FaultPlan.swarm().sparing("driver/JOURNAL").onlyFor("payments", "accounts");
      assertThat(run(plan, seed, false).traceSha256())
          .isEqualTo(run(plan, seed, false).traceSha256());
    }
  }

  @Test
  void aScopeNamingWhatTheTopologyLacksIsAnErrorNamingIt() {
    assertThatThrownBy(() -> run(FaultPlan.chaos().sparing("drivr"), 1, true))
        .hasMessageContaining("fault scope spare: 'drivr' names no service of this topology")
        .hasMessageContaining("driver");
    assertThatThrownBy(() -> run(FaultPlan.chaos().onlyFor("driver/JORNAL"), 1, true))
        .hasMessageContaining("service 'driver' declares no durable-object namespace JORNAL")
        .hasMessageContaining("JOURNAL");
    assertThatThrownBy(() -> FaultPlan.chaos().sparing("Driver Service"))
        .hasMessageContaining("'Driver Service' is neither a service name");
  }
}
