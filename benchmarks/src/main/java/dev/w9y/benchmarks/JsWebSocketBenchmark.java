package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadSocket;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket messages per second echoed by a durable object, with the object holding its ends in
 * memory ({@code accept()}) and on the hibernation API ({@code ctx.acceptWebSocket} and {@code
 * webSocketMessage}), each a whole simulation: ten workload sockets reach the object through a
 * Worker's {@code stub.fetch}, then the workload sends one message a virtual millisecond, round
 * robin, and each comes back. A figure counts echoed messages (two network messages each). Reported
 * per CPU second of the whole process and of the simulation thread, beside wall time.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests -Pbench
 * -Dbench.main=dev.w9y.benchmarks.JsWebSocketBenchmark -Djmh.args=}; the optional argument is the
 * number of rounds (default 3).
 */
public final class JsWebSocketBenchmark {
  private JsWebSocketBenchmark() {}

  static final String ECHO =
      """
      import { DurableObject } from "cloudflare:workers";
      export class Echo extends DurableObject {
        async fetch(request) {
          const [client, server] = Object.values(new WebSocketPair());
          if (new URL(request.url).pathname === "/hibernate") {
            this.ctx.acceptWebSocket(server);
          } else {
            server.accept();
            server.addEventListener("message", (event) => server.send(event.data));
          }
          return new Response(null, { status: 101, webSocket: client });
        }
        webSocketMessage(ws, message) { ws.send(message); }
      }
      export default {
        fetch: (request, env) => env.ECHO.getByName("echo").fetch(request),
      };
      """;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + " of " + rounds);
      measure("accept() + message listener", "/accept", 30_000);
      measure("ctx.acceptWebSocket() + webSocketMessage", "/hibernate", 30_000);
    }
  }

  private static void measure(String label, String path, int messages) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("echo.js", ECHO))
                    .withDurableObject("ECHO", "Echo")
                    .asPublic())
            .build();
    List<WorkloadSocket> sockets = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(messages / 1000 + 5))
            .workload(
                () ->
                    driver -> {
                      sockets.clear();
                      for (int s = 0; s < 10; s++) {
                        sockets.add(driver.webSocket(Request.get("http://api" + path)));
                      }
                      for (int i = 0; i < messages; i++) {
                        int index = i;
                        driver.after(
                            Duration.ofMillis(100 + i),
                            () -> sockets.get(index % 10).send("message " + index));
                      }
                    })
            .build();
    SimulationTiming.warmThenReport(
        label,
        "messages echoed",
        simulation,
        result -> {
          int echoed = 0;
          for (WorkloadSocket socket : sockets) {
            echoed += socket.messages().size();
          }
          if (echoed != messages) {
            throw new IllegalStateException(label + ": " + echoed + " of " + messages + " echoed");
          }
          return echoed;
        });
  }
}
