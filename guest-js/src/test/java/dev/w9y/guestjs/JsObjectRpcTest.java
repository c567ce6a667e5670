package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RPC on durable-object stubs: methods, gates, crashes, determinism. */
class JsObjectRpcTest {
  static final String SOURCE =
      """
      import { DurableObject, RpcTarget } from "cloudflare:workers";

      class Session extends RpcTarget {
        constructor(owner) { super(); this.owner = owner; }
        who() { return this.owner; }
      }

      export class Room extends DurableObject {
        constructor(ctx, env) { super(ctx, env); this.calls = 0; }
        sayHello(name) { this.calls++; return `hello ${name} from ${this.ctx.id.name ?? "room"}`; }
        async increment() {
          this.calls++;
          const value = ((await this.ctx.storage.get("n")) ?? 0) + 1;
          await this.ctx.storage.put("n", value);
          return value;
        }
        memory() { return this.calls; }
        session(owner) { return new Session(owner); }
        async relay(other, who) { return "relayed " + (await other.sayHello(who)); }
        async each(values, fn) { const out = []; for (const v of values) out.push(await fn(v)); return out; }
        async fetch(request) { return new Response("fetched " + (await this.increment())); }
      }

      export class Plain {
        constructor(state, env) { this.state = state; }
        hello() { return "plain"; }
        async fetch() { return new Response("plain fetch"); }
      }

      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const name = url.searchParams.get("name") ?? "a";
          try {
            let result;
            switch (url.pathname) {
              case "/hello": result = await env.ROOMS.getByName(name).sayHello("ann"); break;
              case "/hello-by-id": result = await env.ROOMS.get(env.ROOMS.idFromName(name)).sayHello("bob"); break;
              case "/increment": result = await env.ROOMS.getByName(name).increment(); break;
              case "/concurrent": {
                const stub = env.ROOMS.getByName(name);
                result = (await Promise.all([stub.increment(), stub.increment(), stub.increment()])).sort();
                break;
              }
              case "/memory": result = await env.ROOMS.getByName(name).memory(); break;
              case "/fetch": result = await (await env.ROOMS.getByName(name).fetch("http://room/")).text(); break;
              case "/session": {
                globalThis.session = await env.ROOMS.getByName(name).session("carol");
                result = await globalThis.session.who();
                break;
              }
              case "/session-again": result = await globalThis.session.who(); break;
              case "/missing": result = await env.ROOMS.getByName(name).nope(); break;
              case "/plain": {
                const stub = env.PLAIN.getByName(name);
                const fetched = await (await stub.fetch("http://plain/")).text();
                try { await stub.hello(); } catch (e) { result = [fetched, e.name, e.message]; }
                break;
              }
              case "/pass-stub": {
                // A durable-object stub passed to another object's method, which calls it.
                result = await env.ROOMS.getByName("relay").relay(env.ROOMS.getByName(name), "dan");
                break;
              }
              case "/callback": {
                const seen = [];
                const out = await env.ROOMS.getByName(name).each([1, 2, 3], (v) => { seen.push(v); return v * v; });
                result = [out, seen];
                break;
              }
            }
            return Response.json(result);
          } catch (e) {
            return new Response(e.name + ": " + e.message, { status: 500 });
          }
        },
      };
      """;

  static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("index.js", SOURCE))
                .withDurableObject("ROOMS", "Room")
                .withDurableObject("PLAIN", "Plain")
                .asPublic())
        .build();
  }

  static Request get(String path) {
    return Request.get("http://api" + path);
  }

  @Test
  void aDurableObjectsMethodIsCalledOnItsStubByNameAndById() {
    assertThat(JsWorld.oneASecond(topology(), get("/hello"), get("/hello-by-id?name=b")).outcomes)
        // The object knows the name its id came from (ctx.id.name), as in workerd (RpcCompatTest).
        .containsExactly("200 \"hello ann from a\"", "200 \"hello bob from b\"");
  }

  @Test
  void rpcAndFetchReachTheSameObjectAndStorage() {
    assertThat(
            JsWorld.oneASecond(topology(), get("/increment"), get("/fetch"), get("/increment"))
                .outcomes)
        .containsExactly("200 1", "200 \"fetched 2\"", "200 3");
  }

  @Test
  void theInputGateHoldsConcurrentCallsWhileStorageIsInFlight() {
    // Each increment() reads then writes; without the input gate two would read the same value
    // (and two results would be equal). The calls arrive in the network's order, so sorted.
    assertThat(JsWorld.oneASecond(topology(), get("/concurrent")).outcomes)
        .containsExactly("200 [1,2,3]");
  }

  @Test
  void aMissingMethodOnAnObjectIsWorkerdsTypeError() {
    assertThat(JsWorld.oneASecond(topology(), get("/missing")).outcomes)
        .containsExactly("500 TypeError: The RPC receiver does not implement the method \"nope\".");
  }

  @Test
  void aStubPassedAsAnArgumentReachesItsObject() {
    assertThat(
            JsWorld.oneASecond(topology(), get("/pass-stub?name=b"), get("/memory?name=b"))
                .outcomes)
        .containsExactly("200 \"relayed hello dan from b\"", "200 1");
  }

  @Test
  void anObjectWhoseClassDoesNotExtendDurableObjectTakesFetchButRefusesRpc() {
    assertThat(JsWorld.oneASecond(topology(), get("/plain")).outcomes)
        .containsExactly(
            "200 [\"plain fetch\",\"TypeError\",\"" + JsRpcTest.MISSING_SUPERCLASS + "\"]");
  }

  @Test
  void anObjectCallsBackAFunctionItsCallerPassed() {
    assertThat(JsWorld.oneASecond(topology(), get("/callback")).outcomes)
        .containsExactly("200 [[1,4,9],[1,2,3]]");
  }

  @Test
  void aCrashLosesTheObjectsMemoryAndItsStubsButKeepsItsStorage() {
    List<String> outcomes = new ArrayList<>();
    JsWorld.run(
        topology(),
        3,
        driver -> {
          driver.after(
              Duration.ofSeconds(1), () -> JsWorld.send(driver, get("/increment"), outcomes));
          driver.after(
              Duration.ofSeconds(2), () -> JsWorld.send(driver, get("/session"), outcomes));
          driver.after(Duration.ofSeconds(3), () -> JsWorld.send(driver, get("/memory"), outcomes));
          driver.after(
              Duration.ofSeconds(4),
              () -> driver.world().crashObject("api", "ROOMS", "a", "test crash"));
          driver.after(Duration.ofSeconds(5), () -> JsWorld.send(driver, get("/memory"), outcomes));
          driver.after(
              Duration.ofSeconds(6), () -> JsWorld.send(driver, get("/session-again"), outcomes));
          driver.after(
              Duration.ofSeconds(7), () -> JsWorld.send(driver, get("/increment"), outcomes));
        },
        outcomes);
    assertThat(outcomes)
        .containsExactly(
            "200 1",
            "200 \"carol\"",
            "200 1",
            "200 0",
            "500 Error: The RPC stub is disconnected: its target is gone (the instance that"
                + " returned it restarted, or another instance of the service answered).",
            "200 2");
  }

  @Test
  void theSameSeedGivesTheSameTraceTwice() {
    Request[] requests = {get("/concurrent"), get("/session"), get("/hello"), get("/fetch")};
    JsWorld first = JsWorld.run(topology(), 11, requests);
    JsWorld second = JsWorld.run(topology(), 11, requests);
    assertThat(first.result.passed()).isTrue();
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
    assertThat(first.outcomes).isEqualTo(second.outcomes);
    assertThat(first.records("request.sent"))
        .anyMatch(r -> r.contains("[\"w9y-rpc\",\"increment\"]"));
  }
}
