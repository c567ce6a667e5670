package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsDurableObjectTest {
  static final String COUNTER =
      """
      import { DurableObject } from "cloudflare:workers";

      export class Counter extends DurableObject {
        async fetch(request) {
          const url = new URL(request.url);
          if (url.pathname === "/alarm") {
            await this.ctx.storage.setAlarm(Date.now() + 5000);
            return new Response("alarm set");
          }
          if (url.pathname === "/alarms") {
            return new Response(String((await this.ctx.storage.get("alarms")) ?? 0));
          }
          let value = (await this.ctx.storage.get("count")) ?? 0;
          value += 1;
          await this.ctx.storage.put("count", value);
          return new Response(String(value));
        }
        async alarm() {
          const fired = ((await this.ctx.storage.get("alarms")) ?? 0) + 1;
          await this.ctx.storage.put("alarms", fired);
        }
      }

      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const name = url.searchParams.get("name") ?? "default";
          const stub = env.COUNTER.get(env.COUNTER.idFromName(name));
          return stub.fetch(request);
        },
      };
      """;

  static Topology counterTopology(String source) {
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("index.js", source))
                .withDurableObject("COUNTER", "Counter")
                .asPublic())
        .build();
  }

  @Test
  void aCounterObjectKeepsItsCountInStorageAcrossACrash() {
    List<String> outcomes = new ArrayList<>();
    JsWorld world =
        JsWorld.run(
            counterTopology(COUNTER),
            7,
            driver -> {
              for (int i = 0; i < 3; i++) {
                int at = i;
                driver.after(
                    Duration.ofSeconds(1 + at),
                    () -> JsWorld.send(driver, Request.get("http://api/?name=a"), outcomes));
              }
              driver.after(
                  Duration.ofSeconds(5),
                  () -> driver.world().crashObject("api", "COUNTER", "a", "test"));
              driver.after(
                  Duration.ofSeconds(6),
                  () -> JsWorld.send(driver, Request.get("http://api/?name=a"), outcomes));
              driver.after(
                  Duration.ofSeconds(7),
                  () -> JsWorld.send(driver, Request.get("http://api/?name=b"), outcomes));
            },
            outcomes);

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 1", "200 2", "200 3", "200 4", "200 1");
    assertThat(world.records("object.started")).hasSize(3); // a, a after the crash, b
  }

  @Test
  void alarmsFireOnVirtualTime() {
    List<String> outcomes = new ArrayList<>();
    JsWorld world =
        JsWorld.run(
            counterTopology(COUNTER),
            3,
            driver -> {
              JsWorld.send(driver, Request.get("http://api/alarm?name=x"), outcomes);
              driver.after(
                  Duration.ofSeconds(2),
                  () -> JsWorld.send(driver, Request.get("http://api/alarms?name=x"), outcomes));
              driver.after(
                  Duration.ofSeconds(10),
                  () -> JsWorld.send(driver, Request.get("http://api/alarms?name=x"), outcomes));
            },
            outcomes);

    assertThat(outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 alarm set", "200 0", "200 1");
  }

  @Test
  void aTransactionThatThrowsOrRollsBackWritesNothing() {
    String source =
        """
        export class Counter {
          constructor(state) { this.state = state; }
          async fetch(request) {
            const storage = this.state.storage;
            await storage.put("n", 1);
            try {
              await storage.transaction(async (txn) => {
                await txn.put("n", 2);
                throw new Error("no");
              });
            } catch (e) {}
            const kept = await storage.transaction(async (txn) => {
              await txn.put("n", 3);
              txn.rollback();
              return "rolled";
            });
            const committed = await storage.transaction(async (txn) => {
              await txn.put("m", 9);
              return (await txn.get("m")) + (await txn.get("n"));
            });
            const listed = [...(await storage.list())].map(([k, v]) => `${k}=${v}`).join(",");
            return new Response(`${kept} ${committed} ${listed}`);
          }
        }
        export default {
          fetch: (request, env) => env.COUNTER.get(env.COUNTER.idFromName("t")).fetch(request),
        };
        """;
    JsWorld world = JsWorld.run(counterTopology(source), 1, Request.get("http://api/"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 rolled 10 m=9,n=1");
  }

  @Test
  void blockConcurrencyWhileRunsBeforeAnyRequest() {
    String source =
        """
        export class Counter {
          constructor(state) {
            this.log = [];
            state.blockConcurrencyWhile(async () => {
              await new Promise((resolve) => setTimeout(resolve, 100));
              this.log.push("init");
            });
          }
          async fetch() {
            this.log.push("request");
            return new Response(this.log.join(","));
          }
        }
        export default {
          fetch: (request, env) => env.COUNTER.get(env.COUNTER.idFromName("t")).fetch(request),
        };
        """;
    JsWorld world = JsWorld.run(counterTopology(source), 1, Request.get("http://api/"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 init,request");
  }

  @Test
  void aForwardedRequestKeepsItsHeadersAndTheStubsResponseKeepsItsOwn() {
    // The worker passes the request it received on to the object untouched, then reads the
    // object's response headers: both travel as W9Y's wire form until asked for.
    String source =
        """
        export class Counter {
          async fetch(request) {
            const seen = [...request.headers].map(([n, v]) => `${n}=${v}`).join(",");
            return new Response(seen, { headers: { "X-From": "object", "Set-Cookie": "a=1" } });
          }
        }
        export default {
          async fetch(request, env) {
            const ns = env.COUNTER;
            const same = ns.idFromName("k").equals(ns.idFromName("k"))
              && ns.idFromName("k").toString() === ns.idFromName(new String("k")).toString()
              && !ns.idFromName("k").equals(ns.idFromName("j"));
            const response = await ns.get(ns.idFromName("k")).fetch(request);
            const forwarded = await ns.get(ns.idFromName("k")).fetch(new Request(request, {
              headers: { "X-Extra": "2" } }));
            return new Response([await response.text(), response.headers.get("x-from"),
              response.headers.getSetCookie().join(";"), await forwarded.text(), same].join(" "));
          }
        };
        """;
    JsWorld world =
        JsWorld.run(
            counterTopology(source),
            1,
            Request.get("http://api/").withHeader("X-Trace", "abc").withHeader("Accept", "a/b"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 accept=a/b,x-trace=abc object a=1 x-extra=2 true");
  }
}
