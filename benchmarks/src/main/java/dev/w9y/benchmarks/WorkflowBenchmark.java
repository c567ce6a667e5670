package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.workflow.WorkflowBinding;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;

/**
 * Workflow steps per second: a whole simulation in which the workload starts {@code instances}
 * workflow instances (one a virtual millisecond) whose {@code run()} makes {@code steps} {@code
 * step.do} calls each (a small computation returning an object: one durable checkpoint per step),
 * and then a second run in which a crash before every 10th checkpoint re-runs the instance from the
 * start (replayed steps counted apart). Reported per CPU second of the whole process and of the
 * simulation thread, beside wall time.
 *
 * <p>Run: {@code java -cp "$(cat /tmp/wf-bench.cp):benchmarks/target/classes"
 * dev.w9y.benchmarks.WorkflowBenchmark [rounds]}.
 */
public final class WorkflowBenchmark {
  private WorkflowBenchmark() {}

  static final String WORKER =
      """
      import { WorkflowEntrypoint } from "cloudflare:workers";
      export class Steps extends WorkflowEntrypoint {
        async run(event, step) {
          let total = 0;
          for (let i = 0; i < event.payload.steps; i++) {
            const r = await step.do("step " + i, async () => ({ i, square: i * i }));
            total += r.square;
          }
          return total;
        }
      }
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const instance = await env.WF.create({
            id: "w" + url.searchParams.get("i"), params: { steps: Number(url.searchParams.get("steps")) } });
          return new Response(instance.id);
        },
      };
      """;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + " of " + rounds);
      measure(200, 50);
    }
  }

  private static void measure(int instances, int steps) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("steps.js", WORKER))
                    .withPlatformBinding("WF", WorkflowBinding.of("steps", "Steps", null))
                    .asPublic())
            .build();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(instances / 1000 + 30))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < instances; i++) {
                        int index = i;
                        driver.after(
                            Duration.ofMillis(i),
                            () ->
                                driver.fetch(
                                    Request.get("http://api/?i=" + index + "&steps=" + steps)));
                      }
                    })
            .build();
    SimulationTiming.warmThenReport(
        "workflow steps (" + instances + " instances x " + steps + " step.do)",
        "steps",
        simulation,
        result -> instances * steps);
  }
}
