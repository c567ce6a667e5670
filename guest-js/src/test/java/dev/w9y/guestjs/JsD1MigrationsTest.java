package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.d1.D1DatabaseBinding;
import dev.w9y.core.d1.D1Migrations;
import dev.w9y.core.http.Request;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.topology.TopologyFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D1 migrations (wrangler's migrations_dir and migrations_table): a database starts with them
 * applied, in name order, each recorded in the migrations table with wrangler's columns.
 */
class JsD1MigrationsTest {
  private static final String WORKER =
      """
      export default {
        async fetch(request, env) {
          const applied = await env.DB.prepare("SELECT id, name, applied_at FROM schema_log ORDER BY id").all();
          const items = await env.DB.prepare("SELECT k, v FROM items ORDER BY k").raw();
          return Response.json({ applied: applied.results, items });
        },
      };
      """;

  @TempDir Path temp;

  private Path migrations(String... namesAndSql) throws IOException {
    Path directory = Files.createDirectories(temp.resolve("migrations"));
    for (int i = 0; i < namesAndSql.length; i += 2) {
      Files.writeString(directory.resolve(namesAndSql[i]), namesAndSql[i + 1]);
    }
    return directory;
  }

  private static SimulationResult run(Path directory, List<String> outcomes) {
    D1DatabaseBinding database =
        new D1DatabaseBinding("orders", "0000-orders", new D1Migrations(directory, "schema_log"));
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("index.js", WORKER))
                    .withPlatformBinding("DB", database)
                    .asPublic())
            .build();
    return run(topology, outcomes);
  }

  /** A topology file beside the migrations whose api service binds DB as {@code d1}. */
  private Path topologyFile(String d1) throws IOException {
    Files.writeString(temp.resolve("index.js"), WORKER);
    return Files.writeString(
        temp.resolve("w9y.yaml"),
        "services:\n"
            + "  api:\n"
            + "    kind: js\n"
            + "    entry: index.js\n"
            + "    public: true\n"
            + "    d1Databases:\n"
            + "      DB: "
            + d1
            + "\n");
  }

  private static SimulationResult run(Topology topology, List<String> outcomes) {
    return Simulation.builder(topology)
        .seed(3)
        .workload(
            () ->
                driver ->
                    driver.after(
                        Duration.ofSeconds(1),
                        () -> JsWorld.send(driver, Request.get("http://api/"), outcomes)))
        .build()
        .retainingTrace()
        .run();
  }

  @Test
  void theDatabaseStartsWithItsMigrationsAppliedInNameOrderAndRecorded() throws IOException {
    Path directory =
        migrations(
            "0002_seed.sql",
            "-- the second migration\nINSERT INTO items (k, v) VALUES ('a', 1), ('b', 2);",
            "0001_create.sql",
            "CREATE TABLE items (k TEXT PRIMARY KEY, v INTEGER)",
            "0003_more.sql",
            "INSERT INTO items (k, v) VALUES ('c', 3);\nUPDATE items SET v = v * 10;\n",
            "notes.txt",
            "not a migration");
    List<String> outcomes = new ArrayList<>();
    SimulationResult result = run(directory, outcomes);
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).hasSize(1);
    String answer = outcomes.get(0);
    assertThat(answer)
        .startsWith("200 ")
        .contains("\"items\":[[\"a\",10],[\"b\",20],[\"c\",30]]")
        .contains("{\"id\":1,\"name\":\"0001_create.sql\",\"applied_at\":\"")
        .contains("{\"id\":2,\"name\":\"0002_seed.sql\"")
        .contains("{\"id\":3,\"name\":\"0003_more.sql\"")
        .doesNotContain("notes.txt");
    // applied_at is CURRENT_TIMESTAMP on the simulation's clock: the same every run.
    assertThat(String.join("\n", result.fullTrace()))
        .contains("\"kind\":\"d1.migrations\"")
        .contains("\"applied\":[\"0001_create.sql\",\"0002_seed.sql\",\"0003_more.sql\"]");
    List<String> again = new ArrayList<>();
    SimulationResult second = run(directory, again);
    assertThat(second.traceSha256()).isEqualTo(result.traceSha256());
    assertThat(again).isEqualTo(outcomes);
  }

  @Test
  void aMigrationSqliteRefusesFailsTheRunNamingTheFileAndSqlitesMessage() throws IOException {
    Path directory =
        migrations(
            "0001_create.sql",
            "CREATE TABLE items (k TEXT PRIMARY KEY, v INTEGER);",
            "0002_typo.sql",
            "CREAT INDEX by_v ON items (v);");
    SimulationResult result = run(directory, new ArrayList<>());
    assertThat(result.passed()).isFalse();
    assertThat(result.summary())
        .contains("d1 database orders: migration ")
        .contains("0002_typo.sql failed")
        .contains("near \"CREAT\": syntax error");
  }

  @Test
  void aTopologyFileDeclaresMigrationsAsWranglersMigrationsDirAndTable() throws IOException {
    migrations(
        "0002_seed.sql",
        "INSERT INTO items (k, v) VALUES ('a', 1), ('b', 2);",
        "0001_create.sql",
        "CREATE TABLE items (k TEXT PRIMARY KEY, v INTEGER)");
    Topology topology =
        TopologyFile.load(
            topologyFile(
                "{database: orders, migrations: migrations, migrationsTable: schema_log}"));
    List<String> outcomes = new ArrayList<>();
    SimulationResult result = run(topology, outcomes);
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0))
        .startsWith("200 ")
        .contains("\"items\":[[\"a\",1],[\"b\",2]]")
        .contains("{\"id\":1,\"name\":\"0001_create.sql\"")
        .contains("{\"id\":2,\"name\":\"0002_seed.sql\"");
    assertThat(String.join("\n", result.fullTrace()))
        .contains("\"kind\":\"d1.migrations\"")
        .contains("\"applied\":[\"0001_create.sql\",\"0002_seed.sql\"]");
    List<String> again = new ArrayList<>();
    assertThat(run(TopologyFile.load(temp.resolve("w9y.yaml")), again).traceSha256())
        .isEqualTo(result.traceSha256());
    assertThat(again).isEqualTo(outcomes);
  }

  @Test
  void aTopologyFilesBadMigrationsAreErrorsAtTheirKey() throws IOException {
    Path missing = topologyFile("{database: orders, migrations: db/nowhere}");
    assertThatThrownBy(() -> TopologyFile.load(missing))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining("w9y.yaml:7:")
        .hasMessageContaining(
            "services.api.d1Databases.DB.migrations: directory not found: db/nowhere"
                + " (relative to this file)");

    migrations(
        "0001_create.sql",
        "CREATE TABLE items (k TEXT PRIMARY KEY, v INTEGER);",
        "0002_typo.sql",
        "CREAT INDEX by_v ON items (v);");
    Path badSql = topologyFile("{database: orders, migrations: migrations}");
    assertThatThrownBy(() -> TopologyFile.load(badSql))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining("w9y.yaml:7:")
        .hasMessageContaining("services.api.d1Databases.DB.migrations: d1 database orders:")
        .hasMessageContaining("0002_typo.sql failed")
        .hasMessageContaining("near \"CREAT\": syntax error");

    Path badTable =
        topologyFile("{database: orders, migrations: migrations, migrationsTable: 'a b'}");
    assertThatThrownBy(() -> TopologyFile.load(badTable))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining(
            "services.api.d1Databases.DB.migrationsTable: migrations table 'a b'");

    Path tableAlone = topologyFile("{database: orders, migrationsTable: schema_log}");
    assertThatThrownBy(() -> TopologyFile.load(tableAlone))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining(
            "services.api.d1Databases.DB.migrationsTable: needs migrations (a directory)");

    Path unknown = topologyFile("{database: orders, migrationsDir: migrations}");
    assertThatThrownBy(() -> TopologyFile.load(unknown))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining("services.api.d1Databases.DB");
  }
}
