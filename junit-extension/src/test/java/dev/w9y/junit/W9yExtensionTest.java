package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The extension, run through the JUnit engine on fixture classes. */
class W9yExtensionTest {
  @TempDir Path corpus;

  /** What sweeps printed on the console (captured, so the build's console stays quiet). */
  private final List<String> console = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void isolateTheCorpus() {
    System.setProperty("w9y.corpus", corpus.toString());
    SweepConsole.captureForTests(console::add);
  }

  @AfterEach
  void clearProperties() {
    System.clearProperty("w9y.corpus");
    System.clearProperty("seed");
    System.clearProperty("w9y.seeds");
    System.clearProperty("w9y.plan");
    System.clearProperty("w9y.shard");
    System.clearProperty("w9y.fuzz");
    System.clearProperty("w9y.threads");
    System.clearProperty("w9y.fuzz.total");
    System.clearProperty("w9y.progress");
    System.clearProperty("w9y.progress.every");
    SweepConsole.captureForTests(null);
    SharedFuzzBudget.jvm().reset();
  }

  private static Events run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .execute()
        .testEvents();
  }

  private static List<String> displayNames(Events events) {
    List<String> names = new ArrayList<>();
    events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).forEach(names::add);
    return names;
  }

  /** The message of the first container (class or test template) of the fixture that failed. */
  private static String firstContainerFailure(Class<?> fixture) {
    List<Event> failed =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(fixture))
            .execute()
            .containerEvents()
            .failed()
            .list();
    assertThat(failed).as("a failed container").isNotEmpty();
    return failureMessage(failed.get(0));
  }

  private static String failureMessage(Event event) {
    return event
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  @Test
  void everySeedRunsOnceAndIsNamedAfterItsSeed() {
    Events events = run(SimulationFixtures.FixedPayments.class);

    events.assertStatistics(stats -> stats.started(5).succeeded(5).failed(0));
    assertThat(displayNames(events))
        .containsExactlyElementsOf(
            SeedSelection.derived("FixedPayments#nobodyIsChargedTwice", 5).stream()
                .map(s -> "seed " + s)
                .toList());
  }

  @Test
  void derivedSeedsAreStableAndDifferBetweenTests() {
    assertThat(SeedSelection.derived("A#x", 3)).isEqualTo(SeedSelection.derived("A#x", 3));
    assertThat(SeedSelection.derived("A#x", 3))
        .doesNotContainAnyElementsOf(SeedSelection.derived("A#y", 3));
  }

  @Test
  void theDeterminismSelfCheckCatchesAGuestWithStateThatOutlivesARun() {
    Events events = run(SimulationFixtures.LeakyState.class);

    // Each seed runs in two invocations; the second of each pair finds the difference.
    events.assertStatistics(stats -> stats.started(6).failed(3).succeeded(3));
    assertThat(displayNames(events))
        .anySatisfy(name -> assertThat(name).endsWith("(again: determinism check)"));
    assertThat(failureMessage(events.failed().list().get(0)))
        .contains("W9Y nondeterminism: LeakyState#sameSeedSameRun, seed ")
        .contains("traces diverge at line")
        .contains("response.sent")
        .contains("expected: ")
        .contains("actual:   ");
  }

  @Test
  void theDeterminismCheckRunsTheTestMethodAgainSoCapturedStateIsFresh() {
    Events events = run(SimulationFixtures.CapturedState.class);

    events.assertStatistics(stats -> stats.started(6).succeeded(6));
  }

  @Test
  void shardsPartitionTheSeedsExactly() {
    List<Long> all = SeedSelection.derived("X#y", 50);
    List<Long> union = new ArrayList<>();
    for (int shard = 0; shard < 4; shard++) {
      union.addAll(new SeedSelection.Shard(shard, 4).of(all.stream()).toList());
    }
    assertThat(union).hasSize(50).containsExactlyInAnyOrderElementsOf(all);

    System.setProperty("w9y.shard", "1/2");
    List<String> second = displayNames(run(SimulationFixtures.FixedPayments.class));
    System.setProperty("w9y.shard", "0/2");
    List<String> first = displayNames(run(SimulationFixtures.FixedPayments.class));
    assertThat(first).hasSize(3).doesNotContainAnyElementsOf(second);
    assertThat(second).hasSize(2);
  }

  @Test
  void fuzzModeRunsNewSeedsUntilItsTimeBudgetIsSpent() {
    System.setProperty("w9y.fuzz", "2s");

    Events events = run(SimulationFixtures.FixedPayments.class);

    // Far more seeds than the annotation's 5 fit in two seconds, and they are the derived ones.
    assertThat(events.started().count()).isGreaterThan(5);
    assertThat(displayNames(events).subList(0, 5))
        .containsExactlyElementsOf(
            SeedSelection.derived("FixedPayments#nobodyIsChargedTwice", 5).stream()
                .map(s -> "seed " + s)
                .toList());
    assertThat(events.failed().count()).isZero();
  }

  @Test
  void badPropertiesAreClearErrors() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedSelection.Shard.parse("3"))
        .hasMessageContaining("must look like 3/16");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedSelection.Shard.parse("5/4"))
        .hasMessageContaining("0 <= index < count");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse("soon", "w9y.fuzz"))
        .hasMessageContaining("-Dw9y.fuzz must be a duration");
  }

  @Test
  void aSometimesCheckThatNeverFiredFailsTheSweepWithItsCoverageTable() {
    var results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(SimulationFixtures.NeverSometimes.class))
            .execute();

    results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
    List<Event> failedContainers = results.containerEvents().failed().list();
    assertThat(failedContainers).hasSize(1);
    assertThat(failureMessage(failedContainers.get(0)))
        .contains(
            "sometimes checks never fired in 4 seeds of NeverSometimes#coverage: [the slow path runs]")
        .contains("4/4     a request arrives")
        .contains("0/4     the slow path runs   <- NEVER");
  }

  @Test
  void theAnnotationsRunBudgetStopsARunNamingTheBudget() {
    Events events = run(SimulationFixtures.TightBudget.class);

    events.assertStatistics(stats -> stats.started(2).failed(2));
    assertThat(failureMessage(events.failed().list().get(0)))
        .contains("budget maxEvents exceeded (limit 50)");
  }

  @Test
  void explicitSeedsAndLongParametersWork() {
    Events events = run(SimulationFixtures.ExplicitSeeds.class);

    events.assertStatistics(stats -> stats.started(3).succeeded(3));
    assertThat(displayNames(events)).containsExactly("seed 11", "seed 22", "seed 33");
  }

  @Test
  void dashDSeedRunsOnlyThatSeedAndDashDSeedsChangesTheCount() {
    System.setProperty("seed", "77");
    assertThat(displayNames(run(SimulationFixtures.ExplicitSeeds.class)))
        .containsExactly("seed 77");
    System.clearProperty("seed");

    System.setProperty("w9y.seeds", "2");
    assertThat(displayNames(run(SimulationFixtures.FixedPayments.class))).hasSize(2);
  }

  @Test
  void aFailingSeedReportsTheReproduceCommandTheTraceAndTheShrunkFaults() throws Exception {
    Events events = run(SimulationFixtures.BuggyPayments.class);

    assertThat(events.failed().count()).isPositive();
    String report = failureMessage(events.failed().list().get(0));
    assertThat(report)
        .contains("W9Y simulation failed: BuggyPayments#nobodyIsChargedTwice, seed ")
        .contains("check 'nobody is charged twice' failed")
        .contains("reproduce: mvn test -Dtest=BuggyPayments#nobodyIsChargedTwice -Dseed=")
        .contains("trace:     ")
        .contains("shrunk:    fails with ")
        .contains("last events:");
    Matcher trace = Pattern.compile("trace: +(\\S+) \\(sha256 ([0-9a-f]{64})\\)").matcher(report);
    assertThat(trace.find()).isTrue();
    assertThat(Path.of(trace.group(1))).exists();
    assertThat(report).contains("view:      ./w9y view " + trace.group(1));
  }

  @Test
  void codeThatDoesNotLoadFailsEachSeedWithItsReproduceCommandLikeAnyFailure() {
    Events events = run(SimulationFixtures.UnloadableCode.class);

    assertThat(events.failed().count()).isEqualTo(2);
    String report = failureMessage(events.failed().list().get(0));
    assertThat(report)
        .contains("W9Y simulation failed: UnloadableCode#boots, seed ")
        .contains("api#0 failed to start")
        .contains("service 'api' (junk.wasm): not a WebAssembly module")
        .contains("reproduce: mvn test -Dtest=UnloadableCode#boots -Dseed=");
  }

  @Test
  void failingSeedsJoinTheCorpusAndRunFirstNextTime() throws Exception {
    Events first = run(SimulationFixtures.BuggyPayments.class);
    Path file = corpus.resolve("BuggyPayments/nobodyIsChargedTwice.seeds");
    List<Long> saved = new RegressionCorpus(file).seeds();
    assertThat(saved).hasSize((int) first.failed().count());
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .contains("# check 'nobody is charged twice' failed");

    Files.writeString(
        file, "424242  # planted by the test\n" + Files.readString(file, StandardCharsets.UTF_8));
    List<String> names = displayNames(run(SimulationFixtures.BuggyPayments.class));

    assertThat(names.get(0)).isEqualTo("seed 424242");
    assertThat(names).hasSize(5 + 1);
  }

  @Test
  void theShrunkPlanReplaysWithDashDPlanAndStillFails() {
    Events events = run(SimulationFixtures.BuggyPayments.class);
    String report = failureMessage(events.failed().list().get(0));
    Matcher plan = Pattern.compile("-Dw9y.plan=(\\S+)").matcher(report);
    assertThat(plan.find()).isTrue();

    System.setProperty("w9y.plan", plan.group(1));
    Events replay = run(SimulationFixtures.BuggyPayments.class);

    replay.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failureMessage(replay.failed().list().get(0)))
        .contains("check 'nobody is charged twice' failed");
  }

  /** The plan file a failing seed's report points at. */
  private static Path planOf(String report) {
    Matcher plan = Pattern.compile("-Dw9y.plan=(\\S+)").matcher(report);
    assertThat(plan.find()).as("a plan in %s", report).isTrue();
    return Path.of(plan.group(1));
  }

  @Test
  void replayingAPlanWritesItsOwnTraceBesideTheOriginalAndOverwritesNeither() throws Exception {
    Events events = run(SimulationFixtures.BuggyPayments.class);
    Path plan = planOf(failureMessage(events.failed().list().get(0)));
    String name = plan.getFileName().toString().replace(".plan", "");
    Path trace = plan.resolveSibling(name + ".jsonl");
    byte[] originalTrace = Files.readAllBytes(trace);
    byte[] originalPlan = Files.readAllBytes(plan);
    Path replayTrace = plan.resolveSibling(name + ".replay.jsonl");
    Files.deleteIfExists(replayTrace);

    System.setProperty("w9y.plan", plan.toString());
    Events replay = run(SimulationFixtures.BuggyPayments.class);

    replay.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failureMessage(replay.failed().list().get(0)))
        .contains("trace:     " + replayTrace.toAbsolutePath())
        .contains("replayed:  plan " + plan.toAbsolutePath());
    assertThat(replayTrace).exists();
    assertThat(Files.readAllBytes(trace)).isEqualTo(originalTrace);
    assertThat(Files.readAllBytes(plan)).isEqualTo(originalPlan);
  }

  @Test
  void aPlanWithATruncatedFaultIdIsAnErrorNamingTheIdTheFileAndTheLine() throws Exception {
    Path plan = corpus.resolve("seed-7.plan");
    Files.writeString(plan, "seed=7\nfaults=network.drop:payments->accounts/requ\n");
    System.setProperty("w9y.plan", plan.toString());

    assertThat(firstContainerFailure(SimulationFixtures.FixedPayments.class))
        .contains("plan " + plan.toAbsolutePath() + ":2: ")
        .contains("fault id 'network.drop:payments->accounts/requ' is malformed");
  }

  @Test
  void aPlannedFaultTheReplayNeverInjectsFailsTheRunNamingIt() throws Exception {
    // A correct system: without the check the replay would pass, having injected nothing.
    Path plan = corpus.resolve("seed-7.plan");
    String phantom = "network.drop:payments->accounts/request#999";
    Files.writeString(plan, "seed=7\nfaults=" + phantom + "\n");
    System.setProperty("w9y.plan", plan.toString());

    Events replay = run(SimulationFixtures.FixedPayments.class);

    replay.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failureMessage(replay.failed().list().get(0)))
        .contains("W9Y plan does not match the run: FixedPayments#nobodyIsChargedTwice replaying")
        .contains(
            "the plan lists fault " + phantom + ", but the replay of seed 7 never injected it")
        .contains("replay (passed): ");
  }

  @Test
  void sparingTheDriverOnTheAnnotationTurnsItsFalseAlarmsIntoPasses() {
    Events unscoped = run(SimulationFixtures.HarnessUnscoped.class);
    assertThat(unscoped.failed().count()).as("false alarms without the scope").isPositive();
    assertThat(failureMessage(unscoped.failed().list().get(0)))
        .contains("check 'the driver's journal never fails' failed");

    run(SimulationFixtures.HarnessSparingDriver.class)
        .assertStatistics(stats -> stats.started(8).succeeded(8).failed(0));
  }

  @Test
  void aScopeOnATestWithoutAFaultPlanIsAnError() {
    assertThat(firstContainerFailure(SimulationFixtures.ScopeWithoutPlan.class))
        .contains(
            "ScopeWithoutPlan#asBuilt: spare, onlyFor, spareKinds and onlyKinds scope a fault")
        .contains("faults = CHAOS, SWARM or NONE");
  }

  @Test
  void aSeedFailingBehindASparedDriverStillShrinksAndReplaysUnderTheSameScope() throws Exception {
    Events events = run(SimulationFixtures.BuggyBehindSparedDriver.class);
    assertThat(events.failed().count()).isPositive();
    String report = failureMessage(events.failed().list().get(0));
    assertThat(report)
        .contains("check 'nobody is charged twice' failed")
        .contains("shrunk:    fails with ");
    Path plan = planOf(report);
    SeedRunner.ShrunkPlan shrunk = SeedRunner.ShrunkPlan.read(plan);
    assertThat(shrunk.scope().spared()).containsExactly("driver");
    assertThat(Files.readString(plan)).contains("\nspare=driver\n");
    assertThat(shrunk.faults()).isNotEmpty().noneMatch(id -> id.contains("driver"));

    System.setProperty("w9y.plan", plan.toString());
    Events replay = run(SimulationFixtures.BuggyBehindSparedDriver.class);

    replay.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failureMessage(replay.failed().list().get(0)))
        .contains("check 'nobody is charged twice' failed");
    String name = plan.getFileName().toString().replace(".plan", ".replay.jsonl");
    assertThat(Files.readAllLines(plan.resolveSibling(name)).get(0))
        .contains("\"faults\":{\"scope\":{\"spare\":[\"driver\"]}}");
  }

  @Test
  void withTwoThreadsEverySeedRunsOnW9yThreadsWithTheSameTraceAndIsReportedInOrder() {
    Events sequential = run(SimulationFixtures.ThreadRecording.class);
    List<String> onJUnitsThread = List.copyOf(SimulationFixtures.ThreadRecording.SEEN);
    SimulationFixtures.ThreadRecording.SEEN.clear();

    System.setProperty("w9y.threads", "2");
    Events threaded = run(SimulationFixtures.ThreadRecording.class);
    List<String> onW9yThreads = List.copyOf(SimulationFixtures.ThreadRecording.SEEN);
    SimulationFixtures.ThreadRecording.SEEN.clear();

    threaded.assertStatistics(stats -> stats.started(8).succeeded(8));
    assertThat(displayNames(threaded)).containsExactlyElementsOf(displayNames(sequential));
    assertThat(onW9yThreads.stream().map(line -> line.split(" ")[2]).distinct())
        .containsExactlyInAnyOrder("w9y-seed-1", "w9y-seed-2");
    // Same seed, same trace, whichever thread ran it.
    assertThat(onW9yThreads.stream().map(line -> line.split(" ", 3)[0] + " " + line.split(" ")[1]))
        .containsExactlyInAnyOrderElementsOf(
            onJUnitsThread.stream()
                .map(line -> line.split(" ", 3)[0] + " " + line.split(" ")[1])
                .toList());
  }

  @Test
  void withTwoThreadsFailuresCarryTheSameReportAndJoinTheCorpus() {
    System.setProperty("w9y.threads", "2");
    Events events = run(SimulationFixtures.BuggyPayments.class);

    assertThat(events.failed().count()).isPositive();
    assertThat(failureMessage(events.failed().list().get(0)))
        .contains("W9Y simulation failed: BuggyPayments#nobodyIsChargedTwice, seed ")
        .contains("reproduce: mvn test -Dtest=BuggyPayments#nobodyIsChargedTwice -Dseed=")
        .contains("shrunk:    fails with ");
    assertThat(
            new RegressionCorpus(corpus.resolve("BuggyPayments/nobodyIsChargedTwice.seeds"))
                .seeds())
        .hasSize((int) events.failed().count());
  }

  @Test
  void withTwoThreadsTheDeterminismSelfCheckStillCatchesLeakyState() {
    System.setProperty("w9y.threads", "2");
    Events events = run(SimulationFixtures.LeakyState.class);

    events.assertStatistics(stats -> stats.started(6).failed(3).succeeded(3));
    assertThat(failureMessage(events.failed().list().get(0)))
        .contains("W9Y nondeterminism: LeakyState#sameSeedSameRun, seed ");
  }

  @Test
  void withTwoThreadsFuzzModeChecksItsBudgetAsEachSeedStarts() {
    System.setProperty("w9y.threads", "2");
    System.setProperty("w9y.fuzz", "2s");

    long start = System.nanoTime();
    Events events = run(SimulationFixtures.FixedPayments.class);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(events.started().count()).isGreaterThan(5);
    assertThat(events.failed().count()).isZero();
    // Seeds queued ahead of the budget would run long after it (JUnit's worker pool did: 17x).
    assertThat(seconds).isLessThan(10);
  }

  @Test
  void threadsThatCannotWorkAreClearErrors() {
    System.setProperty("w9y.threads", "2");
    assertThat(firstContainerFailure(SimulationFixtures.TakesTestInfo.class))
        .contains("TakesTestInfo#needsJUnit cannot run on W9Y's threads (-Dw9y.threads)")
        .contains("org.junit.jupiter.api.TestInfo");

    System.setProperty("w9y.threads", "many");
    assertThat(firstContainerFailure(SimulationFixtures.FixedPayments.class))
        .contains("-Dw9y.threads must be a positive number of threads or 'cores', was 'many'");
  }

  @Test
  void aSweepShowsProgressWhileItRunsAndItsSummaryAfter() {
    System.setProperty("w9y.progress", "lines");
    System.setProperty("w9y.progress.every", "0s"); // a line after every seed

    run(SimulationFixtures.FixedPayments.class);

    assertThat(console).hasSize(6);
    for (int done = 1; done <= 5; done++) {
      assertThat(console.get(done - 1))
          .matches(
              "W9Y sweep FixedPayments#nobodyIsChargedTwice: "
                  + done
                  + "/5 seeds, 0 failed, .* (seeds/s|per seed), about .* left\\n");
    }
    assertThat(console.get(5))
        .matches(
            "W9Y sweep FixedPayments#nobodyIsChargedTwice: 5 seeds, 0 failed, .* s, .*(seeds/s|per"
                + " seed)\\n(?s).*");
  }

  @Test
  void theSummaryCountsDeterminismReRunsApartFromSeeds() {
    run(SimulationFixtures.CapturedState.class);
    run(SimulationFixtures.LeakyState.class);

    assertThat(console).hasSize(2);
    assertThat(console.get(0))
        .startsWith(
            "W9Y sweep CapturedState#freshStateEachInvocation: 3 seeds (+3 re-runs for the"
                + " determinism check), 0 failed, ");
    assertThat(console.get(1))
        .startsWith(
            "W9Y sweep LeakyState#sameSeedSameRun: 3 seeds (+3 re-runs for the determinism check),"
                + " 0 failed, 3 nondeterministic, ");
  }

  @Test
  void fuzzProgressShowsTheBudgetLeft() {
    System.setProperty("w9y.fuzz", "1s");
    System.setProperty("w9y.progress", "lines");
    System.setProperty("w9y.progress.every", "0s");

    run(SimulationFixtures.FixedPayments.class);

    assertThat(console.get(0))
        .matches(
            "W9Y fuzz FixedPayments#nobodyIsChargedTwice: 1 seed, 0 failed, .*, .* of budget"
                + " left\\n");
    assertThat(console.get(console.size() - 1))
        .startsWith("W9Y fuzz FixedPayments#nobodyIsChargedTwice: ");
  }

  @Test
  void aTotalFuzzBudgetIsSharedByEverySimulationTestOfTheRun() {
    System.setProperty("w9y.fuzz.total", "600ms");

    // Through the launcher, as Surefire runs tests: the listener sees the whole test plan.
    org.junit.platform.launcher.core.LauncherFactory.create()
        .execute(
            org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(
                    selectClass(SimulationFixtures.FixedPayments.class),
                    selectClass(SimulationFixtures.TwoFuzzedTests.class))
                .build());

    List<String> notes =
        console.stream().filter(line -> line.contains("-Dw9y.fuzz.total")).toList();
    assertThat(notes).hasSize(3);
    assertThat(notes.get(0))
        .endsWith(
            "fuzzing for 0.2 s, its share of -Dw9y.fuzz.total=600ms (0.6 s left for 3 simulation"
                + " tests in this JVM)\n");
    assertThat(notes.get(1)).contains(" left for 2 simulation tests in this JVM)");
    assertThat(notes.get(2)).contains(" left for 1 simulation test in this JVM)");
    assertThat(String.join("", notes))
        .contains("FixedPayments#nobodyIsChargedTwice")
        .contains("TwoFuzzedTests#first")
        .contains("TwoFuzzedTests#second");
  }

  @Test
  void withoutTheLauncherATotalFuzzBudgetIsSharedByTheSimulationTestsOfTheClass() {
    System.setProperty("w9y.fuzz.total", "400ms");

    Events events = run(SimulationFixtures.TwoFuzzedTests.class);

    assertThat(events.failed().count()).isZero();
    List<String> notes =
        console.stream().filter(line -> line.contains("-Dw9y.fuzz.total")).toList();
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0)).contains("fuzzing for 0.2 s").contains("for 2 simulation tests");
    assertThat(notes.get(1)).contains("for 1 simulation test in this JVM");
  }

  @Test
  void aBudgetPerTestAndOneForTheRunCannotBothBeSet() {
    System.setProperty("w9y.fuzz", "1s");
    System.setProperty("w9y.fuzz.total", "1m");

    assertThat(firstContainerFailure(SimulationFixtures.FixedPayments.class))
        .contains("set -Dw9y.fuzz (a budget for each simulation test method) or -Dw9y.fuzz.total");
  }
}
