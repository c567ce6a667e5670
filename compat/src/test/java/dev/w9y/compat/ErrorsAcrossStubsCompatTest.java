package dev.w9y.compat;

import dev.w9y.core.GuestErrorKind;
import org.junit.jupiter.api.Test;

/** What the caller of a Durable Object sees when the object throws, in W9Y and in workerd. */
class ErrorsAcrossStubsCompatTest {
  private static final Probe ERRORS =
      Probe.ofResource("errors.js", "THROWER", "Thrower", "BAD", "BadConstructor");

  @Test
  void anExceptionInAnObjectsFetchRejectsTheCallersPromiseWithItsNameAndMessage() {
    Differential.run(
            ERRORS.gets(
                "fetch",
                "throwTypeError",
                "throwRangeError",
                "throwCustom",
                "rejectLater",
                "throwString",
                "returnString",
                "fine"))
        .assertSame();
  }

  @Test
  void anExceptionInAnObjectsConstructorRejectsEveryCallersPromise() {
    Differential.run(ERRORS.gets("ctor", "constructor", "constructor")).assertSame();
  }

  @Test
  void anObjectsExceptionTheWorkerDoesNotCatchIsA500ForTheClient() {
    Differential run =
        Differential.run(ERRORS.gets("u", "uncaught"), GuestErrorKind.UNCAUGHT_EXCEPTION);
    org.assertj.core.api.Assertions.assertThat(run.w9y(0).status()).isEqualTo(500);
    org.assertj.core.api.Assertions.assertThat(run.workerd(0).status()).isEqualTo(500);
  }
}
