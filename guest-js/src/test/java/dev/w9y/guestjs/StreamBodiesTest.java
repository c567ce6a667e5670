package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/** Bodies that are ReadableStreams, across the simulated network. */
class StreamBodiesTest {
  private static final String FRONT =
      """
      const encoder = new TextEncoder();
      export default {
        async fetch(request, env, ctx) {
          const path = new URL(request.url).pathname;
          if (path === "/proxy") { // the Worker proxy idiom: same body, changed headers
            const upstream = await env.BACK.fetch("http://back/data");
            const response = new Response(upstream.body, upstream);
            response.headers.set("x-proxied", "yes");
            return response;
          }
          if (path === "/upload") { // a request whose body is a stream
            const body = ReadableStream.from([encoder.encode("part1,"), encoder.encode("part2")]);
            const echoed = await env.BACK.fetch("http://back/echo", { method: "POST", body });
            return new Response(`${echoed.headers.get("x-up")} ${await echoed.text()}`);
          }
          if (path === "/ticks") { // a response streamed on virtual time: it leaves when it closes
            let n = 0;
            let start;
            return new Response(new ReadableStream({
              start() { start = Date.now(); },
              async pull(controller) {
                await new Promise((resolve) => setTimeout(resolve, 100));
                n++;
                controller.enqueue(encoder.encode(`tick${n}@${Date.now() - start};`));
                if (n === 3) controller.close();
              },
            }));
          }
          if (path === "/transform") { // the Workers idiom: write the body after returning
            const { readable, writable } = new TransformStream();
            ctx.waitUntil((async () => {
              const writer = writable.getWriter();
              await writer.write(encoder.encode("written "));
              await new Promise((resolve) => setTimeout(resolve, 50));
              await writer.write(encoder.encode("later"));
              await writer.close();
            })());
            return new Response(readable);
          }
          if (path === "/broken") { // a stream that errors: the handler's response fails
            return new Response(new ReadableStream({ pull(c) { c.error(new RangeError("source broke")); } }));
          }
          return new Response("no such path", { status: 404 });
        },
      };
      """;

  private static final String BACK =
      """
      export default {
        async fetch(request) {
          if (new URL(request.url).pathname === "/echo") {
            return new Response("echo:" + await request.text(), { headers: { "x-up": "echoed" } });
          }
          return new Response("upstream data", { status: 202, headers: { "x-up": "1" } });
        },
      };
      """;

  private static Topology topology() {
    return JsWorld.frontAndBack(FRONT, BACK);
  }

  private static JsWorld run(long seed) {
    // "/broken" answers the workload with a 500: tolerated, as that is what is looked at.
    return JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
        .oneASecond(
            topology(),
            seed,
            Request.get("http://front/proxy"),
            Request.get("http://front/upload"),
            Request.get("http://front/ticks"),
            Request.get("http://front/transform"),
            Request.get("http://front/broken"));
  }

  @Test
  void streamBodiesCrossTheNetworkWhole() {
    JsWorld world = run(1);

    assertThat(world.outcomes)
        .containsExactly(
            "202 upstream data",
            "200 echoed echo:part1,part2",
            "200 tick1@100;tick2@200;tick3@300;",
            "200 written later",
            "500 Internal Server Error");
    assertThat(world.records("response.sent").toString()).contains("x-proxied");
    assertThat(world.records("guest.error").toString())
        .contains("front")
        .contains("RangeError: source broke");
  }

  @Test
  void theSameSeedGivesTheSameTrace() {
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(run(seed).result.traceSha256())
          .as("seed %d", seed)
          .isEqualTo(run(seed).result.traceSha256());
    }
  }
}
