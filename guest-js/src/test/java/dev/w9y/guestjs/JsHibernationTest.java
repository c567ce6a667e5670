package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.WorkloadSocket;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The WebSocket hibernation API of durable objects: evict, revive, tags, attachments. */
class JsHibernationTest {
  static final String ROOM =
      """
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        constructor(ctx, env) {
          super(ctx, env);
          console.log("constructed with " + ctx.getWebSockets().length + " sockets");
        }
        async fetch(request) {
          const name = new URL(request.url).searchParams.get("name");
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server, [name, "all"]);
          server.serializeAttachment({ name, joined: Date.now() });
          this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
          return new Response(null, { status: 101, webSocket: client });
        }
        webSocketMessage(ws, message) {
          const { name } = ws.deserializeAttachment();
          if (message === "who") {
            ws.send(JSON.stringify(this.ctx.getWebSockets().map((s) => s.deserializeAttachment().name)));
          } else if (message === "tags") {
            ws.send(JSON.stringify(this.ctx.getTags(ws)));
          } else if (message === "pinged") {
            const at = this.ctx.getWebSocketAutoResponseTimestamp(ws);
            ws.send(at === null ? "never" : "pinged at " + at.toISOString());
          } else if (message === "auto") {
            const pair = this.ctx.getWebSocketAutoResponse();
            ws.send(pair.request + "->" + pair.response);
          } else {
            for (const s of this.ctx.getWebSockets("all")) s.send(name + ": " + message);
          }
        }
        webSocketClose(ws, code, reason, wasClean) {
          console.log("close " + ws.deserializeAttachment().name + " " + code + " " + wasClean + " " + ws.readyState);
          // workerd does not answer a hibernatable socket's close by itself.
          if (code !== 1006) ws.close(code, "bye back");
        }
      }
      export default { fetch: (request, env) => env.ROOMS.getByName("lobby").fetch(request) };
      """;

  static Topology room() {
    return Topology.builder()
        .service(
            ServiceSpec.of("chat", JsGuest.fromSource("chat.js", ROOM))
                .withDurableObject("ROOMS", "Room")
                .asPublic())
        .build();
  }

  /** Runs the room with ann and bob joined at 0 s; {@code script} adds what happens later. */
  static JsWorld run(long seed, BiConsumer<WorkloadDriver, List<WorkloadSocket>> script) {
    List<WorkloadSocket> sockets = new ArrayList<>();
    JsWorld world =
        JsWorld.run(
            room(),
            seed,
            driver -> {
              sockets.add(driver.webSocket(Request.get("http://chat/?name=ann")));
              sockets.add(driver.webSocket(Request.get("http://chat/?name=bob")));
              script.accept(driver, sockets);
            },
            new ArrayList<>());
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    world.sockets.addAll(sockets);
    return world;
  }

  static void at(WorkloadDriver driver, int seconds, Runnable action) {
    driver.after(Duration.ofSeconds(seconds), action);
  }

  @Test
  void anIdleObjectHibernatesAndTheNextMessageRevivesItWithItsSocketsAndAttachments() {
    JsWorld world =
        run(
            1,
            (driver, sockets) -> {
              at(driver, 1, () -> sockets.get(0).send("hello"));
              at(driver, 30, () -> sockets.get(1).send("who"));
              at(driver, 31, () -> sockets.get(1).send("tags"));
            });
    WorkloadSocket ann = world.sockets.get(0);
    WorkloadSocket bob = world.sockets.get(1);
    assertThat(ann.messages()).containsExactly("ann: hello");
    assertThat(bob.messages())
        .containsExactly("ann: hello", "[\"bob\",\"ann\"]", "[\"bob\",\"all\"]");
    // Idle for 10 s after the last event (1 s): evicted at 11 s; "who" woke it at 30 s (its
    // constructor ran again), and it slept again 10 s after "tags".
    List<String> hibernated = world.records("object.hibernated");
    assertThat(hibernated).hasSize(2);
    assertThat(hibernated.get(0)).contains("\"t\":11");
    assertThat(hibernated.get(1)).contains("\"t\":41");
    assertThat(world.records("object.started")).hasSize(2);
    assertThat(world.records("console")).anyMatch(r -> r.contains("constructed with 2 sockets"));
    assertThat(ann.isOpen()).isTrue();
    assertThat(bob.isOpen()).isTrue();
  }

  @Test
  void theAutoResponseAnswersWithoutWakingTheObject() {
    JsWorld world =
        run(
            2,
            (driver, sockets) -> {
              at(driver, 30, () -> sockets.get(0).send("ping"));
              at(driver, 31, () -> driver.note("started so far: ping answered"));
              at(driver, 32, () -> sockets.get(0).send("pinged"));
              at(driver, 33, () -> sockets.get(0).send("auto"));
            });
    WorkloadSocket ann = world.sockets.get(0);
    assertThat(ann.messages()).hasSize(3);
    assertThat(ann.messages().get(0)).isEqualTo("pong");
    assertThat(ann.messages().get(1)).startsWith("pinged at 2026-01-01T00:00:30.");
    assertThat(ann.messages().get(2)).isEqualTo("ping->pong");
    assertThat(world.records("ws.auto-response")).hasSize(1);
    // Woken once only, by "pinged" at 32 s (the first start is the join at 0 s).
    List<String> started = world.records("object.started");
    assertThat(started).hasSize(2);
    assertThat(started.get(1)).contains("\"t\":32");
  }

  @Test
  void closingAHibernatedSocketWakesTheObjectsCloseHandler() {
    JsWorld world =
        run(3, (driver, sockets) -> at(driver, 30, () -> sockets.get(1).close(1000, "bye")));
    assertThat(world.sockets.get(1).closeCode()).isEqualTo(1000);
    assertThat(world.sockets.get(1).closeReason()).isEqualTo("bye back");
    assertThat(world.sockets.get(1).wasClean()).isTrue();
    assertThat(world.sockets.get(0).isOpen()).isTrue();
    // The handler ran in the revived object, with the socket CLOSING until it answered.
    assertThat(world.records("console")).anyMatch(r -> r.contains("close bob 1000 true 2"));
  }

  @Test
  void aForcedEvictionKeepsTheSocketsButACrashClosesThem() {
    JsWorld world =
        run(
            4,
            (driver, sockets) -> {
              at(driver, 1, () -> sockets.get(0).send("hello"));
              at(
                  driver,
                  2,
                  () -> driver.world().evictObject(driver.world().objects().get(0), "test"));
              at(driver, 3, () -> sockets.get(1).send("who"));
              at(
                  driver,
                  4,
                  () -> driver.world().crashObject("chat", "ROOMS", "lobby", "test crash"));
            });
    WorkloadSocket bob = world.sockets.get(1);
    assertThat(bob.messages()).containsExactly("ann: hello", "[\"bob\",\"ann\"]");
    assertThat(bob.closeCode()).isEqualTo(1006);
    assertThat(world.sockets.get(0).closeCode()).isEqualTo(1006);
  }

  @Test
  void theSameSeedGivesTheSameTraceTwice() {
    BiConsumer<WorkloadDriver, List<WorkloadSocket>> script =
        (driver, sockets) -> {
          at(driver, 1, () -> sockets.get(0).send("hello"));
          at(driver, 25, () -> sockets.get(1).send("who"));
          at(driver, 26, () -> sockets.get(0).send("ping"));
          at(driver, 50, () -> sockets.get(0).close(1000, "done"));
        };
    JsWorld first = run(8, script);
    JsWorld second = run(8, script);
    assertThat(first.records("object.hibernated")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
  }
}
