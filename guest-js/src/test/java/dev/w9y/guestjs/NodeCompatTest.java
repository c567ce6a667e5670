package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nodejs_compat: the node:* modules W9Y provides, and imports failing as workerd fails them. */
class NodeCompatTest {
  private static JsWorld serve(String source, Request... requests) {
    return JsWorld.run(
        JsWorld.publicApi(
            JsGuest.fromSource("index.js", source)
                .withCompatibilityFlags(List.of("nodejs_compat"))),
        1,
        requests);
  }

  @Test
  void smoke() {
    JsWorld world =
        serve(
            """
            import { Buffer } from "node:buffer";
            import { EventEmitter } from "node:events";
            import util from "node:util";
            export default {
              fetch() {
                const b = Buffer.from("hello", "utf8");
                const e = new EventEmitter();
                let seen = [];
                e.on("x", (v) => seen.push(v));
                e.emit("x", 1);
                return new Response([b.toString("hex"), b.toString("base64"), seen.join(),
                  util.format("%s=%d %o", "a", 3, { b: [1] })].join("|"));
              },
            };
            """,
            Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 68656c6c6f|aGVsbG8=|1|a=3 { b: [ 1 ] }");
  }
}
