package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.sql.SqliteDatabase;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.scheduler.RandomStream;
import java.time.Duration;
import java.util.List;

/**
 * SQLite-backed durable objects: (1) the engine alone, statements per CPU second of real SQLite
 * through sqlite-jdbc (insert + select by key, an image taken per write as the durable point), and
 * the cost of one database (open, image size); (2) whole simulations of one object answering
 * requests that each insert a row and read it back by key, with {@code ctx.storage.sql} and with
 * the key-value API ({@code put} + {@code get}) on the same SQLite-backed object. Each figure is
 * per CPU second of the whole process and of the simulation thread.
 *
 * <p>Also (3) D1: the same request shape against a D1 database ({@code /d1}: two queries per
 * request, each a simulated remote operation), and (4) the cost of many SQLite-backed objects:
 * memory with all of them live and the CPU of starting one.
 *
 * <p>Usage: {@code SqliteStorageBenchmark [requests per run, default 2000] [runs, default 5]
 * [objects, default 1000]}.
 */
public final class SqliteStorageBenchmark {
  private SqliteStorageBenchmark() {}

  static final String WORKER =
      """
      export class Store {
        constructor(ctx) {
          this.ctx = ctx;
          ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS items (k TEXT PRIMARY KEY, v TEXT)");
        }
        async fetch(request) {
          const url = new URL(request.url);
          const k = url.searchParams.get("k");
          if (url.pathname === "/sql" || url.pathname === "/many") {
            this.ctx.storage.sql.exec("INSERT OR REPLACE INTO items VALUES (?, ?)", k, "value " + k);
            const row = this.ctx.storage.sql.exec("SELECT v FROM items WHERE k = ?", k).one();
            return new Response(row.v);
          }
          await this.ctx.storage.put(k, "value " + k);
          return new Response(await this.ctx.storage.get(k));
        }
      }
      let created = null;
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const k = url.searchParams.get("k");
          if (url.pathname === "/d1") {
            created ??= env.DB.exec("CREATE TABLE IF NOT EXISTS items (k TEXT PRIMARY KEY, v TEXT)");
            await created;
            await env.DB.prepare("INSERT OR REPLACE INTO items VALUES (?, ?)").bind(k, "value " + k).run();
            return new Response(await env.DB.prepare("SELECT v FROM items WHERE k = ?").bind(k).first("v"));
          }
          // /many: one object per key (each starts with its own database); else one object.
          const name = url.pathname === "/many" ? k : "one";
          const path = url.pathname === "/many" ? "/sql" : url.pathname;
          return env.STORE.get(env.STORE.idFromName(name)).fetch(new Request("http://store" + path + "?k=" + k));
        },
      };
      """;

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    engine(20_000);
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "api",
                        JsGuest.fromSource("index.js", WORKER).withSqliteClasses(List.of("Store")))
                    .withDurableObject("STORE", "Store")
                    .withPlatformBinding("DB", dev.w9y.core.d1.D1DatabaseBinding.named("bench"))
                    .asPublic())
            .build();
    for (String path : List.of("/sql", "/kv", "/d1")) {
      simulation(topology, path, requests, runs);
    }
    manyObjects(topology, args.length > 2 ? Integer.parseInt(args[2]) : 1000);
  }

  /**
   * {@code objects} SQLite-backed objects, each started by one request (its constructor's CREATE
   * TABLE, an INSERT and a SELECT): the process's resident memory and Java heap with all of them
   * live (sampled by the workload at the end of the run), against the same number of requests to
   * one object.
   */
  private static void manyObjects(Topology topology, int objects) {
    long[] sample = new long[2];
    Simulation many =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(objects / 1000 + 10))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < objects; i++) {
                        String key = "o" + i;
                        driver.after(
                            Duration.ofMillis(i),
                            () -> driver.fetch(Request.get("http://api/many?k=" + key)));
                      }
                      driver.after(
                          Duration.ofMillis(objects + 2000),
                          () -> {
                            System.gc();
                            Runtime runtime = Runtime.getRuntime();
                            sample[0] = runtime.totalMemory() - runtime.freeMemory();
                            sample[1] = residentBytes();
                          });
                    })
            .build();
    many.run().orThrow(); // warm-up
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    long heapBefore = runtime.totalMemory() - runtime.freeMemory();
    long residentBefore = residentBytes();
    SimulationTiming.Timed manyTime = SimulationTiming.timed(() -> many.run().orThrow());
    long heapMany = sample[0] - heapBefore;
    long residentMany = sample[1] - residentBefore;
    Simulation one =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(objects / 1000 + 10))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < objects; i++) {
                        String key = "o" + i;
                        driver.after(
                            Duration.ofMillis(i),
                            () -> driver.fetch(Request.get("http://api/sql?k=" + key)));
                      }
                    })
            .build();
    one.run().orThrow();
    SimulationTiming.Timed oneTime = SimulationTiming.timed(() -> one.run().orThrow());
    System.out.printf(
        "many objects: %d SQLite-backed objects live: +%d KB Java heap (%d bytes each), +%d KB"
            + " resident (%d bytes each, SQLite's native pages included); %d requests to %d"
            + " objects %.2f s sim-thread CPU vs to one object %.2f s: %.2f ms per object start%n",
        objects,
        heapMany / 1024,
        heapMany / objects,
        residentMany / 1024,
        residentMany / objects,
        objects,
        objects,
        manyTime.cpuSeconds(),
        oneTime.cpuSeconds(),
        (manyTime.cpuSeconds() - oneTime.cpuSeconds()) * 1000 / objects);
  }

  /** VmRSS of this process (Linux), or 0. */
  private static long residentBytes() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException e) {
      return 0;
    }
    return 0;
  }

  /** The engine without a simulation: what one statement costs in SQLite through the driver. */
  private static void engine(int rows) {
    try (SqliteDatabase warm = open()) {
      insertAndSelect(warm, rows); // warm-up: JIT and the driver's native library
    }
    try (SqliteDatabase db = open()) {
      long process = SimulationTiming.processCpuNanos();
      SimulationTiming.Timed time = SimulationTiming.timed(() -> insertAndSelect(db, rows));
      long processNanos = SimulationTiming.processCpuNanos() - process;
      System.out.printf(
          "engine: %d inserts + %d selects by key: %.0f statements per thread CPU-s, %.0f per"
              + " process CPU-s (wall %.2f s)%n",
          rows,
          rows,
          2 * rows / time.cpuSeconds(),
          2 * rows / (processNanos / 1e9),
          time.wallSeconds());
      SimulationTiming.Timed image = SimulationTiming.timed(() -> db.image());
      System.out.printf(
          "engine: image of %d rows: %d bytes in %.2f ms thread CPU%n",
          rows, db.image().length, image.cpuNanos() / 1e6);
    }
    int opens = 200;
    SqliteDatabase[] databases = new SqliteDatabase[opens];
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long heapBefore = runtime.totalMemory() - runtime.freeMemory();
    SimulationTiming.Timed opened =
        SimulationTiming.timed(
            () -> {
              for (int i = 0; i < opens; i++) {
                databases[i] = open();
                databases[i].exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)", List.of());
              }
            });
    System.gc();
    long heapAfter = runtime.totalMemory() - runtime.freeMemory();
    System.out.printf(
        "engine: a database (open + one CREATE TABLE): %.2f ms thread CPU each, %d bytes Java heap"
            + " each (SQLite's own memory is native), image %d bytes%n",
        opened.cpuNanos() / 1e6 / opens,
        (heapAfter - heapBefore) / opens,
        databases[0].image().length);
    for (SqliteDatabase database : databases) {
      database.close();
    }
  }

  private static SqliteDatabase open() {
    return SqliteDatabase.open(RandomStream.root(1).child("bench"), () -> 0L);
  }

  private static void insertAndSelect(SqliteDatabase db, int rows) {
    db.exec("CREATE TABLE IF NOT EXISTS items (k TEXT PRIMARY KEY, v TEXT)", List.of());
    for (int i = 0; i < rows; i++) {
      String key = "k" + i;
      db.exec("INSERT OR REPLACE INTO items VALUES (?, ?)", List.of(key, "value " + key));
      db.exec("SELECT v FROM items WHERE k = ?", List.of(key));
    }
  }

  private static void simulation(Topology topology, String path, int requests, int runs) {
    Simulation simulation =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(requests / 1000 + 5))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < requests; i++) {
                        String key = "k" + (i % 500);
                        driver.after(
                            Duration.ofMillis(i),
                            () -> driver.fetch(Request.get("http://api" + path + "?k=" + key)));
                      }
                    })
            .build();
    for (int i = 0; i < 3; i++) {
      simulation.withSeed(100 + i).run().orThrow();
    }
    long process = SimulationTiming.processCpuNanos();
    SimulationResult[] last = new SimulationResult[1];
    SimulationTiming.Timed time =
        SimulationTiming.timed(
            () -> {
              for (int run = 0; run < runs; run++) {
                last[0] = simulation.withSeed(run).run().orThrow();
              }
            });
    double processSeconds = (SimulationTiming.processCpuNanos() - process) / 1e9;
    long total = (long) requests * runs;
    System.out.printf(
        "simulation %s: %d requests (insert/put + select/get each; /d1: two D1 queries): %.0f"
            + " requests per process"
            + " CPU-s, %.0f per sim-thread CPU-s (wall %.2f s, %d events in the last run)%n",
        path,
        total,
        total / processSeconds,
        total / time.cpuSeconds(),
        time.wallSeconds(),
        last[0].events());
  }
}
