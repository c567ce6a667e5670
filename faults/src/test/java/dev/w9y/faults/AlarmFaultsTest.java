package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.Ratio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmFaultsTest {
  private final List<Long> alarmsAtMillis = new ArrayList<>();

  final class Reminder implements JavaDurableObject {
    Reminder(DurableObjectHost host) {}

    @Override
    public Promise<Response> fetch(Request request, DurableObjectHost host) {
      return host.storage().setAlarm(host.epochMillis() + 1_000).then(v -> Response.ok("set"));
    }

    @Override
    public Promise<Void> alarm(DurableObjectHost host) {
      alarmsAtMillis.add(host.nowNanos() / 1_000_000);
      return Promise.resolved(null);
    }
  }

  private SimulationResult run(FaultPlan plan) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "front",
                        JavaGuest.of(
                                "Front",
                                () ->
                                    (request, host) -> {
                                      var ns = host.durableObjects("R");
                                      return ns.fetch(ns.idFromName("r"), request);
                                    })
                            .withDurableObject("Reminder", Reminder::new))
                    .asPublic()
                    .withDurableObject("R", "Reminder"))
            .latency(Distribution.fixed(Duration.ofMillis(1)))
            .storageLatency(Distribution.fixed(Duration.ZERO), Distribution.fixed(Duration.ZERO))
            .build();
    return plan.applyTo(
            Simulation.builder(topology)
                .seed(1)
                .workload(() -> d -> d.fetch(Request.get("http://front/")))
                .safetyPhase(Duration.ofSeconds(30))
                .build()
                .retainingTrace())
        .run();
  }

  @Test
  void alarmsFireOnTimeWithoutFaults() {
    run(FaultPlan.none());

    assertThat(alarmsAtMillis).containsExactly(1_002L);
  }

  @Test
  void aDelayedAlarmFiresLate() {
    SimulationResult result =
        run(
            FaultPlan.none()
                .withStorage(
                    FaultPlan.StorageFaults.NONE.withAlarmFaults(
                        Ratio.ALWAYS, Distribution.fixed(Duration.ofSeconds(5)), Ratio.NEVER)));

    assertThat(alarmsAtMillis).containsExactly(6_002L);
    assertThat(result.fullTrace())
        .anySatisfy(l -> assertThat(l).contains("\"family\":\"storage.alarm-delay\""));
  }

  @Test
  void anAlarmDeliveredTwiceRunsItsHandlerTwice() {
    SimulationResult result =
        run(
            FaultPlan.none()
                .withStorage(
                    FaultPlan.StorageFaults.NONE.withAlarmFaults(
                        Ratio.NEVER, Distribution.fixed(Duration.ZERO), Ratio.ALWAYS)));

    assertThat(alarmsAtMillis).hasSize(2);
    assertThat(result.fullTrace())
        .anySatisfy(l -> assertThat(l).contains("\"kind\":\"alarm.duplicate\""));
  }
}
