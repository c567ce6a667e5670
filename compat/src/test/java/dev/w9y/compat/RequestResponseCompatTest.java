package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests, responses, headers and globals as a Worker sees them, in W9Y and in workerd. */
class RequestResponseCompatTest {
  private static final Probe REQUESTS = Probe.ofResource("requests.js", "ECHO", "Echo");

  @Test
  void anIncomingRequestsMethodUrlHeadersAndBodyAreSeenAsInWorkerd() {
    Differential.run(
            REQUESTS.with(
                List.of(
                    Probe.Step.get("http://api/incoming?q=1&q=2#frag")
                        .withHeader("X-Probe", "Value With Case"),
                    Probe.Step.get("http://api/incoming")
                        .withMethod("POST", "posted body")
                        .withHeader("x-multi", "a, b"),
                    Probe.Step.get("http://api/toObject?z=%20")
                        .withMethod("PUT", "to the object")
                        .withHeader("X-Probe", "forwarded"))))
        .assertSame();
  }

  @Test
  void headersResponsesAndMethodsBehaveAsInWorkerd() {
    Differential.run(REQUESTS.gets("h", "headers", "responses", "methods", "status")).assertSame();
  }

  @Test
  void theGlobalScopeOffersWhatWorkerdOffers() {
    Differential.run(REQUESTS.gets("g", "globals")).assertSame();
  }

  /**
   * Documented differences (docs/JS-GUESTS.md): globals workerd has that W9Y removes on purpose for
   * determinism (WeakRef, FinalizationRegistry). SharedArrayBuffer and Atomics are in both: with
   * one thread they are deterministic (WebApiCompatTest compares what they do).
   */
  @Test
  void globalsW9yRemovesForDeterminismAreListedAndStillMissing() {
    Differential run = Differential.run(REQUESTS.gets("missing", "missingGlobals"));
    assertThat(run.workerd(0).body())
        .isEqualTo(
            "[[\"SharedArrayBuffer\",\"function\"],"
                + "[\"Atomics\",\"object\"],[\"WeakRef\",\"function\"],"
                + "[\"FinalizationRegistry\",\"function\"]]");
    assertThat(run.w9y(0).body())
        .isEqualTo(
            "[[\"SharedArrayBuffer\",\"function\"],"
                + "[\"Atomics\",\"object\"],[\"WeakRef\",\"undefined\"],"
                + "[\"FinalizationRegistry\",\"undefined\"]]");
  }

  /**
   * An incoming request has a {@code cf} object in both (Miniflare's placeholders; CfCompatTest
   * compares its keys and values); a request made in the Worker and sent to a Durable Object has
   * none in either.
   */
  @Test
  void anIncomingRequestHasACfObjectAndANewRequestHasNone() {
    Differential run = Differential.run(REQUESTS.gets("cf", "cf"));
    run.assertSame();
    assertThat(run.w9y(0).body())
        .isEqualTo("{\"incoming\":\"object\",\"newRequestInObject\":\"undefined\"}");
  }
}
