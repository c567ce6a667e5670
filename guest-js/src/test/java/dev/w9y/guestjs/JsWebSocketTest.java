package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.WorkloadSocket;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.network.RequestFate;
import dev.w9y.core.network.ResponseFate;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.Distribution;
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

  /** A chat room in a durable object, reached through a Worker's stub.fetch (workerd's pattern). */
  static final String CHAT =
      """
      export class Room {
        constructor(state) { this.sessions = []; }
        async fetch(request) {
          const name = new URL(request.url).searchParams.get("name");
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          this.sessions.push(server);
          server.addEventListener("message", (event) => {
            for (const session of this.sessions) session.send(name + ": " + event.data);
          });
          server.addEventListener("close", (event) => {
            this.sessions = this.sessions.filter((s) => s !== server);
            console.log("closed " + name + " " + event.code + " " + event.wasClean);
          });
          return new Response(null, { status: 101, webSocket: client });
        }
      }
      export default {
        fetch(request, env) { return env.ROOMS.getByName("lobby").fetch(request); },
      };
      """;

  static Topology chat() {
    return Topology.builder()
        .latency(Distribution.uniform(Duration.ofMillis(1), Duration.ofMillis(40)))
        .service(
            ServiceSpec.of("chat", JsGuest.fromSource("chat.js", CHAT))
                .withDurableObject("ROOMS", "Room")
                .asPublic())
        .build();
  }

  /** Three clients join at once and then each says three things. */
  static void chatWorkload(WorkloadDriver driver, List<WorkloadSocket> sockets) {
    for (String name : List.of("ann", "bob", "cy")) {
      sockets.add(driver.webSocket(Request.get("http://chat/join?name=" + name)));
    }
    driver.after(
        Duration.ofSeconds(1),
        () -> {
          for (int i = 0; i < 3; i++) {
            for (WorkloadSocket socket : sockets) {
              socket.send("line" + i);
            }
          }
        });
  }

  @Test
  void aChatRoomInADurableObjectBroadcastsToEveryClientInTheOrderEachSent() {
    List<WorkloadSocket> sockets = new ArrayList<>();
    JsWorld world =
        JsWorld.run(chat(), 3, driver -> chatWorkload(driver, sockets), new ArrayList<>());
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    for (WorkloadSocket socket : sockets) {
      assertThat(socket.messages()).hasSize(9);
      for (String name : List.of("ann", "bob", "cy")) {
        // Per sender, the lines arrive in the order sent, whatever the random latencies.
        assertThat(socket.messages().stream().filter(m -> m.startsWith(name + ":")))
            .containsExactly(name + ": line0", name + ": line1", name + ": line2");
      }
    }
    // All clients see the room's one order: the object broadcast each message to all at once.
    assertThat(sockets.get(1).messages()).isEqualTo(sockets.get(0).messages());
    assertThat(sockets.get(2).messages()).isEqualTo(sockets.get(0).messages());
  }

  @Test
  void messagesKeepTheirOrderUnderRandomLatencyAndShuffledSameTimeEvents() {
    List<WorkloadSocket> sockets = new ArrayList<>();
    Topology topology =
        Topology.builder()
            .latency(Distribution.uniform(Duration.ZERO, Duration.ofMillis(100)))
            .service(ServiceSpec.of("echo", JsGuest.fromSource("echo.js", ECHO)).asPublic())
            .build();
    SimulationResult result =
        Simulation.builder(topology)
            .seed(5)
            .shuffleSameTimeEvents(true)
            .workload(
                () ->
                    driver -> {
                      WorkloadSocket socket = driver.webSocket(Request.get("http://echo/"));
                      sockets.add(socket);
                      for (int i = 0; i < 200; i++) {
                        socket.send("m" + i);
                      }
                    })
            .safetyPhase(Duration.ofMinutes(1))
            .build()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    List<String> expected = new ArrayList<>(List.of("hello"));
    for (int i = 0; i < 200; i++) {
      expected.add("echo:m" + i);
    }
    assertThat(sockets.get(0).messages()).containsExactlyElementsOf(expected);
  }

  /** A Worker that is a WebSocket client of the echo service, over a service binding. */
  static final String CLIENT =
      """
      export default {
        async fetch(request, env) {
          const response = await env.ECHO.fetch("http://echo/", { headers: { Upgrade: "websocket" } });
          const ws = response.webSocket;
          if (ws === null) return new Response("no websocket: " + response.status);
          const got = [];
          const done = new Promise((resolve) => {
            ws.addEventListener("message", (event) => {
              got.push(event.data);
              if (got.length === 4) ws.close(1000, "enough");
            });
            ws.addEventListener("close", (event) => resolve([event.code, event.reason, event.wasClean, ws.readyState]));
          });
          ws.accept();
          ws.send("a"); ws.send(new TextEncoder().encode("b")); ws.send("c");
          const closed = await done;
          return Response.json({ status: response.status, got, closed });
        },
      };
      """;

  @Test
  void aWorkerOpensAWebSocketToAnotherServiceAndAcceptsIt() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("client", JsGuest.fromSource("client.js", CLIENT))
                    .withBinding("ECHO", "echo")
                    .asPublic())
            .service(ServiceSpec.of("echo", JsGuest.fromSource("echo.js", ECHO)))
            .build();
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://client/"));
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    // A binary message arrives as a Blob (workerd's binaryType since 2026-03-17), which the echo's
    // string concatenation shows.
    assertThat(world.outcomes)
        .containsExactly(
            "200 {\"status\":101,\"got\":[\"hello\",\"echo:a\",\"echo:[object Blob]\","
                + "\"echo:c\"],\"closed\":[1000,\"enough\",true,3]}");
  }

  @Test
  void aCrashedDurableObjectClosesItsClientsWith1006() {
    List<WorkloadSocket> sockets = new ArrayList<>();
    JsWorld world =
        JsWorld.run(
            chat(),
            3,
            driver -> {
              chatWorkload(driver, sockets);
              driver.after(
                  Duration.ofSeconds(2),
                  () -> driver.world().crashObject("chat", "ROOMS", "lobby", "test crash"));
            },
            new ArrayList<>());
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    for (WorkloadSocket socket : sockets) {
      assertThat(socket.messages()).hasSize(9);
      assertThat(socket.closeCode()).isEqualTo(1006);
      assertThat(socket.wasClean()).isFalse();
    }
    assertThat(world.records("ws.broken")).hasSize(3);
  }

  @Test
  void aPartitionBreaksTheConnectionAndBothEndsGet1006() {
    List<WorkloadSocket> sockets = new ArrayList<>();
    List<Long> partitionFrom = new ArrayList<>(List.of(Long.MAX_VALUE));
    SimulationResult result =
        Simulation.builder(chat())
            .seed(9)
            .networkHooks(
                context ->
                    new NetworkHooks() {
                      @Override
                      public RequestFate onRequest(Message message) {
                        // From second 2 on, the workload's link to the chat service is cut.
                        boolean cut =
                            context.nowNanos() >= partitionFrom.get(0)
                                && message.from().equals("workload");
                        return cut ? new RequestFate.Drop("test partition") : RequestFate.DELIVER;
                      }
                    })
            .workload(
                () ->
                    driver -> {
                      chatWorkload(driver, sockets);
                      driver.after(
                          Duration.ofSeconds(2),
                          () -> {
                            partitionFrom.set(0, driver.nowNanos());
                            sockets.get(0).send("into the void");
                          });
                    })
            .safetyPhase(Duration.ofMinutes(1))
            .build()
            .retainingTrace()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(sockets.get(0).closeCode()).isEqualTo(1006);
    assertThat(sockets.get(1).isOpen()).isTrue();
    // The room saw its end of ann's connection close abnormally, and forgot her.
    assertThat(result.fullTrace()).anyMatch(line -> line.contains("closed ann 1006 false"));
    assertThat(result.fullTrace())
        .anyMatch(line -> line.contains("ws.broken") && line.contains("test partition"));
  }

  @Test
  void theSameSeedGivesTheSameTraceTwice() {
    List<String> hashes = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<WorkloadSocket> sockets = new ArrayList<>();
      JsWorld world =
          JsWorld.run(
              chat(),
              21,
              driver -> {
                chatWorkload(driver, sockets);
                driver.after(Duration.ofSeconds(3), () -> sockets.get(1).close(1000, "bye"));
              },
              new ArrayList<>());
      assertThat(world.result.passed()).as(world.result.summary()).isTrue();
      assertThat(world.records("ws.message")).hasSizeGreaterThan(27);
      hashes.add(world.result.traceSha256());
    }
    assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
  }

  @Test
  void aLost101ResponseClosesTheServerEndWith1006() {
    String server =
        """
        export default {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("close", (e) => console.log("server end closed " + e.code + " " + e.reason));
            return new Response(null, { status: 101, webSocket: client });
          },
        };
        """;
    List<WorkloadSocket> sockets = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(JsWorld.publicApi(JsGuest.fromSource("index.js", server)))
            .seed(2)
            .networkHooks(
                context ->
                    new NetworkHooks() {
                      @Override
                      public ResponseFate onResponse(Message message, Response response) {
                        return new ResponseFate.Lose("test: lost");
                      }
                    })
            .workload(() -> driver -> sockets.add(driver.webSocket(Request.get("http://api/"))))
            .safetyPhase(Duration.ofSeconds(30))
            .build()
            .retainingTrace()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(sockets.get(0).closeCode()).isEqualTo(1006);
    assertThat(sockets.get(0).failure()).contains("connection lost after the server acted");
    assertThat(result.fullTrace())
        .anyMatch(
            line ->
                line.contains(
                    "server end closed 1006 WebSocket disconnected without sending Close frame."));
  }

  @Test
  void badInputGetsWorkerdsErrors() {
    // Each expected text is what workerd (Miniflare 4.20260426.0) answers; WebSocketCompatTest
    // compares the whole set against workerd itself.
    String source =
        """
        export default {
          async fetch() {
            const out = [];
            const attempt = (fn) => { try { out.push(String(fn())); } catch (e) { out.push(e.name + ": " + e.message); } };
            const [c, s] = Object.values(new WebSocketPair());
            attempt(() => s.send("x"));
            attempt(() => { s.accept(); s.accept(); return "accepted twice"; });
            attempt(() => s.close(1006));
            attempt(() => { s.close(1000); return s.readyState; });
            attempt(() => s.send("y"));
            attempt(() => new Response(null, { status: 101 }));
            attempt(() => new Response(null, { status: 200, webSocket: c }));
            const forged = new Response("x", { headers: { "W9Y-WebSocket": "ws1" } });
            console.log(JSON.stringify(out));
            return forged;
          },
        };
        """;
    JsWorld world = JsWorld.serve(source, Request.get("http://api/"));
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.records("console")).hasSize(1);
    String logged =
        TraceReader.parse(world.result.fullTrace(), "t").records().stream()
            .filter(r -> r.path("kind").asString("").equals("console"))
            .findFirst()
            .orElseThrow()
            .path("text")
            .asString("");
    assertThat(logged)
        .isEqualTo(
            "[\"TypeError: You must call one of accept() or state.acceptWebSocket() on this"
                + " WebSocket before sending messages.\",\"accepted twice\","
                + "\"InvalidAccessError: Invalid WebSocket close code: 1006.\",\"2\","
                + "\"TypeError: Can't call WebSocket send() after close().\","
                + "\"RangeError: Responses may only be constructed with status codes in the range"
                + " 200 to 599, inclusive.\","
                + "\"RangeError: Responses with a WebSocket must have status code 101.\"]");
    assertThat(world.records("response.sent").get(0)).doesNotContain("w9y-websocket");
  }

  @Test
  void aDurableObjectsInputGateDoesNotReorderMessagesOfOneConnection() {
    // Each message's handler awaits a storage read, so the input gate holds later messages and
    // releases held deliveries in a seeded order; the messages must still arrive in order.
    String source =
        """
        export class Log {
          constructor(state) { this.state = state; this.seen = []; }
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("message", async (event) => {
              if (event.data === "done") { server.send(JSON.stringify(this.seen)); return; }
              this.seen.push(Number(event.data));
              const count = (await this.state.storage.get("count")) ?? 0; // closes the gate
              await this.state.storage.put("count", count + 1);
            });
            return new Response(null, { status: 101, webSocket: client });
          }
        }
        export default { fetch: (request, env) => env.LOG.getByName("log").fetch(request) };
        """;
    Topology topology =
        Topology.builder()
            .latency(Distribution.uniform(Duration.ZERO, Duration.ofMillis(5)))
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("log.js", source))
                    .withDurableObject("LOG", "Log")
                    .asPublic())
            .build();
    for (long seed = 1; seed <= 3; seed++) {
      List<WorkloadSocket> sockets = new ArrayList<>();
      JsWorld world =
          JsWorld.run(
              topology,
              seed,
              driver -> {
                WorkloadSocket socket = driver.webSocket(Request.get("http://api/"));
                sockets.add(socket);
                for (int i = 0; i < 40; i++) {
                  socket.send(Integer.toString(i));
                }
                driver.after(Duration.ofSeconds(2), () -> socket.send("done"));
              },
              new ArrayList<>());
      assertThat(world.result.passed()).as(world.result.summary()).isTrue();
      assertThat(world.records("gate.input-held")).isNotEmpty();
      StringBuilder expected = new StringBuilder("[");
      for (int i = 0; i < 40; i++) {
        expected.append(i == 0 ? "" : ",").append(i);
      }
      assertThat(sockets.get(0).messages()).containsExactly(expected.append("]").toString());
    }
  }
}
