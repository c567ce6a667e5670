package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.http.Request;
import dev.w9y.core.storage.StorageHooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** SQLite-backed durable objects: ctx.storage.sql, transactionSync, kv, durability and faults. */
class JsSqliteStorageTest {
  static final String WORKER =
      """
      import { DurableObject } from "cloudflare:workers";

      export class Store extends DurableObject {
        constructor(ctx, env) {
          super(ctx, env);
          this.sql = ctx.storage.sql;
          this.sql.exec("CREATE TABLE IF NOT EXISTS items (k TEXT PRIMARY KEY, v INTEGER, b BLOB)");
        }
        async fetch(request) {
          const url = new URL(request.url);
          const q = url.searchParams;
          const sql = this.sql;
          const answer = (value) => new Response(JSON.stringify(value));
          try {
            switch (url.pathname) {
              case "/insert": {
                const c = sql.exec("INSERT INTO items (k, v) VALUES (?, ?)", q.get("k"), Number(q.get("v")));
                return answer({ rowsWritten: c.rowsWritten, columns: c.columnNames });
              }
              case "/get":
                return answer(sql.exec("SELECT k, v FROM items WHERE k = ?", q.get("k")).one());
              case "/all": {
                const c = sql.exec("SELECT k, v FROM items ORDER BY k");
                return answer({ columns: c.columnNames, rows: c.toArray(), rowsRead: c.rowsRead });
              }
              case "/raw":
                return answer(sql.exec("SELECT k, v FROM items ORDER BY k").raw().toArray());
              case "/iterate": {
                const seen = [];
                for (const row of sql.exec("SELECT k FROM items ORDER BY k DESC")) seen.push(row.k);
                const c = sql.exec("SELECT count(*) AS n FROM items");
                return answer({ seen, first: c.next(), after: c.next() });
              }
              case "/one-none":
                return answer(sql.exec("SELECT * FROM items WHERE k = 'absent'").one());
              case "/one-many":
                return answer(sql.exec("SELECT * FROM items").one());
              case "/syntax":
                return answer(sql.exec("SELEKT 1").toArray());
              case "/missing":
                return answer(sql.exec("SELECT * FROM nope").toArray());
              case "/txn": {
                try {
                  this.ctx.storage.transactionSync(() => {
                    sql.exec("INSERT INTO items (k, v) VALUES ('t1', 1)");
                    this.ctx.storage.kv.put("in-txn", 1);
                    throw new Error("boom");
                  });
                } catch (e) {
                  const n = sql.exec("SELECT count(*) AS n FROM items WHERE k = 't1'").one().n;
                  return answer({ error: String(e), rows: n, kv: this.ctx.storage.kv.get("in-txn") ?? null });
                }
                return answer("no error");
              }
              case "/txn-ok": {
                const r = this.ctx.storage.transactionSync(() => {
                  sql.exec("INSERT INTO items (k, v) VALUES ('t2', 2)");
                  return "done";
                });
                return answer({ r, n: sql.exec("SELECT count(*) AS n FROM items").one().n });
              }
              case "/kv": {
                await this.ctx.storage.put("a", { x: 1 });
                this.ctx.storage.kv.put("b", [2]);
                const list = [...this.ctx.storage.kv.list()].map(([k]) => k);
                let cf;
                try { sql.exec("SELECT * FROM _cf_KV"); } catch (e) { cf = String(e); }
                return answer({
                  a: this.ctx.storage.kv.get("a"), b: await this.ctx.storage.get("b"), list, cf,
                  deleted: this.ctx.storage.kv.delete("a"), after: await this.ctx.storage.get("a") ?? null,
                });
              }
              case "/types": {
                sql.exec("INSERT OR REPLACE INTO items (k, v, b) VALUES ('blob', ?, ?)", 1.5, new Uint8Array([1, 2, 255]));
                const row = sql.exec("SELECT v, b, NULL AS n, 'x' AS s, 7 AS i FROM items WHERE k = 'blob'").one();
                return answer({ v: row.v, b: [...new Uint8Array(row.b)], isBuffer: row.b instanceof ArrayBuffer,
                                n: row.n, s: row.s, i: row.i, size: sql.databaseSize > 0 });
              }
              case "/now":
                return answer({ sql: sql.exec("SELECT unixepoch('subsec') * 1000 AS ms").one().ms, js: Date.now(),
                                r: sql.exec("SELECT random() AS r").one().r });
            }
            return new Response("no route", { status: 404 });
          } catch (e) {
            return new Response(String(e), { status: 500 });
          }
        }
      }

      export default {
        fetch: (request, env) => env.STORE.get(env.STORE.idFromName("main")).fetch(request),
      };
      """;

  static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "api",
                    JsGuest.fromSource("index.js", WORKER).withSqliteClasses(List.of("Store")))
                .withDurableObject("STORE", "Store")
                .asPublic())
        .build();
  }

  private static JsWorld oneASecond(String... paths) {
    Request[] requests = new Request[paths.length];
    for (int i = 0; i < paths.length; i++) {
      requests[i] = Request.get("http://api" + paths[i]);
    }
    return JsWorld.oneASecond(topology(), 1, requests);
  }

  private static List<String> outcomes(JsWorld world) {
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    return world.outcomes;
  }

  @Test
  void createInsertSelectWithWorkerdsCursor() {
    JsWorld world =
        oneASecond("/insert?k=a&v=1", "/insert?k=b&v=2", "/get?k=b", "/all", "/raw", "/iterate");
    assertThat(outcomes(world))
        .containsExactly(
            "200 {\"rowsWritten\":2,\"columns\":[]}",
            "200 {\"rowsWritten\":2,\"columns\":[]}",
            "200 {\"k\":\"b\",\"v\":2}",
            "200 {\"columns\":[\"k\",\"v\"],\"rows\":[{\"k\":\"a\",\"v\":1},{\"k\":\"b\",\"v\":2}],"
                + "\"rowsRead\":2}",
            "200 [[\"a\",1],[\"b\",2]]",
            "200 {\"seen\":[\"b\",\"a\"],\"first\":{\"done\":false,\"value\":{\"n\":2}},"
                + "\"after\":{\"done\":true}}");
    assertThat(world.records("storage.sql").get(1))
        .contains("\"query\":\"INSERT INTO items (k, v) VALUES (?, ?)\"")
        .contains("\"rowsWritten\":2")
        .contains("\"batch\":");
  }

  @Test
  void sqlErrorsReadAsSqliteAndWorkerdWordThem() {
    JsWorld world =
        oneASecond(
            "/insert?k=a&v=1",
            "/insert?k=a&v=1",
            "/one-none",
            "/insert?k=b&v=1",
            "/one-many",
            "/syntax",
            "/missing");
    // The trace names the object (by its namespace), the service whose code ran the statement (as
    // D1's failed replies do), the statement and SQLite's words.
    assertThat(world.records("storage.sql"))
        .anySatisfy(
            record ->
                assertThat(record)
                    .contains("\"actor\":\"STORE:")
                    .contains("\"query\":\"SELEKT 1\"")
                    .contains("\"error\":\"near \\\"SELEKT\\\": syntax error at offset 0")
                    .contains("\"service\":\"api\""));
    // Statements that succeed say no more than before.
    assertThat(world.records("storage.sql"))
        .filteredOn(record -> !record.contains("\"error\""))
        .isNotEmpty()
        .noneMatch(record -> record.contains("\"service\""));
    assertThat(outcomes(world))
        .containsExactly(
            "200 {\"rowsWritten\":2,\"columns\":[]}",
            "500 Error: UNIQUE constraint failed: items.k: SQLITE_CONSTRAINT"
                + " (extended: SQLITE_CONSTRAINT_PRIMARYKEY)",
            "500 Error: Expected exactly one result from SQL query, but got no results.",
            "200 {\"rowsWritten\":2,\"columns\":[]}",
            "500 Error: Expected exactly one result from SQL query, but got multiple results.",
            "500 Error: near \"SELEKT\": syntax error at offset 0: SQLITE_ERROR",
            "500 Error: no such table: nope: SQLITE_ERROR");
  }

  @Test
  void transactionSyncRollsBackSqlAndKvOnThrowAndCommitsOtherwise() {
    assertThat(outcomes(oneASecond("/txn", "/txn-ok", "/all")))
        .containsExactly(
            "200 {\"error\":\"Error: boom\",\"rows\":0,\"kv\":null}",
            "200 {\"r\":\"done\",\"n\":1}",
            "200 {\"columns\":[\"k\",\"v\"],\"rows\":[{\"k\":\"t2\",\"v\":2}],\"rowsRead\":1}");
  }

  @Test
  void theKeyValueApisShareTheDatabaseWhichTheGuestsSqlCannotReach() {
    assertThat(outcomes(oneASecond("/kv")))
        .containsExactly(
            "200 {\"a\":{\"x\":1},\"b\":[2],\"list\":[\"a\",\"b\"],"
                + "\"cf\":\"Error: not authorized: SQLITE_AUTH\",\"deleted\":true,\"after\":null}");
  }

  @Test
  void valuesAreTypedAsWorkerdMapsThemAndTimeAndRandomnessAreTheSimulations() {
    JsWorld world = oneASecond("/types", "/now");
    assertThat(outcomes(world).get(0))
        .isEqualTo(
            "200 {\"v\":1.5,\"b\":[1,2,255],\"isBuffer\":true,\"n\":null,\"s\":\"x\",\"i\":7,"
                + "\"size\":true}");
    // SQLite's 'now' is the guest's virtual clock.
    String now = outcomes(world).get(1);
    String sqlMillis = now.replaceAll(".*\"sql\":([0-9.]+).*", "$1");
    String jsMillis = now.replaceAll(".*\"js\":([0-9]+).*", "$1");
    assertThat((long) Double.parseDouble(sqlMillis)).isEqualTo(Long.parseLong(jsMillis));
    // The same seed answers the same random(); the whole run is the same.
    JsWorld again = oneASecond("/types", "/now");
    assertThat(again.outcomes).isEqualTo(world.outcomes);
    assertThat(again.result.traceSha256()).isEqualTo(world.result.traceSha256());
  }

  @Test
  void aKeyValueClassSaysSqlIsNotEnabled() {
    String source =
        """
        export class Plain {
          constructor(state) { this.state = state; }
          async fetch() {
            try { this.state.storage.sql; return new Response("sql?"); }
            catch (e) { return new Response(String(e).slice(0, 60)); }
          }
        }
        export default { fetch: (r, env) => env.P.get(env.P.idFromName("x")).fetch(r) };
        """;
    Topology plain =
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("index.js", source))
                    .withDurableObject("P", "Plain")
                    .asPublic())
            .build();
    assertThat(JsWorld.run(plain, 1, Request.get("http://api/")).outcomes)
        .containsExactly("200 Error: SQL is not enabled for this Durable Object class. To ");
  }

  // ---------------------------------------------------------------- topology files

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path temp;

  private java.nio.file.Path topologyFile(String sqliteClasses) throws java.io.IOException {
    java.nio.file.Files.writeString(temp.resolve("index.js"), WORKER);
    return java.nio.file.Files.writeString(
        temp.resolve("w9y.yaml"),
        "services:\n"
            + "  api:\n"
            + "    kind: js\n"
            + "    entry: index.js\n"
            + "    public: true\n"
            + "    durableObjects: {STORE: Store}\n"
            + "    sqliteClasses: "
            + sqliteClasses
            + "\n");
  }

  @Test
  void aTopologyFileMakesItsSqliteClassesSqliteBacked() throws java.io.IOException {
    Topology fromFile = dev.w9y.core.topology.TopologyFile.load(topologyFile("[Store]"));
    JsWorld world =
        JsWorld.oneASecond(
            fromFile,
            1,
            Request.get("http://api/insert?k=a&v=1"),
            Request.get("http://api/get?k=a"));
    assertThat(outcomes(world))
        .containsExactly("200 {\"rowsWritten\":2,\"columns\":[]}", "200 {\"k\":\"a\",\"v\":1}");
  }

  @Test
  void aTopologyFileNamingAClassItDoesNotBindSaysWhere() throws java.io.IOException {
    java.nio.file.Path yaml = topologyFile("[Stor]");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.w9y.core.topology.TopologyFile.load(yaml))
        .hasMessageContaining(yaml + ":7:")
        .hasMessageContaining("services.api.sqliteClasses")
        .hasMessageContaining("'Stor' is not a class of this service's durableObjects [Store]");
  }

  // ---------------------------------------------------------------- durability

  private static SimulationResult run(
      long seed, StorageHooks hooks, Consumer<WorkloadDriver> workload) {
    return Simulation.builder(topology())
        .seed(seed)
        .storageHooks(context -> hooks)
        .workload(() -> workload::accept)
        .safetyPhase(Duration.ofMinutes(1))
        .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
        .build()
        .retainingTrace()
        .run();
  }

  @Test
  void aCrashLosesTheWritesThatWereNotYetDurableAndKeepsTheRest() {
    // Writes take 10 s to become durable; the object crashes 1 s after the second insert.
    StorageHooks slowWrites =
        new StorageHooks() {
          @Override
          public long extraLatencyNanos(String actor, boolean write) {
            return write ? 10_000_000_000L : 0;
          }
        };
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        run(
            3,
            slowWrites,
            driver -> {
              JsWorld.send(driver, Request.get("http://api/insert?k=a&v=1"), outcomes);
              driver.after(
                  Duration.ofSeconds(20),
                  () -> JsWorld.send(driver, Request.get("http://api/insert?k=b&v=2"), outcomes));
              driver.after(
                  Duration.ofSeconds(21),
                  () -> driver.world().crashObject("api", "STORE", "main", "test"));
              driver.after(
                  Duration.ofSeconds(40),
                  () -> JsWorld.send(driver, Request.get("http://api/all"), outcomes));
            });
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0)).isEqualTo("200 {\"rowsWritten\":2,\"columns\":[]}");
    // The second insert's answer waited on its write, which the crash lost: the caller failed.
    assertThat(outcomes.get(1)).startsWith("500");
    assertThat(outcomes.get(2))
        .isEqualTo(
            "200 {\"columns\":[\"k\",\"v\"],\"rows\":[{\"k\":\"a\",\"v\":1}],\"rowsRead\":1}");
  }

  @Test
  void theWorldShowsTheDurableKeyValueDataOfASqliteObject() {
    List<String> outcomes = new ArrayList<>();
    List<String> durableKeys = new ArrayList<>();
    SimulationResult result =
        run(
            2,
            StorageHooks.NONE,
            driver -> {
              JsWorld.send(driver, Request.get("http://api/kv"), outcomes);
              driver.after(
                  Duration.ofSeconds(5),
                  () ->
                      durableKeys.addAll(
                          driver.world().durableStorage("api", "STORE", "main").keySet()));
            });
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).hasSize(1);
    // /kv put "a" and "b" and deleted "a": what is durable is "b".
    assertThat(durableKeys).containsExactly("b");
  }

  @Test
  void aFailedWriteResetsTheObjectToItsLastDurableDatabase() {
    // The table is created by the constructor (batch 1); the insert is batch 2 and fails.
    StorageHooks failInsert =
        new StorageHooks() {
          private boolean failed;

          @Override
          public boolean failWrite(String actor, long batch) {
            if (batch == 2 && !failed) {
              failed = true;
              return true;
            }
            return false;
          }
        };
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        run(
            5,
            failInsert,
            driver -> {
              JsWorld.send(driver, Request.get("http://api/insert?k=a&v=1"), outcomes);
              driver.after(
                  Duration.ofSeconds(5),
                  () -> JsWorld.send(driver, Request.get("http://api/all"), outcomes));
            });
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes.get(0)).startsWith("500");
    assertThat(outcomes.get(1))
        .isEqualTo("200 {\"columns\":[\"k\",\"v\"],\"rows\":[],\"rowsRead\":0}");
    assertThat(String.join("\n", result.fullTrace())).contains("storage.write-failed");
  }

  /** Storage faults on a fixed pattern: failed writes, crashes after writes, slow writes. */
  private static StorageHooks everyFewBatchesFails() {
    return new StorageHooks() {
      private long writes;

      @Override
      public boolean failWrite(String actor, long batch) {
        return batch % 4 == 3;
      }

      @Override
      public boolean crashAfterWrite(String actor, long batch) {
        return batch % 5 == 4;
      }

      @Override
      public long extraLatencyNanos(String actor, boolean write) {
        return write ? (++writes % 3) * 50_000_000L : 0;
      }
    };
  }

  @Test
  void theSameSeedGivesTheSameTraceUnderFaultsAndCrashes() {
    for (long seed = 1; seed <= 3; seed++) {
      List<String> hashes = new ArrayList<>();
      for (int attempt = 0; attempt < 2; attempt++) {
        long s = seed;
        SimulationResult result =
            Simulation.builder(topology())
                .seed(s)
                .storageHooks(context -> everyFewBatchesFails())
                .workload(
                    () ->
                        driver -> {
                          for (int i = 0; i < 8; i++) {
                            int n = i;
                            driver.after(
                                Duration.ofMillis(driver.random().nextLong(0, 2000)),
                                () ->
                                    driver.fetch(
                                        Request.get("http://api/insert?k=k" + n + "&v=" + n)));
                          }
                          driver.after(
                              Duration.ofSeconds(3),
                              () -> driver.fetch(Request.get("http://api/now")));
                        })
                .safetyPhase(Duration.ofSeconds(30))
                .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
                .build()
                .run();
        hashes.add(result.traceSha256());
      }
      assertThat(hashes.get(1)).as("seed " + seed).isEqualTo(hashes.get(0));
    }
  }
}
