package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.internal.Prelude;
import org.junit.jupiter.api.Test;

/**
 * An instance leaves out the prelude files that would install nothing in it (the node files without
 * {@code nodejs_compat}, {@code d1.js} and {@code kv.js} without a binding of their kind): the
 * guest cannot tell. A service and a durable object describe their global scope — every own key of
 * {@code globalThis} in order, its descriptor, and its value's own keys and prototype's own keys —
 * and the answers and the trace are the same as when every file runs ({@link
 * Prelude#EVERY_FILE_PROPERTY}).
 */
class PreludeFilesLeftOutTest {
  private static final String DESCRIBE_GLOBALS =
      """
      function describeGlobals() {
        const keysOf = (value) => (value === null || (typeof value !== "object" && typeof value !== "function"))
          ? "" : Reflect.ownKeys(value).map(String).join(",");
        return Reflect.ownKeys(globalThis).map((key) => {
          const d = Object.getOwnPropertyDescriptor(globalThis, key);
          const value = d.value;
          const flags = `${d.writable}${d.enumerable}${d.configurable}${"get" in d}${"set" in d}`;
          const shape = typeof value === "function" ? `${value.name}/${value.length}` : typeof value;
          const proto = value === null || value === undefined ? "" : keysOf(Object.getPrototypeOf(value));
          const own = value === globalThis ? "(globalThis)" : keysOf(value);
          return `${String(key)} ${flags} ${shape} [${own}] <${proto}>`;
        }).join("\\n");
      }
      """;

  private static final String SOURCE =
      DESCRIBE_GLOBALS
          + """
          export class Box {
            fetch() { return new Response(describeGlobals()); }
          }
          export default {
            async fetch(request, env) {
              const url = new URL(request.url);
              if (url.pathname === "/object") return env.BOX.get(env.BOX.idFromName("a")).fetch(request);
              return new Response(describeGlobals());
            },
          };
          """;

  private static JsWorld describe(boolean everyFile) {
    String before = System.getProperty(Prelude.EVERY_FILE_PROPERTY);
    System.setProperty(Prelude.EVERY_FILE_PROPERTY, Boolean.toString(everyFile));
    try {
      return JsWorld.run(
          Topology.builder()
              .service(
                  ServiceSpec.of("api", JsGuest.fromSource("index.js", SOURCE))
                      .withDurableObject("BOX", "Box")
                      .asPublic())
              .build(),
          7,
          Request.get("http://api/service"),
          Request.get("http://api/object"));
    } finally {
      if (before == null) {
        System.clearProperty(Prelude.EVERY_FILE_PROPERTY);
      } else {
        System.setProperty(Prelude.EVERY_FILE_PROPERTY, before);
      }
    }
  }

  @Test
  void aServiceAndADurableObjectSeeTheSameGlobalScopeAndTraceAsWithEveryFile() {
    JsWorld everyFile = describe(true);
    JsWorld leftOut = describe(false);

    assertThat(everyFile.outcomes).hasSize(2);
    assertThat(everyFile.outcomes.get(0))
        .startsWith("200 ")
        // what the description holds, so a broken description cannot pass as equal
        .contains("\nURL truefalsetruefalsefalse URL/1 [length,name,prototype,canParse,parse] <")
        .contains("\nfetch truefalsetruefalsefalse fetch/1 [length,name,prototype] <")
        .contains("__w9yModules falsefalsefalsefalsefalse object [load] <");
    assertThat(everyFile.outcomes.get(1)).isEqualTo(everyFile.outcomes.get(0));
    assertThat(leftOut.outcomes).isEqualTo(everyFile.outcomes);
    assertThat(leftOut.result.traceSha256()).isEqualTo(everyFile.result.traceSha256());
  }

  @Test
  void aServiceWithNodeCompatStillGetsItsNodeGlobalsAndModules() {
    JsWorld world =
        NodeCompatTest.serve(
            """
            import { Buffer as Imported } from "node:buffer";
            export default {
              fetch() {
                return new Response([typeof Buffer, Imported === Buffer,
                  Imported.from("hi").toString("hex"), typeof process].join(" "));
              },
            };
            """,
            Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 function true 6869 object");
  }
}
