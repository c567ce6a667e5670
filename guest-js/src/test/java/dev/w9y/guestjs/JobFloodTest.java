package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/**
 * Every way guest code can queue more guest code — promise reactions, timers, stream pulls — runs
 * out of one budget per event, at the same point on every run, and the instance restarts.
 */
class JobFloodTest {
  // 5,000 entries into guest code per event (one per 100 statements): each flood is over in well
  // under a second.
  private static final long STATEMENTS = 500_000;
  private static final String BUDGET =
      "entered guest code more than 5000 times in one event (the statement budget's share for"
          + " promise reactions, microtasks, timer and stream callbacks";

  /** A service whose handler starts {@code flood}; {@code tick()} logs every 1,000th call. */
  private static JsWorld flood(String flood) {
    JsGuest guest =
        JsGuest.fromSource(
                "index.js",
                "let n = 0;\n"
                    + "function tick() { if (++n % 1000 === 0) console.log(`tick ${n}`); }\n"
                    + "export default {\n"
                    + "  fetch() {\n"
                    + flood
                    + "\n    return new Response(\"flooding\");\n"
                    + "  },\n"
                    + "};")
            .withStatementLimit(STATEMENTS);
    // The budget's error also rejects the flood's own promise chain: an unhandled rejection that
    // fails the seed by default; these tests look at how the flood ends.
    return JsWorld.tolerating(GuestErrorKind.UNHANDLED_REJECTION, GuestErrorKind.UNCAUGHT_EXCEPTION)
        .run(JsWorld.publicApi(guest), 1, Request.get("http://api/"));
  }

  /** Runs {@code flood} twice; both runs must end it the same way, at the same tick. */
  private static JsWorld floodTwice(String flood, int ticks) {
    JsWorld first = flood(flood);
    JsWorld second = flood(flood);

    assertThat(first.records("instance.crashed"))
        .as(first.result.summary())
        .singleElement()
        .asString()
        .contains(BUDGET);
    assertThat(first.records("console")).hasSize(ticks);
    assertThat(second.result.traceSha256()).isEqualTo(first.result.traceSha256());
    return first;
  }

  @Test
  void aPromiseChainThatNeverEndsRunsOutOfTheBudget() {
    JsWorld world =
        floodTwice(
            "Promise.resolve().then(function spin() { tick(); return Promise.resolve().then(spin); });",
            4);

    assertThat(world.outcomes)
        .as(world.result.summary())
        .singleElement()
        .asString()
        .startsWith("failed: connection reset");
  }

  @Test
  void queueMicrotaskAndAwaitLoopsRunOutOfTheBudget() {
    floodTwice("queueMicrotask(function spin() { tick(); queueMicrotask(spin); });", 4);
    // The first tick runs inside the handler's own entry, so this one gets one tick more.
    floodTwice("(async () => { for (;;) { tick(); await null; } })();", 5);
  }

  @Test
  void timersThatEachSetTwoMoreRunOutOfTheBudgetOfTheInstantTheyAreDue() {
    JsWorld world =
        floodTwice(
            "setTimeout(function spin() { tick(); setTimeout(spin, 0); setTimeout(spin, 0); }, 0);",
            13);

    // The response left before the timers ran; the timer that found the budget spent says so.
    assertThat(world.outcomes).containsExactly("200 flooding");
    assertThat(world.records("guest.error"))
        .singleElement()
        .asString()
        .contains("\"where\":\"timer callback\"")
        .contains("\"error\":\"Error: " + BUDGET);
  }

  @Test
  void aStreamWhosePullAlwaysEnqueuesRunsOutOfTheBudget() {
    floodTwice(
        "new ReadableStream({ pull(c) { tick(); c.enqueue(\"x\"); } }, { highWaterMark: Infinity });",
        4);
  }
}
