package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/**
 * {@code new WebSocket(url, protocols)}: a Worker dials another service of the topology through the
 * simulated network (a fetch with Upgrade: websocket), gets "open" with the subprotocol the server
 * chose, and talks to it; the constructor's URL and subprotocol checks; a dial that is not answered
 * with a WebSocket fails with "error" and a 1006 "close".
 */
class JsWebSocketClientTest {
  private static final String FRONT =
      """
      export default {
        async fetch(request) {
          const op = new URL(request.url).pathname;
          if (op === "/errors") {
            const out = [];
            for (const args of [["ftp://back/"], ["ws://back/#f"], ["ws://back/", ["a", "a"]],
                                ["ws://back/", "a b"], ["not a url"]]) {
              try { new WebSocket(...args); out.push("accepted"); } catch (e) { out.push(`${e.name}: ${e.message}`); }
            }
            return new Response(out.join("\\n"));
          }
          const ws = new WebSocket(op === "/refused" ? "ws://back/plain" : "ws://back/chat", ["v2", "v1"]);
          const events = [`state ${ws.readyState} ${ws.url}`];
          try { ws.send("too early"); } catch (e) { events.push(`${e.name}: ${e.message}`); }
          return new Promise((resolve) => {
            ws.addEventListener("open", () => { events.push(`open ${ws.readyState} ${ws.protocol}`); ws.send("hello"); });
            ws.addEventListener("message", (m) => { events.push(`message ${m.data}`); ws.close(1000, "bye"); });
            ws.addEventListener("error", () => events.push("error"));
            ws.addEventListener("close", (c) => {
              events.push(`close ${c.code} ${c.wasClean} ${ws.readyState}`);
              resolve(new Response(events.join("\\n")));
            });
          });
        },
      };
      """;

  private static final String BACK =
      """
      export default {
        fetch(request) {
          if (new URL(request.url).pathname === "/plain") return new Response("no socket here");
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          const offered = request.headers.get("Sec-WebSocket-Protocol");
          server.addEventListener("message", (m) => server.send(`echo ${m.data} (offered ${offered})`));
          return new Response(null, { status: 101, webSocket: client, headers: { "Sec-WebSocket-Protocol": "v1" } });
        },
      };
      """;

  @Test
  void aWorkerDialsAnotherServiceGetsOpenWithTheChosenSubprotocolAndTalksToIt() {
    JsWorld world =
        JsWorld.run(JsWorld.frontAndBack(FRONT, BACK), 1, Request.get("http://front/chat"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 state 0 ws://back/chat\n"
                + "InvalidStateError: Failed to execute 'send' on 'WebSocket': Still in CONNECTING"
                + " state.\n"
                + "open 1 v1\n"
                + "message echo hello (offered v2, v1)\n"
                + "close 1000 true 3");
  }

  @Test
  void aDialNotAnsweredWithAWebSocketFailsWithErrorAndAbnormalClose() {
    JsWorld world =
        JsWorld.run(JsWorld.frontAndBack(FRONT, BACK), 1, Request.get("http://front/refused"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 state 0 ws://back/plain\n"
                + "InvalidStateError: Failed to execute 'send' on 'WebSocket': Still in CONNECTING"
                + " state.\n"
                + "error\n"
                + "close 1006 false 3");
  }

  @Test
  void theConstructorChecksTheUrlAndSubprotocolsAsTheWhatwgStandardSays() {
    JsWorld world =
        JsWorld.run(JsWorld.frontAndBack(FRONT, BACK), 1, Request.get("http://front/errors"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 SyntaxError: Failed to construct 'WebSocket': The URL's scheme must be either"
                + " 'http', 'https', 'ws', or 'wss'. 'ftp' is not allowed.\n"
                + "SyntaxError: Failed to construct 'WebSocket': The URL contains a fragment"
                + " identifier ('#f'). Fragment identifiers are not allowed in WebSocket URLs.\n"
                + "SyntaxError: Failed to construct 'WebSocket': The subprotocol 'a' is"
                + " duplicated.\n"
                + "SyntaxError: Failed to construct 'WebSocket': The subprotocol 'a b' is"
                + " invalid.\n"
                + "SyntaxError: Failed to construct 'WebSocket': The URL 'not a url' is invalid.");
  }
}
