package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadSocket;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebSockets between the workload, Workers and durable objects, as workerd has them. */
class JsWebSocketTest {
  /** An echo Worker: each message comes back prefixed; "bye" closes from the server side. */
  static final String ECHO =
      """
      export default {
        async fetch(request) {
          if (request.headers.get("Upgrade") !== "websocket") {
            return new Response("expected a websocket", { status: 426 });
          }
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          server.addEventListener("message", (event) => {
            if (event.data === "bye") server.close(1000, "see you");
            else server.send("echo:" + event.data);
          });
          server.send("hello");
          return new Response(null, { status: 101, webSocket: client });
        },
      };
      """;

  static Topology echo() {
    return Topology.builder()
        .service(ServiceSpec.of("echo", JsGuest.fromSource("echo.js", ECHO)).asPublic())
        .build();
  }

  @Test
  void anEchoWorkerAnswersEveryMessageInOrderAndClosesCleanly() {
    List<WorkloadSocket> sockets = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    JsWorld world =
        JsWorld.run(
            echo(),
            7,
            driver -> {
              WorkloadSocket socket = driver.webSocket(Request.get("http://echo/"));
              sockets.add(socket);
              for (int i = 0; i < 20; i++) {
                socket.send("m" + i);
              }
              driver.after(Duration.ofSeconds(1), () -> socket.send("bye"));
            },
            outcomes);
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    WorkloadSocket socket = sockets.get(0);
    List<String> expected = new ArrayList<>(List.of("hello"));
    for (int i = 0; i < 20; i++) {
      expected.add("echo:m" + i);
    }
    assertThat(socket.messages()).containsExactlyElementsOf(expected);
    assertThat(socket.isClosed()).isTrue();
    assertThat(socket.closeCode()).isEqualTo(1000);
    assertThat(socket.closeReason()).isEqualTo("see you");
    assertThat(socket.wasClean()).isTrue();
    assertThat(world.records("ws.open")).hasSize(1);
    assertThat(world.records("ws.message"))
        .anyMatch(r -> r.contains("\"text\":\"echo:m3\"") && r.contains("\"size\":7"));
  }
}
