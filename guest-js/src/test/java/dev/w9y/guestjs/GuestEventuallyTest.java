package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/** {@code assertEventually} from guest code joins the run's liveness phase. */
class GuestEventuallyTest {
  static final String QUEUE =
      """
      import { assertEventually } from "w9y";
      let backlog = 0;
      export default {
        fetch(request) {
          backlog += 1;
          assertEventually(backlog === 0, "the backlog drains");
          const drainAfter = new URL(request.url).searchParams.get("drain");
          if (drainAfter !== null) {
            setTimeout(() => {
              backlog = 0;
              assertEventually(true, "the backlog drains");
            }, Number(drainAfter));
          }
          return new Response(`queued ${backlog}`);
        },
      };
      """;

  @Test
  void aConditionThatBecomesTrueLetsTheRunPass() {
    JsWorld world = JsWorld.serve(QUEUE, Request.get("http://api/?drain=90000"));

    assertThat(world.outcomes).containsExactly("200 queued 1");
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.records("check.eventually")).hasSize(2);
    assertThat(world.records("phase.converged")).hasSize(1);
  }

  @Test
  void aConditionThatNeverBecomesTrueFailsTheRunByName() {
    JsWorld world = JsWorld.serve(QUEUE, Request.get("http://api/"));

    assertThat(world.result.passed()).isFalse();
    assertThat(world.result.failure().orElseThrow().getMessage())
        .contains("check 'the backlog drains' failed: did not hold within the liveness budget");
  }
}
