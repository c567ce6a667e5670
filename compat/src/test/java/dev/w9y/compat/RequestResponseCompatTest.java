package dev.w9y.compat;

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
}
