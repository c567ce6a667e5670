package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/** Production's subrequest depth limit reaches JavaScript as workerd's Error. */
class SubrequestLimitTest {
  private static final String RECURSING =
      """
      export default {
        async fetch(request, env) {
          try {
            const hops = Number(new URL(request.url).searchParams.get("hops") ?? 0);
            const inner = await env.SELF.fetch("http://self/?hops=" + (hops + 1));
            return new Response(await inner.text());
          } catch (e) {
            return new Response(`${e.constructor.name} ${e.name}: ${e.message} after ${new URL(request.url).search}`);
          }
        },
      };
      """;

  @Test
  void aWorkerCallingItselfIsRefusedAtTheSixteenthLevelWithWorkerdsError() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("self", JsGuest.fromSource("self.js", RECURSING))
                    .withBinding("SELF", "self")
                    .asPublic())
            .build();

    JsWorld world = JsWorld.run(topology, 1, Request.get("http://self/"));

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.outcomes)
        .containsExactly(
            "200 Error Error: Subrequest depth limit exceeded. This request recursed through"
                + " Workers too many times. This can happen e.g. if you have a Worker or Durable"
                + " Object that calls other Workers or objects recursively. after ?hops=15");
  }
}
