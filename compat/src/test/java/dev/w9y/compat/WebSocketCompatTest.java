package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/**
 * WebSockets in W9Y and in workerd: the bad-input errors, a conversation with an echo object, and a
 * chat room on the hibernation API (tags, attachments, auto-response, webSocketClose). Both ends
 * are inside the runtime (a Worker is the client), so the answers compare whole conversations.
 * workerd's WebSocket behaviour of compatibility date 2026-04-07 on (the close is answered
 * automatically) is what W9Y models, hence the flag.
 */
class WebSocketCompatTest {
  private static final Probe WEBSOCKETS =
      Probe.ofResource("websockets.js", "ECHO", "Echo", "ROOMS", "Room")
          .withCompatibilityFlags("web_socket_auto_reply_to_close");

  @Test
  void errorsEventsAndThePairMatchWorkerd() {
    Differential.run(WEBSOCKETS.gets("x", "errors")).assertSame();
  }

  @Test
  void anEchoConversationMatchesWorkerd() {
    Differential.run(WEBSOCKETS.gets("x", "echo")).assertSame();
  }

  @Test
  void aHibernatableChatRoomMatchesWorkerd() {
    Differential.run(WEBSOCKETS.gets("x", "room")).assertSame();
  }
}
