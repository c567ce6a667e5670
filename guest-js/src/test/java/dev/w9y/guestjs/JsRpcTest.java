package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.network.RequestFate;
import dev.w9y.core.network.ResponseFate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** JavaScript RPC: WorkerEntrypoint and durable-object methods called over the network. */
class JsRpcTest {
  static final String BACK =
      """
      import { WorkerEntrypoint, RpcTarget } from "cloudflare:workers";

      class Counter extends RpcTarget {
        constructor(start) { super(); this.value = start; }
        increment(by) { this.value += by; return this.value; }
        next() { return new Counter(this.value + 100); }
      }

      export default class extends WorkerEntrypoint {
        async fetch(request) { return new Response("back fetch " + new URL(request.url).pathname); }
        add(a, b) { return a + b; }
        greet(name) { return `${this.env.GREETING}, ${name}`; }
        echo(value) { return value; }
        async later(x) { await scheduler.wait(5); return x * 2; }
        fail() { throw new RangeError("out of range here"); }
        failPlain() { throw { code: 7 }; }
        counter(start) { return new Counter(start); }
        adder(base) { return (x) => base + x; }
        record() { return { inner: new Counter(5), n: 1 }; }
        returnsSymbol() { return { s: Symbol("x") }; }
        ctxKind() { return typeof this.ctx.waitUntil; }
        async apply(fn, v) { return [await fn(v), await fn(v + 1)]; }
        async useTarget(t) { return await t.increment(5); }
      }

      export class Multiplier extends WorkerEntrypoint {
        async fetch(request) { return new Response("multiplier fetch"); }
        times(a, b) { return a * b; }
      }
      """;

  static Topology frontAndBack(String front) {
    return Topology.builder()
        .service(
            ServiceSpec.of("front", JsGuest.fromSource("front.js", front))
                .withBinding("BACK", "back")
                .withBinding("MUL", "back", "Multiplier")
                .asPublic())
        .service(
            ServiceSpec.of("back", JsGuest.fromSource("back.js", BACK))
                .withVar("GREETING", "hello"))
        .build();
  }

  /** A front whose fetch runs {@code body} (with env in scope) and answers JSON of its result. */
  static String front(String body) {
    return """
        export default {
          async fetch(request, env) {
            try {
              const result = await (async () => { BODY })();
              return new Response(JSON.stringify(result));
            } catch (e) {
              return new Response("threw " + e.name + ": " + e.message + " remote=" + e.remote, { status: 500 });
            }
          },
        };
        """
        .replace("BODY", body);
  }

  static final String MISSING_SUPERCLASS =
      "The receiving Durable Object does not support RPC, because its class was not declared with"
          + " `extends DurableObject`. In order to enable RPC, make sure your class extends the"
          + " special class `DurableObject`, which can be imported from the module"
          + " \\\"cloudflare:workers\\\".";

  /** front.js calling a "back" service whose module is {@code back}. */
  static List<String> callOther(String back, String body) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("front", JsGuest.fromSource("front.js", front(body)))
                    .withBinding("BACK", "back")
                    .asPublic())
            .service(
                ServiceSpec.of("back", JsGuest.fromSource("back.js", back))
                    .withVar("GREETING", "hello"))
            .build();
    return JsWorld.run(topology, 1, Request.get("http://front/")).outcomes;
  }

  static List<String> call(String body) {
    return JsWorld.run(frontAndBack(front(body)), 1, Request.get("http://front/")).outcomes;
  }

  @Test
  void aServiceBindingCallsTheDefaultWorkerEntrypointsMethodAndGetsItsResult() {
    assertThat(call("return await env.BACK.add(1, 2);")).containsExactly("200 3");
  }

  @Test
  void anEntrypointSeesItsOwnEnvAndCtx() {
    assertThat(call("return [await env.BACK.greet('ann'), await env.BACK.ctxKind()];"))
        .containsExactly("200 [\"hello, ann\",\"function\"]");
  }

  @Test
  void aBindingToANamedEntrypointReachesThatClassForRpcAndFetch() {
    assertThat(
            call(
                "return [await env.MUL.times(6, 7), await (await env.MUL.fetch('http://x/')).text(),"
                    + " await (await env.BACK.fetch('http://x/p')).text()];"))
        .containsExactly("200 [42,\"multiplier fetch\",\"back fetch /p\"]");
  }

  @Test
  void argumentsAndResultsAreStructuredClones() {
    assertThat(
            call(
                "const v = await env.BACK.echo({ m: new Map([[1, 'a']]), d: new Date(5), u: undefined,"
                    + " big: 10n, nested: [1, [2]] });"
                    + " return [v.m.get(1), v.d.getTime(), 'u' in v, String(v.big), v.nested];"))
        .containsExactly("200 [\"a\",5,true,\"10\",[1,[2]]]");
  }

  @Test
  void anAsyncMethodsResultArrivesWhenItSettles() {
    assertThat(call("return await env.BACK.later(21);")).containsExactly("200 42");
  }

  @Test
  void aThrownErrorRejectsTheCallerWithItsNameMessageAndRemoteSet() {
    assertThat(
            call(
                "try { await env.BACK.fail(); } catch (e) {"
                    + " return [e instanceof RangeError, e.name, e.message, e.remote]; }"))
        .containsExactly("200 [true,\"RangeError\",\"out of range here\",true]");
  }

  @Test
  void aThrownNonErrorValueRejectsTheCallerWithThatValue() {
    assertThat(call("try { await env.BACK.failPlain(); } catch (e) { return e; }"))
        .containsExactly("200 {\"code\":7}");
  }

  @Test
  void callingAMethodTheEntrypointDoesNotHaveIsWorkerdsTypeError() {
    assertThat(call("try { await env.BACK.nope(1); } catch (e) { return [e.name, e.message]; }"))
        .containsExactly(
            "200 [\"TypeError\",\"The RPC receiver does not implement the method \\\"nope\\\".\"]");
  }

  @Test
  void constructorAndObjectPrototypeMethodsAreNotCallable() {
    assertThat(
            call(
                "const out = [];"
                    + " for (const m of ['constructor', 'hasOwnProperty']) {"
                    + "   try { await env.BACK[m](); out.push('called'); } catch (e) { out.push(e.message); } }"
                    + " return out;"))
        .containsExactly(
            "200 [\"The RPC receiver does not implement the method \\\"constructor\\\".\","
                + "\"The RPC receiver does not implement the method \\\"hasOwnProperty\\\".\"]");
  }

  @Test
  void namesWorkerdReservesAreNotCallable() {
    assertThat(
            call(
                "const out = []; for (const m of ['alarm', 'webSocketMessage', 'dup', 'connect']) {"
                    + " try { await env.BACK[m](); } catch (e) { out.push(e.message); } } return out;"))
        .containsExactly(
            "200 [\"'alarm' is a reserved method and cannot be called over RPC.\","
                + "\"'webSocketMessage' is a reserved method and cannot be called over RPC.\","
                + "\"'dup' is a reserved method and cannot be called over RPC.\","
                + "\"The RPC receiver does not implement the method \\\"connect\\\".\"]");
  }

  @Test
  void aPlainObjectExportsMethodsAreCalledWithEnvAndCtxAfterTheArguments() {
    assertThat(
            callOther(
                "export default { add(a, b, env, ctx) { return [a + b, env.GREETING, typeof ctx.waitUntil]; } };",
                "return await env.BACK.add(1, 2);"))
        .containsExactly("200 [3,\"hello\",\"function\"]");
  }

  @Test
  void aClassThatDoesNotExtendWorkerEntrypointRefusesRpcWithWorkerdsMessage() {
    assertThat(
            callOther(
                "export default class { add(a, b) { return a + b; } };",
                "try { return await env.BACK.add(1, 2); } catch (e) { return [e.name, e.message]; }"))
        .containsExactly("200 [\"TypeError\",\"" + MISSING_SUPERCLASS + "\"]");
  }

  @Test
  void aNonSerializableArgumentIsADataCloneErrorAndNothingIsSent() {
    JsWorld world =
        JsWorld.run(
            frontAndBack(
                front(
                    "try { await env.BACK.echo(Symbol('s')); } catch (e) { return [e.name, e.message]; }")),
            1,
            Request.get("http://front/"));
    assertThat(world.outcomes)
        .containsExactly("200 [\"DataCloneError\",\"Symbol(s) could not be cloned.\"]");
    assertThat(world.records("request.sent")).noneMatch(r -> r.contains("w9y-rpc"));
  }

  @Test
  void aNonSerializableResultRejectsTheCallerWithADataCloneError() {
    assertThat(
            call(
                "try { await env.BACK.returnsSymbol(); return 'resolved'; } catch (e) {"
                    + " return [e.name, e.remote]; }"))
        .containsExactly("200 [\"DataCloneError\",true]");
  }

  @Test
  void anRpcTargetComesBackAsAStubWhoseMethodsCallTheInstanceThatMadeIt() {
    assertThat(
            call(
                "const c = await env.BACK.counter(10);"
                    + " return [await c.increment(1), await c.increment(2)];"))
        .containsExactly("200 [11,13]");
  }

  @Test
  void aReturnedFunctionIsAStubThatCallsBack() {
    assertThat(call("const add5 = await env.BACK.adder(5); return await add5(3);"))
        .containsExactly("200 8");
  }

  @Test
  void aFunctionPassedAsAnArgumentIsCalledBackInTheCallersInstance() {
    JsWorld world =
        JsWorld.run(
            frontAndBack(
                front(
                    "let calls = 0; const r = await env.BACK.apply((x) => { calls++; return x * 10; }, 4);"
                        + " return [r, calls];")),
            1,
            Request.get("http://front/"));
    assertThat(world.outcomes).containsExactly("200 [[40,50],2]");
    // Each call back is a message from back to front.
    assertThat(world.records("request.sent"))
        .filteredOn(r -> r.contains("\"to\":\"front\"") && r.contains("[\"w9y-rpc\",\"()\"]"))
        .hasSize(2);
  }

  @Test
  void anRpcTargetPassedAsAnArgumentIsReachedThroughAStub() {
    assertThat(
            call(
                "class Acc extends (await import('cloudflare:workers')).RpcTarget {"
                    + " constructor() { super(); this.n = 1; } increment(by) { return this.n += by; } }"
                    + " const acc = new Acc(); const r = await env.BACK.useTarget(acc); return [r, acc.n];"))
        .containsExactly("200 [6,6]");
  }

  @Test
  void thePromiseOfACallIsAStubOfItsResult() {
    assertThat(
            call(
                "return [await env.BACK.counter(1).increment(4), await env.BACK.counter(1).next().increment(1),"
                    + " await env.BACK.record().n, await env.BACK.record().inner.increment(1)];"))
        .containsExactly("200 [5,102,1,6]");
  }

  @Test
  void stubsAreDisposableWithUsing() {
    assertThat(
            call(
                "let after; { using c = await env.BACK.counter(1); after = await c.increment(1); }"
                    + " return [after, typeof Symbol.dispose, typeof env.BACK[Symbol.dispose]];"))
        .containsExactly("200 [2,\"symbol\",\"function\"]");
  }

  @Test
  void eachCallAndItsAnswerAreNetworkMessagesInTheTrace() {
    JsWorld world =
        JsWorld.run(
            frontAndBack(front("return await env.BACK.add(1, 2);")),
            1,
            Request.get("http://front/"));
    List<String> sent = world.records("request.sent");
    assertThat(sent)
        .anyMatch(r -> r.contains("[\"w9y-rpc\",\"add\"]") && r.contains("\"to\":\"back\""));
    assertThat(world.records("response.sent"))
        .anyMatch(r -> r.contains("[\"w9y-rpc-outcome\",\"ok\"]"));
    assertThat(world.records("request.delivered")).hasSize(2);
  }

  @Test
  void aDroppedCallRejectsTheCallerAsALostConnection() {
    NetworkHooks dropRpc =
        new NetworkHooks() {
          @Override
          public RequestFate onRequest(Message message) {
            return message.request().headers().has("w9y-rpc")
                ? new RequestFate.Drop("test drop")
                : RequestFate.DELIVER;
          }
        };
    List<String> outcomes =
        runWith(
            front(
                "try { await env.BACK.add(1, 2); return 'answered'; } catch (e) {"
                    + " return [e.message, e.retryable]; }"),
            b -> b.networkHooks(c -> dropRpc));
    assertThat(outcomes)
        .containsExactly("200 [\"Network connection lost. (timed out (test drop))\",true]");
  }

  @Test
  void aCallWhoseAnswerIsLostRanOnTheCalleeButRejectsTheCaller() {
    List<String> lostAnswers = new ArrayList<>();
    NetworkHooks loseAnswers =
        new NetworkHooks() {
          @Override
          public ResponseFate onResponse(Message message, Response response) {
            if (!message.request().headers().has("w9y-rpc")) {
              return ResponseFate.DELIVER;
            }
            lostAnswers.add(
                response.headers().get("w9y-rpc-outcome").orElse("none")
                    + " "
                    + response.body().size());
            return new ResponseFate.Lose("test loss");
          }
        };
    List<String> outcomes =
        runWith(
            front(
                "try { await env.BACK.add(1, 2); return 'answered'; } catch (e) { return e.message; }"),
            b -> b.networkHooks(c -> loseAnswers));
    assertThat(outcomes)
        .containsExactly(
            "200 \"Network connection lost. (connection lost after the server acted (test loss))\"");
    // The callee ran the method and answered 3 (a number: 10 bytes of structured clone).
    assertThat(lostAnswers).containsExactly("ok 10");
  }

  @Test
  void anUncaughtRemoteErrorFailsTheSeedThroughTheCaller() {
    JsWorld world =
        JsWorld.tolerating()
            .run(
                frontAndBack(
                    "export default { async fetch(r, env) { await env.BACK.fail(); return new Response('x'); } };"),
                1,
                Request.get("http://front/"));
    assertThat(world.result.failure()).isPresent();
    assertThat(world.result.failure().get().getMessage()).contains("out of range here");
  }

  @Test
  void rpcUnderSeededNetworkFaultsGivesTheSameTraceForTheSameSeed() {
    String body =
        "const out = await Promise.allSettled([env.BACK.add(1, 2), env.BACK.counter(1).increment(2),"
            + " env.BACK.apply((x) => x + 1, 1), env.BACK.fail(), env.MUL.times(2, 3)]);"
            + " return out.map((o) => o.status === 'fulfilled' ? o.value : o.reason.message);";
    Function<Long, SimulationResult> run =
        seed -> {
          List<String> outcomes = new ArrayList<>();
          return Simulation.builder(frontAndBack(front(body)))
              .seed(seed)
              .workload(
                  () ->
                      driver -> {
                        for (int i = 0; i < 20; i++) {
                          driver.after(
                              Duration.ofMillis(50L * i),
                              () -> JsWorld.send(driver, Request.get("http://front/"), outcomes));
                        }
                      })
              .networkHooks(
                  context -> {
                    var random = context.random("test/rpc-faults");
                    return new NetworkHooks() {
                      @Override
                      public RequestFate onRequest(Message message) {
                        int roll = random.nextInt(10);
                        return roll == 0
                            ? new RequestFate.Drop("seeded drop")
                            : roll == 1
                                ? new RequestFate.Refuse("connection reset")
                                : new RequestFate.Deliver(random.nextInt(5_000_000));
                      }

                      @Override
                      public ResponseFate onResponse(Message message, Response response) {
                        return random.nextInt(10) == 0
                            ? new ResponseFate.Lose("seeded loss")
                            : ResponseFate.DELIVER;
                      }
                    };
                  })
              .safetyPhase(Duration.ofMinutes(1))
              .build()
              .run();
        };
    SimulationResult first = run.apply(9L);
    SimulationResult second = run.apply(9L);
    SimulationResult other = run.apply(10L);
    assertThat(first.passed()).as(first.summary()).isTrue();
    assertThat(second.traceSha256()).isEqualTo(first.traceSha256());
    assertThat(other.traceSha256()).isNotEqualTo(first.traceSha256());
  }

  static List<String> runWith(
      String frontSource, Function<Simulation.Builder, Simulation.Builder> options) {
    List<String> outcomes = new ArrayList<>();
    Simulation.Builder builder =
        Simulation.builder(frontAndBack(frontSource))
            .seed(1)
            .workload(() -> driver -> JsWorld.send(driver, Request.get("http://front/"), outcomes))
            .safetyPhase(Duration.ofMinutes(1));
    SimulationResult result = options.apply(builder).build().run();
    assertThat(result.failure()).isEmpty();
    return outcomes;
  }
}
