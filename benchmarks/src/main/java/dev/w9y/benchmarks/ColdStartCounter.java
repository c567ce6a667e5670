package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.http.Request;
import java.io.IOException;
import java.time.Duration;

/**
 * A cold start for {@link WorkerdSideBySide}: one process that runs the durable-object counter for
 * one request, prints {@code {"first": "<body>"}} as soon as the answer arrives, and exits once its
 * stdin closes (so the caller can read this process's CPU time from /proc first).
 */
public final class ColdStartCounter {
  private ColdStartCounter() {}

  public static void main(String[] args) throws IOException {
    Simulation.builder(WorkerdSideBySide.counterTopology())
        .seed(1)
        .safetyPhase(Duration.ofSeconds(1))
        .workload(
            () ->
                driver ->
                    driver
                        .fetch(Request.get("http://api/?c=a&n=1"))
                        .onSuccess(
                            response -> {
                              System.out.println("{\"first\": \"" + response.body().text() + "\"}");
                              System.out.flush();
                            }))
        .build()
        .run()
        .orThrow();
    while (System.in.read() >= 0) {
      // wait for the caller to close stdin
    }
  }
}
