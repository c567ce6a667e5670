package dev.w9y.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchedulerPendingEventsTest {
  @Test
  void pendingEventsAreListedInTheOrderTheyWillRun() {
    Scheduler scheduler = Scheduler.create(1);
    scheduler.schedule(30, "c", () -> {});
    scheduler.schedule(10, "a", () -> {});
    ScheduledEvent cancelled = scheduler.schedule(20, "x", () -> {});
    scheduler.schedule(10, "b", () -> {});
    cancelled.cancel();

    assertThat(scheduler.pendingEvents())
        .extracting(ScheduledEvent::label)
        .containsExactly("a", "b", "c");
    scheduler.step();
    assertThat(scheduler.pendingEvents())
        .extracting(ScheduledEvent::label)
        .containsExactly("b", "c");
  }
}
