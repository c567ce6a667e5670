package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ScheduledTrigger;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronTest {
  private final List<String> firings = new ArrayList<>();

  final class Reporter implements JavaService {
    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      return Promise.resolved(Response.ok(""));
    }

    @Override
    public Promise<Void> scheduled(ScheduledTrigger trigger, ServiceHost host) {
      firings.add(
          trigger.cron()
              + " "
              + Instant.ofEpochMilli(trigger.scheduledTimeEpochMillis())
              + " date.now="
              + Instant.ofEpochMilli(host.epochMillis()));
      return Promise.resolved(null);
    }
  }

  @Test
  void cronTriggersFireAtTheRightVirtualTimesOverASimulatedWeek() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("reports", JavaGuest.of("Reporter", Reporter::new))
                    .withCron("0 9 * * MON-FRI")
                    .withCron("@weekly"))
            .epochMillis(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli()) // a Monday
            .build();

    SimulationResult result =
        Simulation.builder(topology).seed(1).safetyPhase(Duration.ofDays(7)).build().run();

    assertThat(result.passed()).isTrue();
    assertThat(firings)
        .containsExactly(
            "0 9 * * MON-FRI 2026-01-05T09:00:00Z date.now=2026-01-05T09:00:00Z",
            "0 9 * * MON-FRI 2026-01-06T09:00:00Z date.now=2026-01-06T09:00:00Z",
            "0 9 * * MON-FRI 2026-01-07T09:00:00Z date.now=2026-01-07T09:00:00Z",
            "0 9 * * MON-FRI 2026-01-08T09:00:00Z date.now=2026-01-08T09:00:00Z",
            "0 9 * * MON-FRI 2026-01-09T09:00:00Z date.now=2026-01-09T09:00:00Z",
            "@weekly 2026-01-11T00:00:00Z date.now=2026-01-11T00:00:00Z");
  }

  @Test
  void aServiceWithoutAScheduledHandlerGetsATracedErrorThatFailsTheSeedUnlessTolerated() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "plain", JavaGuest.handler((r, h) -> Promise.resolved(Response.ok(""))))
                    .withCron("@hourly"))
            .build();

    Simulation.Builder builder =
        Simulation.builder(topology).seed(1).safetyPhase(Duration.ofHours(2));
    SimulationResult strict = builder.build().run();
    SimulationResult result =
        builder
            .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION, "no scheduled handler")
            .build()
            .retainingTrace()
            .run();

    assertThat(strict.failure()).get().isInstanceOf(UncaughtGuestError.class);
    assertThat(strict.failure().get().getMessage()).contains("no scheduled handler");
    assertThat(result.passed()).isTrue();
    assertThat(
            result.fullTrace().stream()
                .filter(l -> l.contains("guest.error") && l.contains("no scheduled handler")))
        .hasSize(2);
  }
}
