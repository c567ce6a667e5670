package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/**
 * nodejs_compat: node:buffer, events, assert, util, async_hooks, crypto, path and process answer
 * the same in W9Y as in workerd (docs/JS-GUESTS.md lists what is provided).
 */
class NodeCompatCompatTest {
  private static final Probe NODE =
      Probe.ofResource("node-compat.js")
          .withService("BACK", "back", "node-back.js")
          .withCompatibilityFlags("nodejs_compat");

  private static Probe.Step get(String path) {
    return Probe.Step.get("http://api/" + path);
  }

  @Test
  void bufferEventsAndPathAnswerAsInWorkerd() {
    Differential.run(
            NODE.with(java.util.List.of(get("buffer"), get("events"), get("path"), get("process"))))
        .assertSame();
  }

  @Test
  void assertAndUtilWordTheirMessagesAsWorkerd() {
    Differential.run(NODE.with(java.util.List.of(get("assert"), get("util")))).assertSame();
  }

  @Test
  void globalAndSetImmediateAreGlobalsAsInWorkerd() {
    Differential.run(NODE.with(java.util.List.of(get("immediate")))).assertSame();
  }

  @Test
  void cryptoHashesAsWorkerd() {
    Differential.run(NODE.with(java.util.List.of(get("crypto")))).assertSame();
  }

  @Test
  void asyncLocalStorageFollowsAwaitTimersAndFetchAsInWorkerd() {
    Differential.run(NODE.with(java.util.List.of(get("als?id=1"), get("als?id=2")))).assertSame();
  }
}
