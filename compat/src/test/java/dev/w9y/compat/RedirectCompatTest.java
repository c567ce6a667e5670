package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/** Redirect modes of incoming and forwarded requests, in W9Y and in workerd. */
class RedirectCompatTest {
  private static final Probe REDIRECTS =
      Probe.ofResource("redirects.js", "REDIRECTOR", "Redirector");

  @Test
  void anIncomingRequestHasRedirectManualSoForwardingItReturnsTheRedirect() {
    Differential.run(
            REDIRECTS.gets(
                "r",
                "incoming",
                "forwardIncoming",
                "seenByObject",
                "newRequestManual",
                "clonedRequest",
                "redirect"))
        .assertSame();
  }
}
