package dev.w9y.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final long MS = VirtualTime.NANOS_PER_MILLI;

  private final Scheduler scheduler = Scheduler.create(7);
  private final List<String> ran = new ArrayList<>();

  private Runnable record(String name) {
    return () -> ran.add(name);
  }

  @Nested
  class Ordering {
    @Test
    void eventsRunInTimeOrderThenInTheOrderTheyWereScheduled() {
      scheduler.schedule(30 * MS, "c", record("c"));
      scheduler.schedule(10 * MS, "a1", record("a1"));
      scheduler.schedule(20 * MS, "b", record("b"));
      scheduler.schedule(10 * MS, "a2", record("a2"));
      scheduler.schedule(10 * MS, "a3", record("a3"));

      assertThat(scheduler.run()).isEqualTo(StopReason.QUIESCENT);

      assertThat(ran).containsExactly("a1", "a2", "a3", "b", "c");
    }

    @Test
    void theClockStandsAtEachEventsTimeWhileItRuns() {
      List<Long> seen = new ArrayList<>();
      scheduler.schedule(5 * MS, "x", () -> seen.add(scheduler.nowNanos()));
      scheduler.scheduleAfter(Duration.ofSeconds(2), "y", () -> seen.add(scheduler.nowNanos()));

      scheduler.run();

      assertThat(seen).containsExactly(5 * MS, 2_000 * MS);
      assertThat(scheduler.nowNanos()).isEqualTo(2_000 * MS);
    }

    @Test
    void anEventScheduledForNowRunsAfterEverythingAlreadyDueNow() {
      scheduler.schedule(
          MS,
          "first",
          () -> {
            ran.add("first");
            scheduler.scheduleAfter(0, "spawned", record("spawned"));
          });
      scheduler.schedule(MS, "second", record("second"));

      scheduler.run();

      assertThat(ran).containsExactly("first", "second", "spawned");
    }

    @Test
    void schedulingBeforeTheCurrentTimeIsRejected() {
      scheduler.schedule(10 * MS, "later", () -> {});
      scheduler.run();

      assertThatThrownBy(() -> scheduler.schedule(9 * MS, "too early", () -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too early")
          .hasMessageContaining("before the current virtual time");
      assertThatThrownBy(() -> scheduler.scheduleAfter(-1, "negative", () -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative");
    }
  }

  @Nested
  class Cancelling {
    @Test
    void aCancelledEventNeverRunsAndLeavesTheQueueAtOnce() {
      ScheduledEvent doomed = scheduler.schedule(10 * MS, "doomed", record("doomed"));
      scheduler.schedule(20 * MS, "kept", record("kept"));

      assertThat(doomed.cancel()).isTrue();

      assertThat(scheduler.pendingCount()).isEqualTo(1);
      assertThat(doomed.isCancelled()).isTrue();
      scheduler.run();
      assertThat(ran).containsExactly("kept");
    }

    @Test
    void cancellingTwiceOrAfterTheEventRanReportsFalse() {
      ScheduledEvent once = scheduler.schedule(MS, "once", record("once"));
      ScheduledEvent twice = scheduler.schedule(2 * MS, "twice", record("twice"));
      twice.cancel();

      scheduler.run();

      assertThat(once.wasDispatched()).isTrue();
      assertThat(once.cancel()).isFalse();
      assertThat(twice.cancel()).isFalse();
    }

    @Test
    void anEventCanCancelAnotherDueAtTheSameTime() {
      AtomicReference<ScheduledEvent> victim = new AtomicReference<>();
      scheduler.schedule(MS, "killer", () -> ran.add("killer cancelled=" + victim.get().cancel()));
      victim.set(scheduler.schedule(MS, "victim", record("victim")));

      scheduler.run();

      assertThat(ran).containsExactly("killer cancelled=true");
    }

    @Test
    void cancellingManyEventsInRandomOrderKeepsTheRestInOrder() {
      RandomStream random = RandomStream.root(99);
      List<ScheduledEvent> events = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        long time = random.nextLong(1_000) * MS;
        events.add(scheduler.schedule(time, "e" + i, () -> {}));
      }
      List<ScheduledEvent> cancelled = new ArrayList<>(events.subList(0, 1_000));
      random.shuffle(cancelled);
      cancelled.forEach(ScheduledEvent::cancel);
      List<ScheduledEvent> dispatched = new ArrayList<>();
      scheduler.addDispatchListener((index, event) -> dispatched.add(event));

      scheduler.run();

      assertThat(dispatched).hasSize(1_000).doesNotContainAnyElementsOf(cancelled);
      for (int i = 1; i < dispatched.size(); i++) {
        assertThat(EventQueue.runsBefore(dispatched.get(i - 1), dispatched.get(i))).isTrue();
      }
    }
  }

  @Nested
  class Control {
    @Test
    void stepRunsExactlyOneEvent() {
      scheduler.schedule(MS, "a", record("a"));
      scheduler.schedule(2 * MS, "b", record("b"));

      assertThat(scheduler.step()).isTrue();
      assertThat(ran).containsExactly("a");
      assertThat(scheduler.nowNanos()).isEqualTo(MS);
      assertThat(scheduler.peekNext()).get().extracting(ScheduledEvent::label).isEqualTo("b");

      assertThat(scheduler.step()).isTrue();
      assertThat(scheduler.step()).isFalse();
      assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void runUntilStopsAsSoonAsTheConditionHolds() {
      for (int i = 1; i <= 10; i++) {
        scheduler.schedule(i * MS, "e" + i, record("e" + i));
      }

      assertThat(scheduler.runUntil(() -> ran.size() == 3)).isEqualTo(StopReason.CONDITION_MET);

      assertThat(ran).containsExactly("e1", "e2", "e3");
      assertThat(scheduler.pendingCount()).isEqualTo(7);
    }

    @Test
    void runUntilChecksTheConditionBeforeTheFirstEvent() {
      scheduler.schedule(MS, "never", record("never"));

      assertThat(scheduler.runUntil(() -> true)).isEqualTo(StopReason.CONDITION_MET);

      assertThat(ran).isEmpty();
    }

    @Test
    void runUntilReportsQuiescenceWhenEventsRunOutFirst() {
      scheduler.schedule(MS, "only", record("only"));

      assertThat(scheduler.runUntil(() -> false)).isEqualTo(StopReason.QUIESCENT);
    }

    @Test
    void runForRunsEventsDueUpToAndIncludingTheDeadlineThenMovesTheClockThere() {
      scheduler.schedule(10 * MS, "at 10", record("at 10"));
      scheduler.schedule(100 * MS, "at 100", record("at 100"));
      scheduler.schedule(101 * MS, "at 101", record("at 101"));

      assertThat(scheduler.runFor(Duration.ofMillis(100))).isEqualTo(StopReason.DEADLINE_REACHED);

      assertThat(ran).containsExactly("at 10", "at 100");
      assertThat(scheduler.nowNanos()).isEqualTo(100 * MS);
      assertThat(scheduler.pendingCount()).isEqualTo(1);
    }

    @Test
    void runForLetsVirtualTimePassWhenNothingIsDue() {
      assertThat(scheduler.runFor(Duration.ofMinutes(3))).isEqualTo(StopReason.DEADLINE_REACHED);

      assertThat(scheduler.nowNanos()).isEqualTo(Duration.ofMinutes(3).toNanos());
      assertThat(scheduler.dispatchedCount()).isZero();
    }

    @Test
    void anEventCanPauseTheRunAndResumeCarriesOnWithTheSameGoal() {
      scheduler.schedule(MS, "a", record("a"));
      scheduler.schedule(
          2 * MS,
          "pauser",
          () -> {
            ran.add("pauser");
            scheduler.pause();
          });
      scheduler.schedule(3 * MS, "b", record("b"));
      scheduler.schedule(50 * MS, "beyond", record("beyond"));

      assertThat(scheduler.runFor(10 * MS)).isEqualTo(StopReason.PAUSED);
      assertThat(ran).containsExactly("a", "pauser");
      assertThat(scheduler.nowNanos()).isEqualTo(2 * MS);

      assertThat(scheduler.resume()).isEqualTo(StopReason.DEADLINE_REACHED);
      assertThat(ran).containsExactly("a", "pauser", "b");
      assertThat(scheduler.nowNanos()).isEqualTo(10 * MS);
    }

    @Test
    void pauseOutsideAnEventIsAnError() {
      assertThatThrownBy(scheduler::pause)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside an event");
    }

    @Test
    void anEventCannotRunTheSchedulerItIsRunningIn() {
      scheduler.schedule(MS, "reentrant", scheduler::run);

      assertThatThrownBy(scheduler::run)
          .isInstanceOf(EventFailed.class)
          .hasRootCauseInstanceOf(IllegalStateException.class)
          .hasStackTraceContaining("already running");
    }

    @Test
    void theDispatchHookSeesEveryEventWithItsIndexBeforeItsActionRuns() {
      List<String> seen = new ArrayList<>();
      scheduler.addDispatchListener(
          (index, event) ->
              seen.add(index + ":" + event.label() + "@" + scheduler.nowNanos() + " ran=" + ran));
      scheduler.schedule(5, "a", record("a"));
      scheduler.schedule(7, "b", record("b"));

      scheduler.run();

      assertThat(seen).containsExactly("0:a@5 ran=[]", "1:b@7 ran=[a]");
    }

    @Test
    @AllowNondeterminism(reason = "proves that a second thread is refused; nothing is simulated")
    void aSchedulerBelongsToTheThreadThatRunsIt() throws InterruptedException {
      scheduler.schedule(MS, "a", () -> {});
      scheduler.run();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread other =
          new Thread(
              () -> {
                try {
                  scheduler.schedule(2 * MS, "from another thread", () -> {});
                } catch (Throwable t) {
                  thrown.set(t);
                }
              });
      other.start();
      other.join();

      assertThat(thrown.get())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belongs to the one thread");
    }
  }

  @Nested
  class Failures {
    @Test
    void anEventThatThrowsFailsTheRunWithItsIndexTimeLabelAndSeed() {
      scheduler.schedule(MS, "fine", () -> {});
      scheduler.schedule(
          2 * MS,
          "broken",
          () -> {
            throw new IllegalStateException("boom");
          });
      scheduler.schedule(3 * MS, "never", record("never"));

      assertThatThrownBy(scheduler::run)
          .isInstanceOfSatisfying(
              EventFailed.class,
              failure -> {
                assertThat(failure.seed()).isEqualTo(7);
                assertThat(failure.eventIndex()).isEqualTo(1);
                assertThat(failure.virtualTimeNanos()).isEqualTo(2 * MS);
                assertThat(failure.eventLabel()).isEqualTo("broken");
                assertThat(failure.getCause()).hasMessage("boom");
                assertThat(failure.getMessage())
                    .isEqualTo(
                        "seed 7, event #1 at +00:00:00.002 (broken): event threw"
                            + " java.lang.IllegalStateException: boom");
              });
      assertThat(ran).isEmpty();
      assertThat(scheduler.failure()).isPresent();
    }

    @Test
    void aFailedSchedulerRefusesToGoOn() {
      scheduler.schedule(
          MS,
          "broken",
          () -> {
            throw new AssertionError("invariant");
          });
      assertThatThrownBy(scheduler::run).isInstanceOf(EventFailed.class);

      assertThatThrownBy(scheduler::step)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already failed")
          .hasCauseInstanceOf(EventFailed.class);
    }

    @Test
    void unboundedRecursionInAnEventIsAFailureNotACrash() {
      scheduler.schedule(MS, "recurse", () -> recurse(0));

      assertThatThrownBy(scheduler::run)
          .isInstanceOf(EventFailed.class)
          .hasCauseInstanceOf(StackOverflowError.class);
    }

    private int recurse(int depth) {
      return recurse(depth + 1) + 1;
    }

    @Test
    void aListenerThatThrowsFailsTheRunAtThatEvent() {
      scheduler.addDispatchListener(
          (index, event) -> {
            if (index == 1) {
              throw new IllegalArgumentException("listener broke");
            }
          });
      scheduler.schedule(MS, "a", () -> {});
      scheduler.schedule(2 * MS, "b", record("b"));

      assertThatThrownBy(scheduler::run)
          .isInstanceOfSatisfying(
              EventFailed.class, failure -> assertThat(failure.eventIndex()).isEqualTo(1));
      assertThat(ran).isEmpty();
    }
  }

  @Nested
  class BudgetsStopRunaways {
    private Scheduler withBudgets(Budgets budgets) {
      return Scheduler.create(SchedulerConfig.of(11).withBudgets(budgets));
    }

    private void forever(Scheduler scheduler, long stepNanos) {
      scheduler.scheduleAfter(stepNanos, "forever", () -> forever(scheduler, stepNanos));
    }

    @Test
    void tooManyEventsFailsNamingMaxEvents() {
      Scheduler limited = withBudgets(Budgets.DEFAULT.withMaxEvents(100));
      forever(limited, MS);

      assertThatThrownBy(limited::run)
          .isInstanceOfSatisfying(
              BudgetExceeded.class,
              failure -> {
                assertThat(failure.budget()).isEqualTo(Budget.MAX_EVENTS);
                assertThat(failure.limit()).isEqualTo(100);
                assertThat(failure.eventIndex()).isEqualTo(100);
                assertThat(failure.seed()).isEqualTo(11);
                assertThat(failure).hasMessageContaining("budget maxEvents exceeded");
              });
      assertThat(limited.dispatchedCount()).isEqualTo(100);
    }

    @Test
    void anEventDuePastTheVirtualTimeBudgetFailsNamingMaxVirtualTime() {
      Scheduler limited = withBudgets(Budgets.DEFAULT.withMaxVirtualTime(Duration.ofSeconds(1)));
      forever(limited, 300 * MS);

      assertThatThrownBy(limited::run)
          .isInstanceOfSatisfying(
              BudgetExceeded.class,
              failure -> {
                assertThat(failure.budget()).isEqualTo(Budget.MAX_VIRTUAL_TIME);
                assertThat(failure.eventIndex()).isEqualTo(3);
                assertThat(failure).hasMessageContaining("due at +00:00:01.200");
              });
      assertThat(limited.nowNanos()).isEqualTo(900 * MS);
    }

    @Test
    void runningForLongerThanTheVirtualTimeBudgetFails() {
      Scheduler limited = withBudgets(Budgets.DEFAULT.withMaxVirtualTime(Duration.ofSeconds(1)));

      assertThatThrownBy(() -> limited.runFor(Duration.ofSeconds(2)))
          .isInstanceOfSatisfying(
              BudgetExceeded.class,
              failure -> assertThat(failure.budget()).isEqualTo(Budget.MAX_VIRTUAL_TIME));
    }

    @Test
    void workThatNeverLetsTimePassFailsNamingTheLivelockBudget() {
      Scheduler limited = withBudgets(Budgets.DEFAULT.withMaxEventsWithoutTimeAdvance(50));
      limited.schedule(5 * MS, "warm-up", () -> forever(limited, 0));

      assertThatThrownBy(limited::run)
          .isInstanceOfSatisfying(
              BudgetExceeded.class,
              failure -> {
                assertThat(failure.budget()).isEqualTo(Budget.MAX_EVENTS_WITHOUT_TIME_ADVANCE);
                assertThat(failure.eventIndex()).isEqualTo(50);
                assertThat(failure.virtualTimeNanos()).isEqualTo(5 * MS);
                assertThat(failure).hasMessageContaining("without letting time pass");
              });
    }

    @Test
    void manyEventsAtOneTimeAreFineWhenTimeMovesBetweenBursts() {
      Scheduler limited = withBudgets(Budgets.DEFAULT.withMaxEventsWithoutTimeAdvance(10));
      for (int burst = 0; burst < 5; burst++) {
        for (int i = 0; i < 10; i++) {
          limited.schedule(burst * MS, "burst " + burst, () -> {});
        }
      }

      assertThat(limited.run()).isEqualTo(StopReason.QUIESCENT);
      assertThat(limited.dispatchedCount()).isEqualTo(50);
    }

    @Test
    void tooLongAQueueFailsNamingMaxQueueLengthEvenIfTheEventSwallowsIt() {
      Scheduler limited = withBudgets(Budgets.DEFAULT.withMaxQueueLength(10));
      limited.schedule(
          MS,
          "fan-out",
          () -> {
            try {
              for (int i = 0; i < 20; i++) {
                limited.scheduleAfter(MS, "child", () -> {});
              }
            } catch (RuntimeException swallowed) {
              // A careless guest catches everything; the budget must still stop the run.
            }
          });

      assertThatThrownBy(limited::run)
          .isInstanceOfSatisfying(
              BudgetExceeded.class,
              failure -> {
                assertThat(failure.budget()).isEqualTo(Budget.MAX_QUEUE_LENGTH);
                assertThat(failure.eventIndex()).isZero();
                assertThat(failure.eventLabel()).isEqualTo("fan-out");
              });
    }

    @Test
    void budgetsMustBePositive() {
      assertThatThrownBy(() -> Budgets.DEFAULT.withMaxEvents(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxEvents");
    }
  }

  @Nested
  class SameTimeShuffling {
    private List<String> orderFor(long seed, boolean shuffle) {
      Scheduler shuffled =
          Scheduler.create(SchedulerConfig.of(seed).withShuffleSameTimeEvents(shuffle));
      List<String> order = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String name = "t1-" + i;
        shuffled.schedule(MS, name, () -> order.add(name));
      }
      shuffled.schedule(2 * MS, "t2", () -> order.add("t2"));
      shuffled.schedule(0, "t0", () -> order.add("t0"));
      shuffled.run();
      return order;
    }

    @Test
    void isOffByDefault() {
      assertThat(SchedulerConfig.of(1).shuffleSameTimeEvents()).isFalse();
      assertThat(orderFor(1, false))
          .containsExactly(
              "t0", "t1-0", "t1-1", "t1-2", "t1-3", "t1-4", "t1-5", "t1-6", "t1-7", "t2");
    }

    @Test
    void reordersOnlyEventsThatShareATimeAndTheSameSeedAlwaysGivesTheSameOrder() {
      List<String> first = orderFor(5, true);

      assertThat(orderFor(5, true)).isEqualTo(first);
      assertThat(first.get(0)).isEqualTo("t0");
      assertThat(first.get(9)).isEqualTo("t2");
      assertThat(first.subList(1, 9))
          .containsExactlyInAnyOrder(
              "t1-0", "t1-1", "t1-2", "t1-3", "t1-4", "t1-5", "t1-6", "t1-7");
    }

    @Test
    void differentSeedsExploreDifferentOrders() {
      List<List<String>> orders = new ArrayList<>();
      for (long seed = 0; seed < 20; seed++) {
        List<String> order = orderFor(seed, true);
        if (!orders.contains(order)) {
          orders.add(order);
        }
      }
      assertThat(orders).hasSizeGreaterThan(15);
    }

    @Test
    void isRecordedInTheDescribedOptionsAfterTheSeed() {
      assertThat(SchedulerConfig.of(3).withShuffleSameTimeEvents(true).describe())
          .containsEntry("shuffleSameTimeEvents", "true")
          .containsKeys(
              "maxEvents", "maxVirtualTimeNanos", "maxEventsWithoutTimeAdvance", "maxQueueLength");
      assertThat(SchedulerConfig.of(3).describe().keySet()).first().isEqualTo("seed");
    }
  }
}
