package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/**
 * Semantics measured in workerd (compat/ compares them with workerd itself): each test here pins
 * one of them in W9Y alone.
 */
class WorkerdSemanticsTest {
  private static Topology withObject(String source, String className) {
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("index.js", source))
                .withDurableObject("OBJ", className)
                .asPublic())
        .build();
  }

  private static final String CALLER =
      """
      export default {
        async fetch(request, env) {
          const stub = env.OBJ.get(env.OBJ.idFromName("x"));
          try {
            const response = await stub.fetch(request);
            return new Response("resolved " + response.status + " " + await response.text());
          } catch (e) {
            return new Response(`rejected ${e.constructor.name} ${e.message} remote=${e.remote}`
              + ` reset=${e.durableObjectReset}`);
          }
        },
      };
      """;

  @Test
  void anExceptionInAnObjectsFetchRejectsTheCallersFetchWithItsTypeAndMessage() {
    String source =
        CALLER
            + """
            export class Obj {
              async fetch() { throw new RangeError("out of range"); }
            }
            """;
    JsWorld world = JsWorld.oneASecond(withObject(source, "Obj"), Request.get("http://api/"));
    assertThat(world.outcomes)
        .containsExactly("200 rejected RangeError out of range remote=true reset=undefined");
  }

  @Test
  void anExceptionInAnObjectsConstructorRejectsTheCallersFetchAsAReset() {
    String source =
        CALLER
            + """
            export class Obj {
              constructor() { throw new TypeError("cannot start"); }
              async fetch() { return new Response("never"); }
            }
            """;
    JsWorld world =
        JsWorld.oneASecond(
            withObject(source, "Obj"), Request.get("http://api/"), Request.get("http://api/"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 rejected TypeError cannot start remote=true reset=true",
            "200 rejected TypeError cannot start remote=true reset=true");
  }

  @Test
  void anIncomingRequestHasRedirectManualSoForwardingItReturnsTheRedirect() {
    String source =
        """
        export class Obj {
          async fetch(request) {
            if (new URL(request.url).pathname === "/go") return Response.redirect("http://api/there", 302);
            return new Response("followed");
          }
        }
        export default {
          async fetch(request, env) {
            const response = await env.OBJ.get(env.OBJ.idFromName("x")).fetch(request);
            return new Response(request.redirect + " " + response.status + " "
              + response.headers.get("location"));
          },
        };
        """;
    JsWorld world = JsWorld.oneASecond(withObject(source, "Obj"), Request.get("http://api/go"));
    assertThat(world.outcomes).containsExactly("200 manual 302 http://api/there");
  }

  @Test
  void storageKeysThatAreNotStringsAreCoercedToStrings() {
    String source =
        """
        export class Obj {
          constructor(state) { this.storage = state.storage; }
          async fetch() {
            await this.storage.put(1, "one");
            await this.storage.put(null, "n");
            const many = await this.storage.get([1, "null"]);
            const deleted = await this.storage.delete(null);
            return new Response([await this.storage.get("1"), [...many.keys()].join(","), deleted,
              [...(await this.storage.list()).keys()].join(",")].join(" "));
          }
        }
        export default {
          fetch(request, env) { return env.OBJ.get(env.OBJ.idFromName("x")).fetch(request); },
        };
        """;
    JsWorld world = JsWorld.oneASecond(withObject(source, "Obj"), Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 one 1,null true 1");
  }

  @Test
  void theAlarmHandlerGetsItsScheduledTimeAndRetryCountAndGetAlarmInsideItIsNull() {
    String source =
        """
        export class Obj {
          constructor(state) { this.storage = state.storage; }
          async fetch(request) {
            if (new URL(request.url).pathname === "/set") {
              const at = Date.now() + 50;
              await this.storage.put("at", at);
              await this.storage.setAlarm(at);
              return new Response("set");
            }
            return new Response(JSON.stringify(await this.storage.get("seen") ?? []));
          }
          async alarm(info) {
            const seen = (await this.storage.get("seen")) ?? [];
            seen.push([info.scheduledTime === await this.storage.get("at"), info.retryCount,
              info.isRetry, await this.storage.getAlarm()]);
            await this.storage.put("seen", seen);
            if (seen.length === 1) throw new Error("fail the first time");
          }
        }
        export default {
          fetch(request, env) { return env.OBJ.get(env.OBJ.idFromName("x")).fetch(request); },
        };
        """;
    JsWorld world =
        JsWorld.tolerating(dev.w9y.core.GuestErrorKind.UNCAUGHT_EXCEPTION)
            .oneASecond(
                withObject(source, "Obj"),
                Request.get("http://api/set"),
                Request.get("http://api/seen"),
                Request.get("http://api/seen"),
                Request.get("http://api/seen"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 set",
            "200 [[true,0,false,null]]",
            "200 [[true,0,false,null]]",
            "200 [[true,0,false,null],[true,1,true,null]]");
  }

  @Test
  void moduleLevelCodeMayNotSetTimersDrawRandomnessOrFetchButHandlersMay() {
    String source =
        """
        function attempt(fn) {
          try { fn(); return "ok"; } catch (e) { return e.message.slice(0, 47); }
        }
        const atLoad = [attempt(() => setTimeout(() => {}, 1)),
          attempt(() => crypto.getRandomValues(new Uint8Array(1))),
          attempt(() => new Response("body")), attempt(() => new Response(null)),
          attempt(() => Math.random())];
        const fetched = fetch("http://api/").then(() => "resolved", (e) => e.message.slice(0, 47));
        export default {
          async fetch() {
            const inHandler = [attempt(() => setTimeout(() => {}, 1)),
              attempt(() => crypto.getRandomValues(new Uint8Array(1)))];
            return new Response([...atLoad, await fetched, ...inHandler].join(" | "));
          },
        };
        """;
    JsWorld world = JsWorld.serve(source, Request.get("http://api/"));
    String refused = "Disallowed operation called within global scope";
    assertThat(world.outcomes)
        .containsExactly(
            "200 "
                + String.join(" | ", refused, refused, refused, "ok", "ok", refused, "ok", "ok"));
  }

  @Test
  void aServiceBindingsExceptionRejectsTheCallerButAFetchByUrlGetsA500() {
    String front =
        """
        export default {
          async fetch(request, env) {
            let viaBinding;
            try { viaBinding = "resolved " + (await env.BACK.fetch("http://back/")).status; }
            catch (e) { viaBinding = `rejected ${e.constructor.name} ${e.message} remote=${e.remote}`; }
            const viaUrl = (await fetch("http://back/")).status;
            return new Response(viaBinding + " | by url " + viaUrl);
          },
        };
        """;
    String back = "export default { fetch() { throw new RangeError(\"back threw\"); } };";
    JsWorld world =
        JsWorld.oneASecond(JsWorld.frontAndBack(front, back), Request.get("http://front/"));
    assertThat(world.outcomes)
        .containsExactly("200 rejected RangeError back threw remote=true | by url 500");
  }
}
