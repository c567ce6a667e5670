package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.d1.D1DatabaseBinding;
import dev.w9y.core.http.Request;
import dev.w9y.core.storage.StorageHooks;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** D1 bindings: the API as workerd's D1 client has it, a shared remote database, faults, limits. */
class JsD1Test {
  static final String WORKER =
      """
      const answer = (value) => new Response(JSON.stringify(value));
      const fail = async (f) => { try { return { value: await f() }; } catch (e) { return { error: e.message, cause: e.cause?.message }; } };

      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const q = url.searchParams;
          const db = env.DB;
          switch (url.pathname) {
            case "/setup":
              return answer(await db.exec(
                "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v REAL, b BLOB);\\n" +
                "INSERT INTO items (k, v) VALUES ('a', 1)"));
            case "/insert":
              return answer(await fail(() => db.prepare("INSERT INTO items (k, v, b) VALUES (?, ?, ?)")
                .bind(q.get("k"), Number(q.get("v")), new Uint8Array([1, 2])).run()));
            case "/all":
              return answer(await db.prepare("SELECT k, v, b FROM items ORDER BY id").all());
            case "/first":
              return answer({
                row: await db.prepare("SELECT k, v FROM items WHERE k = ?").bind(q.get("k")).first(),
                v: await db.prepare("SELECT k, v FROM items WHERE k = ?").bind(q.get("k")).first("v"),
                none: await db.prepare("SELECT k FROM items WHERE k = 'absent'").first(),
                missing: await fail(() => db.prepare("SELECT k FROM items").first("nope")),
              });
            case "/raw":
              return answer({
                plain: await db.prepare("SELECT k, v FROM items ORDER BY id").raw(),
                named: await db.prepare("SELECT ?2 AS two, ?1 AS one, ? AS t").bind("x", "y", true).raw({ columnNames: true }),
              });
            case "/batch":
              return answer(await fail(() => db.batch([
                db.prepare("INSERT INTO items (k, v) VALUES (?, ?)").bind(q.get("k"), 5),
                db.prepare(q.get("second") ?? "SELECT count(*) AS n FROM items"),
              ])));
            case "/count":
              return answer(await db.prepare("SELECT count(*) AS n FROM items").first("n"));
            case "/errors":
              return answer({
                noTable: await fail(() => db.prepare("SELECT * FROM nope").all()),
                syntax: await fail(() => db.prepare("SELEC 1").all()),
                unique: await fail(() => db.prepare("INSERT INTO items (k) VALUES ('a')").run()),
                bindings: await fail(() => db.prepare("SELECT ?, ?").bind(1).all()),
                undef: await fail(() => db.prepare("SELECT ?").bind(undefined)),
                object: await fail(() => db.prepare("SELECT ?").bind({})),
                exec: await fail(() => db.exec("INSERT INTO items (k) VALUES ('z')\\nSELECT * FROM nope")),
                empty: await fail(() => db.exec("")),
                emptyBatch: await fail(() => db.batch([])),
                begin: await fail(() => db.prepare("BEGIN").run()),
                long: await fail(() => db.prepare("SELECT '" + "x".repeat(100001) + "'").all()),
                params: await fail(() => db.prepare("SELECT " + Array(101).fill("?").join(",")).bind(...Array(101).fill(1)).all()),
                columns: await fail(() => db.exec("CREATE TABLE wide (" + Array.from({ length: 101 }, (_, i) => "c" + i).join(",") + ")")),
                zAfterExec: await db.prepare("SELECT count(*) AS n FROM items WHERE k = 'z'").first("n"),
              });
            case "/session": {
              const session = db.withSession("first-primary");
              const before = session.getBookmark();
              await session.prepare("SELECT 1").run();
              const after = session.getBookmark();
              return answer({ before, after, dump: await fail(() => db.dump()) });
            }
            case "/types":
              return answer((await db.prepare(
                "SELECT 1e999 AS inf, 0.5 AS half, 9007199254740993 AS big, x'00ff' AS blob, NULL AS n, 'é' AS s").all()).results);
          }
          return new Response("no route", { status: 404 });
        },
      };
      """;

  static final String OTHER =
      """
      export default {
        async fetch(request, env) {
          const n = await env.ORDERS.prepare("SELECT count(*) AS n FROM items").first("n");
          return new Response(String(n));
        },
      };
      """;

  static Topology topology() {
    D1DatabaseBinding database = new D1DatabaseBinding("orders", "0000-orders");
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("index.js", WORKER))
                .withPlatformBinding("DB", database)
                .asPublic())
        .service(
            ServiceSpec.of("other", JsGuest.fromSource("other.js", OTHER))
                .withPlatformBinding("ORDERS", database)
                .asPublic())
        .build();
  }

  /** One request a second, in order; seed 1 unless given; the run must pass. */
  record Run(SimulationResult result, List<String> outcomes) {
    List<JsonNode> records(String kind) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
        if (kind.equals(record.path("kind").asString(""))) {
          found.add(record);
        }
      }
      return found;
    }
  }

  static Run run(long seed, StorageHooks hooks, String... urls) {
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology())
            .seed(seed)
            .storageHooks(context -> hooks)
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < urls.length; i++) {
                        Request request = Request.get(urls[i]);
                        driver.after(
                            Duration.ofSeconds(i + 1),
                            () -> JsWorld.send(driver, request, outcomes));
                      }
                    })
            .safetyPhase(Duration.ofMinutes(1))
            .build()
            .retainingTrace()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    return new Run(result, outcomes);
  }

  static Run run(String... urls) {
    return run(1, StorageHooks.NONE, urls);
  }

  private static final String META = "\"served_by\":\"miniflare.db\",\"duration\":0,";

  @Test
  void preparedStatementsAnswerAsWorkerdsClient() {
    Run run =
        run(
            "http://api/setup",
            "http://api/insert?k=b&v=2.5",
            "http://api/all",
            "http://api/first?k=b",
            "http://api/raw");
    assertThat(run.outcomes())
        .containsExactly(
            "200 {\"count\":2,\"duration\":0}",
            "200 {\"value\":{\"success\":true,\"meta\":{"
                + META
                + "\"changes\":1,\"last_row_id\":2,\"changed_db\":true,\"size_after\":12288,"
                + "\"rows_read\":0,\"rows_written\":2},\"results\":[]}}",
            "200 {\"success\":true,\"meta\":{"
                + META
                + "\"changes\":0,\"last_row_id\":2,\"changed_db\":false,\"size_after\":12288,"
                + "\"rows_read\":2,\"rows_written\":0},\"results\":[{\"k\":\"a\",\"v\":1,\"b\":null},"
                + "{\"k\":\"b\",\"v\":2.5,\"b\":[1,2]}]}",
            "200 {\"row\":{\"k\":\"b\",\"v\":2.5},\"v\":2.5,\"none\":null,\"missing\":{\"error\":"
                + "\"D1_COLUMN_NOTFOUND: Column not found (nope)\",\"cause\":\"Column not found\"}}",
            "200 {\"plain\":[[\"a\",1],[\"b\",2.5]],\"named\":[[\"two\",\"one\",\"t\"],"
                + "[\"y\",\"x\",1]]}");
  }

  @Test
  void aBatchIsOneTransactionAllOrNothing() {
    Run run =
        run(
            "http://api/setup",
            "http://api/batch?k=c",
            "http://api/batch?k=d&second=SELECT%20*%20FROM%20nope",
            "http://api/count");
    assertThat(run.outcomes().get(1))
        .startsWith("200 {\"value\":[{\"success\":true,")
        .contains("\"results\":[{\"n\":2}]");
    assertThat(run.outcomes().get(2))
        .isEqualTo(
            "200 {\"error\":\"D1_ERROR: no such table: nope: SQLITE_ERROR\","
                + "\"cause\":\"no such table: nope: SQLITE_ERROR\"}");
    assertThat(run.outcomes().get(3)).isEqualTo("200 2"); // d was rolled back
  }

  @Test
  void errorsAndLimitsReadAsWorkerdWordsThem() {
    Run run = run("http://api/setup", "http://api/errors");
    assertThat(run.outcomes().get(1))
        .isEqualTo(
            "200 {\"noTable\":{\"error\":\"D1_ERROR: no such table: nope: SQLITE_ERROR\","
                + "\"cause\":\"no such table: nope: SQLITE_ERROR\"},"
                + "\"syntax\":{\"error\":\"D1_ERROR: near \\\"SELEC\\\": syntax error at offset 0:"
                + " SQLITE_ERROR\",\"cause\":\"near \\\"SELEC\\\": syntax error at offset 0:"
                + " SQLITE_ERROR\"},"
                + "\"unique\":{\"error\":\"D1_ERROR: UNIQUE constraint failed: items.k:"
                + " SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)\",\"cause\":\"UNIQUE"
                + " constraint failed: items.k: SQLITE_CONSTRAINT (extended:"
                + " SQLITE_CONSTRAINT_UNIQUE)\"},"
                + "\"bindings\":{\"error\":\"D1_ERROR: Wrong number of parameter bindings for SQL"
                + " query.\",\"cause\":\"Wrong number of parameter bindings for SQL query.\"},"
                + "\"undef\":{\"error\":\"D1_TYPE_ERROR: Type 'undefined' not supported for value"
                + " 'undefined'\",\"cause\":\"Type 'undefined' not supported for value"
                + " 'undefined'\"},"
                + "\"object\":{\"error\":\"D1_TYPE_ERROR: Type 'object' not supported for value"
                + " '[object Object]'\",\"cause\":\"Type 'object' not supported for value"
                + " '[object Object]'\"},"
                + "\"exec\":{\"error\":\"D1_EXEC_ERROR: Error in line 1: INSERT INTO items (k)"
                + " VALUES ('z'): no such table: nope: SQLITE_ERROR\",\"cause\":\"Error in line"
                + " 1: INSERT INTO items (k) VALUES ('z'): no such table: nope: SQLITE_ERROR\"},"
                + "\"empty\":{\"error\":\"D1_EXEC_ERROR: Error in line 1: : No SQL statements"
                + " detected.\",\"cause\":\"Error in line 1: : No SQL statements detected.\"},"
                + "\"emptyBatch\":{\"error\":\"D1_ERROR: No SQL statements detected.\","
                + "\"cause\":\"No SQL statements detected.\"},"
                + "\"begin\":{\"error\":\"D1_ERROR: To execute a transaction, please use the"
                + " state.storage.transaction() or state.storage.transactionSync() APIs instead"
                + " of the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is"
                + " safer because it will automatically roll back on exceptions, and because it"
                + " interacts correctly with Durable Objects' automatic atomic write"
                + " coalescing.\",\"cause\":\"To execute a transaction, please use the"
                + " state.storage.transaction() or state.storage.transactionSync() APIs instead"
                + " of the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is"
                + " safer because it will automatically roll back on exceptions, and because it"
                + " interacts correctly with Durable Objects' automatic atomic write"
                + " coalescing.\"},"
                + "\"long\":{\"error\":\"D1_ERROR: statement too long: SQLITE_TOOBIG\","
                + "\"cause\":\"statement too long: SQLITE_TOOBIG\"},"
                + "\"params\":{\"error\":\"D1_ERROR: too many SQL variables at offset 207:"
                + " SQLITE_ERROR\",\"cause\":\"too many SQL variables at offset 207:"
                + " SQLITE_ERROR\"},"
                + "\"columns\":{\"error\":\"D1_EXEC_ERROR: Error in line 1: CREATE TABLE wide"
                + " ("
                + columns()
                + "): too many columns on wide: SQLITE_ERROR\",\"cause\":\"Error in line 1:"
                + " CREATE TABLE wide ("
                + columns()
                + "): too many columns on wide: SQLITE_ERROR\"},"
                + "\"zAfterExec\":0}");
    // The trace names the failing statement and the service; the guest saw SQLite's words.
    JsonNode failed =
        run.records("d1.reply").stream()
            .filter(r -> r.path("error").asString("").startsWith("no such table"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.path("statement").asString()).isEqualTo("SELECT * FROM nope");
    assertThat(failed.path("service").asString()).isEqualTo("api");
  }

  private static String columns() {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i <= 100; i++) {
      all.append(i == 0 ? "" : ",").append('c').append(i);
    }
    return all.toString();
  }

  @Test
  void valuesCrossAsThroughD1sJsonAndSessionsCarryBookmarks() {
    Run run = run("http://api/types", "http://api/session");
    assertThat(run.outcomes())
        .containsExactly(
            "200 [{\"inf\":null,\"half\":0.5,\"big\":9007199254740992,\"blob\":[0,255],"
                + "\"n\":null,\"s\":\"é\"}]",
            "200 {\"before\":null,\"after\":\"00000000-00000001-00000000-"
                + "00000000000000000000000000000000\",\"dump\":{\"error\":\"D1_DUMP_ERROR:"
                + " Status + 404\",\"cause\":\"Status 404\"}}");
  }

  @Test
  void everyServiceBoundToTheDatabaseIdSharesItAndEachQueryIsARemoteOperation() {
    Run run = run("http://api/setup", "http://api/insert?k=b&v=2", "http://other/");
    assertThat(run.outcomes().get(2)).isEqualTo("200 2");
    List<JsonNode> queries = run.records("d1.query");
    assertThat(queries).hasSize(3);
    JsonNode last = queries.get(2);
    assertThat(last.path("actor").asString()).isEqualTo("d1:orders");
    assertThat(last.path("sql").asString()).isEqualTo("SELECT count(*) AS n FROM items");
    assertThat(last.path("service").asString()).isEqualTo("other");
    List<JsonNode> replies = run.records("d1.reply");
    assertThat(replies).hasSize(3);
    // Each answer comes later than its query ran: the network both ways.
    for (int i = 0; i < 3; i++) {
      assertThat(replies.get(i).path("t").asLong())
          .isGreaterThan(queries.get(i).path("t").asLong());
    }
    // Same seed, same run.
    Run again = run("http://api/setup", "http://api/insert?k=b&v=2", "http://other/");
    assertThat(again.result().traceSha256()).isEqualTo(run.result().traceSha256());
    assertThat(again.outcomes()).isEqualTo(run.outcomes());
  }

  @Test
  void storageFaultsFailRollBackLoseAnswersAndSlowQueries() {
    // The second write fails (rolled back); the third is durable but its answer is lost; every
    // write is 40 ms slow.
    StorageHooks faults =
        new StorageHooks() {
          @Override
          public boolean failWrite(String actor, long batch) {
            return actor.equals("d1:orders") && batch == 2;
          }

          @Override
          public boolean crashAfterWrite(String actor, long batch) {
            return actor.equals("d1:orders") && batch == 3;
          }

          @Override
          public long extraLatencyNanos(String actor, boolean write) {
            return actor.equals("d1:orders") ? 40_000_000L : 0;
          }
        };
    Run run =
        run(
            7,
            faults,
            "http://api/setup",
            "http://api/insert?k=b&v=2",
            "http://api/insert?k=c&v=3",
            "http://api/count");
    assertThat(run.outcomes())
        .containsExactly(
            "200 {\"count\":2,\"duration\":80}",
            "200 {\"error\":\"D1_ERROR: Internal error in D1 DB storage caused object to be"
                + " reset.\",\"cause\":\"Internal error in D1 DB storage caused object to be"
                + " reset.\"}",
            "200 {\"error\":\"D1_ERROR: Network connection lost.\",\"cause\":\"Network"
                + " connection lost.\"}",
            "200 2"); // b rolled back, c written although its caller heard it failed
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path temp;

  @Test
  void aTopologyFileBindsD1DatabasesByIdAcrossServices() throws java.io.IOException {
    java.nio.file.Files.writeString(temp.resolve("index.js"), WORKER);
    java.nio.file.Files.writeString(temp.resolve("other.js"), OTHER);
    java.nio.file.Path file =
        java.nio.file.Files.writeString(
            temp.resolve("w9y.yaml"),
            "services:\n"
                + "  api: {kind: js, entry: index.js, public: true, d1Databases: {DB: orders}}\n"
                + "  other: {kind: js, entry: other.js, public: true, d1Databases: {ORDERS:"
                + " orders}}\n");
    Topology topology = dev.w9y.core.topology.TopologyFile.load(file);
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology)
            .seed(2)
            .workload(
                () ->
                    driver -> {
                      String[] urls = {"http://api/setup", "http://other/"};
                      for (int i = 0; i < urls.length; i++) {
                        Request request = Request.get(urls[i]);
                        driver.after(
                            Duration.ofSeconds(i + 1),
                            () -> JsWorld.send(driver, request, outcomes));
                      }
                    })
            .build()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).containsExactly("200 {\"count\":2,\"duration\":0}", "200 1");
  }
}
