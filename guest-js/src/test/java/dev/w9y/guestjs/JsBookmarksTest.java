package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time recovery of SQLite-backed objects: getCurrentBookmark, getBookmarkForTime and
 * onNextSessionRestoreBookmark on virtual time, the restore taking effect when ctx.abort() restarts
 * the object.
 */
class JsBookmarksTest {
  static final String WORKER =
      """
      export class Store {
        constructor(ctx) {
          this.ctx = ctx;
          ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (v INTEGER)");
        }
        async fetch(request) {
          const url = new URL(request.url);
          const q = url.searchParams;
          const s = this.ctx.storage;
          const rows = () => s.sql.exec("SELECT v FROM t ORDER BY v").toArray().map((r) => r.v);
          switch (url.pathname) {
            case "/write":
              s.sql.exec("INSERT INTO t VALUES (?)", Number(q.get("v")));
              return new Response(await s.getCurrentBookmark());
            case "/for-time":
              return new Response(await s.getBookmarkForTime(Date.now() - Number(q.get("ago"))));
            case "/restore":
              return new Response(await s.onNextSessionRestoreBookmark(q.get("b")));
            case "/abort":
              this.ctx.abort("restoring");
            case "/rows":
              return Response.json(rows());
            case "/bad": {
              const out = [];
              for (const f of [() => s.getBookmarkForTime("yesterday"), () => s.onNextSessionRestoreBookmark(),
                               () => s.onNextSessionRestoreBookmark("nonsense"),
                               () => s.getBookmarkForTime(Date.now() - 31 * 24 * 3600 * 1000)]) {
                try { await f(); out.push("ok"); } catch (e) { out.push(e.name + ": " + e.message); }
              }
              return Response.json(out);
            }
          }
          return new Response("no route", { status: 404 });
        }
      }
      export class Plain {
        constructor(ctx) { this.ctx = ctx; }
        async fetch() {
          try { await this.ctx.storage.getCurrentBookmark(); return new Response("?"); }
          catch (e) { return new Response(e.message); }
        }
      }
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const ns = url.pathname === "/plain" ? env.PLAIN : env.STORE;
          try {
            return await ns.get(ns.idFromName("main")).fetch(request);
          } catch (e) {
            return new Response("failed: " + e.message, { status: 500 });
          }
        },
      };
      """;

  static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "api",
                    JsGuest.fromSource("index.js", WORKER).withSqliteClasses(List.of("Store")))
                .withDurableObject("STORE", "Store")
                .withDurableObject("PLAIN", "Plain")
                .asPublic())
        .build();
  }

  private static SimulationResult[] last = new SimulationResult[1];

  /** Requests one after another, 1 s apart; a path may use {name} for an earlier answer. */
  static List<String> chain(String... paths) {
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology())
            .seed(3)
            .workload(() -> driver -> step(driver, paths, 0, outcomes))
            .safetyPhase(Duration.ofMinutes(5))
            .build()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    last[0] = result;
    return outcomes;
  }

  private static void step(
      dev.w9y.core.WorkloadDriver driver, String[] paths, int i, List<String> outcomes) {
    if (i == paths.length) {
      return;
    }
    driver.after(
        Duration.ofSeconds(1),
        () -> {
          String path = paths[i];
          for (int earlier = 0; earlier < outcomes.size(); earlier++) {
            path = path.replace("{" + earlier + "}", outcomes.get(earlier).substring(4));
          }
          driver
              .fetch(Request.get("http://api" + path))
              .whenComplete(
                  (response, error) -> {
                    outcomes.add(
                        error != null
                            ? "failed"
                            : response.status() + " " + response.body().text());
                    step(driver, paths, i + 1, outcomes);
                  });
        });
  }

  private static String b(long commit) {
    return "200 " + dev.w9y.core.sql.Bookmarks.format(commit);
  }

  @Test
  void bookmarksCountDurableCommitsAndARestoreTakesEffectWhenTheObjectRestarts() {
    List<String> outcomes =
        chain(
            "/write?v=1",
            "/write?v=2",
            "/write?v=3",
            "/for-time?ago=1500", // 1.5 s ago: after the second write
            "/restore?b={3}",
            "/rows", // not yet: the restore waits for a restart
            "/abort",
            "/rows",
            "/restore?b={4}", // undo: back to the state before the restore
            "/abort",
            "/rows");
    // The constructor's CREATE TABLE is commit 1, each write one more.
    assertThat(outcomes.subList(0, 5)).containsExactly(b(2), b(3), b(4), b(3), b(4));
    assertThat(outcomes.get(5)).isEqualTo("200 [1,2,3]");
    assertThat(outcomes.get(6)).isEqualTo("500 failed: restoring");
    assertThat(outcomes.get(7)).isEqualTo("200 [1,2]");
    assertThat(outcomes.get(8)).startsWith("200 00000000-");
    assertThat(outcomes.get(10)).isEqualTo("200 [1,2,3]");
    // Bookmarks compare in history order as strings.
    assertThat(outcomes.get(0).compareTo(outcomes.get(2))).isNegative();
    assertThat(outcomes.get(8).compareTo(outcomes.get(4))).isPositive();
    String hash = last[0].traceSha256();
    chain(
        "/write?v=1",
        "/write?v=2",
        "/write?v=3",
        "/for-time?ago=1500",
        "/restore?b={3}",
        "/rows",
        "/abort",
        "/rows",
        "/restore?b={4}",
        "/abort",
        "/rows");
    assertThat(last[0].traceSha256()).isEqualTo(hash);
  }

  @Test
  void badArgumentsAndKeyValueObjectsAreRefusedInWorkerdsWords() {
    List<String> outcomes = chain("/write?v=1", "/bad", "/plain");
    assertThat(outcomes.get(1))
        .isEqualTo(
            "200 [\"TypeError: Failed to execute 'getBookmarkForTime' on 'DurableObjectStorage':"
                + " parameter 1 is not of type 'date'.\",\"TypeError: Failed to execute"
                + " 'onNextSessionRestoreBookmark' on 'DurableObjectStorage': parameter 1 is not"
                + " of type 'string'.\",\"Error: Invalid bookmark: nonsense\",\"Error: The"
                + " requested point in time is more than 30 days ago; point-in-time recovery"
                + " reaches back 30 days.\"]");
    assertThat(outcomes.get(2))
        .isEqualTo(
            "200 This Durable Object's storage back-end does not implement point-in-time"
                + " recovery.");
  }
}
