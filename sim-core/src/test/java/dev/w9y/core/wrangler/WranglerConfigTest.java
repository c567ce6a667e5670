package dev.w9y.core.wrangler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.Topology;
import dev.w9y.core.guest.ModuleRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one wrangler configuration (no guest runtime needed). */
class WranglerConfigTest {
  @TempDir Path temp;

  private Path write(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    if (!Files.exists(temp.resolve("index.js"))) {
      Files.writeString(temp.resolve("index.js"), "export default {};");
    }
    return file;
  }

  @Test
  void aTomlConfigIsReadInFileOrder() throws IOException {
    Path file =
        write(
            "wrangler.toml",
            String.join(
                "\n",
                "name = \"rooms\"",
                "main = \"./index.js\"",
                "compatibility_date = \"2026-02-03\"",
                "[vars]",
                "ZED = \"z\"",
                "ALPHA = \"a\"",
                "[[durable_objects.bindings]]",
                "name = \"ROOMS\"",
                "class_name = \"Room\"",
                "[[durable_objects.bindings]]",
                "name = \"LOBBY\"",
                "class_name = \"Lobby\"",
                "script_name = \"lobby\"",
                "[[services]]",
                "binding = \"AUTH\"",
                "service = \"auth\"",
                "entrypoint = \"Session\"",
                "[[rules]]",
                "type = \"Text\"",
                "globs = [\"**/*.md\"]",
                "fallthrough = true",
                "[triggers]",
                "crons = [\"*/5 * * * *\", \"0 0 * * *\"]",
                ""));
    WranglerConfig config = WranglerConfig.read(file, false);
    assertThat(config.name()).isEqualTo("rooms");
    assertThat(config.main()).isEqualTo("index.js");
    assertThat(config.compatibilityDate()).isEqualTo("2026-02-03");
    assertThat(config.vars()).containsExactly(entry("ZED", "z"), entry("ALPHA", "a"));
    assertThat(config.durableObjects())
        .containsExactly(
            new WranglerConfig.DurableObjectBinding("ROOMS", "Room", null),
            new WranglerConfig.DurableObjectBinding("LOBBY", "Lobby", "lobby"));
    assertThat(config.services())
        .containsExactly(new WranglerConfig.ServiceBinding("AUTH", "auth", "Session"));
    assertThat(config.rules()).containsExactly(new ModuleRule("Text", List.of("**/*.md"), true));
    assertThat(config.crons()).containsExactly("*/5 * * * *", "0 0 * * *");
    assertThat(config.notes()).noneMatch(note -> note.contains("entrypoint"));
  }

  @Test
  void kvNamespacesAndQueuesAreBindingsAndConsumersWithCloudflaresDefaults() throws IOException {
    Path file =
        write(
            "wrangler.jsonc",
            String.join(
                "\n",
                "{",
                "  \"name\": \"shop\",",
                "  \"main\": \"index.js\",",
                "  \"kv_namespaces\": [{\"binding\": \"FLAGS\", \"id\": \"abc123\"}],",
                "  \"queues\": {",
                "    \"producers\": [{\"binding\": \"JOBS\", \"queue\": \"jobs\","
                    + " \"delivery_delay\": 5}],",
                "    \"consumers\": [",
                "      {\"queue\": \"jobs\", \"max_batch_size\": 25, \"max_retries\": 1,",
                "       \"dead_letter_queue\": \"jobs-dlq\", \"retry_delay\": 30,"
                    + " \"max_concurrency\": 4},",
                "      {\"queue\": \"jobs-dlq\"}",
                "    ]",
                "  }",
                "}",
                ""));
    WranglerConfig config = WranglerConfig.read(file, false);
    assertThat(config.platformBindings())
        .containsExactly(
            java.util.Map.entry("FLAGS", dev.w9y.core.kv.KvNamespaceBinding.of("abc123")),
            java.util.Map.entry("JOBS", new dev.w9y.core.queue.QueueProducerBinding("jobs", 5)));
    assertThat(config.platformTriggers())
        .containsExactly(
            new dev.w9y.core.queue.QueueConsumer("jobs", 25, 5, 1, "jobs-dlq", 30),
            new dev.w9y.core.queue.QueueConsumer("jobs-dlq", 10, 5, 3, null, 0));
    assertThat(config.notes()).anyMatch(note -> note.contains("max_concurrency is ignored"));
  }

  @Test
  void r2BucketsAreBindingsByBucketNameWithDeploymentKeysNoted() throws IOException {
    Path file =
        write(
            "wrangler.toml",
            String.join(
                "\n",
                "name = \"shop\"",
                "main = \"index.js\"",
                "[[r2_buckets]]",
                "binding = \"UPLOADS\"",
                "bucket_name = \"uploads\"",
                "preview_bucket_name = \"uploads-preview\"",
                "jurisdiction = \"eu\"",
                "[[r2_buckets]]",
                "binding = \"CACHE\"",
                ""));
    WranglerConfig config = WranglerConfig.read(file, false);
    assertThat(config.platformBindings())
        .containsExactly(
            java.util.Map.entry("UPLOADS", new dev.w9y.core.r2.R2BucketBinding("uploads")),
            java.util.Map.entry("CACHE", new dev.w9y.core.r2.R2BucketBinding("CACHE")));
    assertThat(config.notes())
        .anyMatch(note -> note.contains("r2_buckets[0].preview_bucket_name is ignored"))
        .anyMatch(note -> note.contains("r2_buckets[0].jurisdiction is ignored"));
    Path unknown =
        write(
            "wrangler.toml",
            "name = \"shop\"\nmain = \"index.js\"\n[[r2_buckets]]\nbinding = \"B\"\nbukket = \"x\"\n");
    assertThatThrownBy(() -> WranglerConfig.read(unknown, false))
        .hasMessageContaining("r2_buckets[0].bukket: not a key of an R2 bucket binding W9Y knows");
  }

  @Test
  void aConsumerSettingOutOfRangeIsAnErrorAtTheConsumer() throws IOException {
    Path file =
        write(
            "wrangler.toml",
            String.join(
                "\n",
                "name = \"shop\"",
                "main = \"index.js\"",
                "[[queues.consumers]]",
                "queue = \"jobs\"",
                "max_batch_size = 101",
                ""));
    assertThatThrownBy(() -> WranglerConfig.read(file, false))
        .hasMessageContaining("queues.consumers[0]")
        .hasMessageContaining(
            "consumer of queue jobs: max_batch_size must be between 1 and 100," + " was 101");
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }

  @Test
  void migrationsLeaveTheClassesTheyDefineAndRecordWhichAreSqliteBacked() throws IOException {
    Path file =
        write(
            "wrangler.jsonc",
            "{ \"name\": \"a\", \"main\": \"index.js\", // comment\n"
                + " \"migrations\": [\n"
                + "  { \"tag\": \"v1\", \"new_classes\": [\"Old\", \"Gone\"] },\n"
                + "  { \"tag\": \"v2\", \"new_sqlite_classes\": [\"Chat\"],"
                + " \"deleted_classes\": [\"Gone\"] },\n"
                + "  { \"tag\": \"v3\", \"renamed_classes\": [{\"from\": \"Old\", \"to\": \"New\"}] },\n"
                + " ],\n}");
    WranglerConfig config = WranglerConfig.read(file, false);
    assertThat(config.classes()).containsExactly("New", "Chat");
    assertThat(config.sqliteClasses()).containsExactly("Chat");
  }

  @Test
  void anUnknownModuleRuleTypeIsAnErrorAtItsKey() throws IOException {
    Path file =
        write(
            "wrangler.toml",
            "name = \"a\"\nmain = \"index.js\"\n\n[[rules]]\ntype = \"PythonModule\"\nglobs = [\"**/*.py\"]\n");
    assertThatThrownBy(() -> WranglerConfig.read(file, false))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageStartingWith(file + ":5:1: rules[0].type: 'PythonModule' is not a module type");
  }

  @Test
  void theSecondTomlArrayTableItemIsLocatedAtItsOwnHeader() throws IOException {
    Path file =
        write(
            "wrangler.toml",
            String.join(
                "\n",
                "name = \"a\"",
                "main = \"index.js\"",
                "[[services]]",
                "binding = \"A\"",
                "service = \"b\"",
                "[[services]]",
                "binding = \"C\"",
                "service = \"d\"",
                "oops = 1",
                ""));
    assertThatThrownBy(() -> WranglerConfig.read(file, false))
        .hasMessageStartingWith(file + ":9:1: services[1].oops: not a key of a service binding");
  }

  @Test
  void d1MigrationsComeFromTheDefaultDirectoryOrTheNamedOneWithWranglersTable() throws IOException {
    Files.createDirectories(temp.resolve("migrations"));
    Files.createDirectories(temp.resolve("db/schema"));
    Path file =
        write(
            "wrangler.toml",
            String.join(
                "\n",
                "name = \"a\"",
                "main = \"index.js\"",
                "[[d1_databases]]",
                "binding = \"DB\"",
                "database_id = \"0a1b\"",
                "[[d1_databases]]",
                "binding = \"OTHER\"",
                "database_id = \"2c3d\"",
                "migrations_dir = \"db/schema\"",
                "migrations_table = \"schema_log\"",
                ""));
    WranglerConfig config = WranglerConfig.read(file, false);
    dev.w9y.core.d1.D1DatabaseBinding db =
        (dev.w9y.core.d1.D1DatabaseBinding) config.platformBindings().get("DB");
    assertThat(db.migrations())
        .isEqualTo(
            new dev.w9y.core.d1.D1Migrations(
                temp.resolve("migrations").toAbsolutePath().normalize(), "d1_migrations"));
    dev.w9y.core.d1.D1DatabaseBinding other =
        (dev.w9y.core.d1.D1DatabaseBinding) config.platformBindings().get("OTHER");
    assertThat(other.migrations())
        .isEqualTo(
            new dev.w9y.core.d1.D1Migrations(
                temp.resolve("db/schema").toAbsolutePath().normalize(), "schema_log"));

    // Without a migrations directory the database starts empty; a named one must exist.
    Path none =
        write(
            "none.toml",
            "name = \"a\"\nmain = \"index.js\"\n[[d1_databases]]\nbinding = \"DB\"\nmigrations_table = \"t\"\n");
    Files.delete(temp.resolve("migrations"));
    assertThat(
            ((dev.w9y.core.d1.D1DatabaseBinding)
                    WranglerConfig.read(none, false).platformBindings().get("DB"))
                .migrations())
        .isNull();
    Path missing =
        write(
            "missing.toml",
            "name = \"a\"\nmain = \"index.js\"\n[[d1_databases]]\nbinding = \"DB\"\n"
                + "migrations_dir = \"nowhere\"\n");
    assertThatThrownBy(() -> WranglerConfig.read(missing, false))
        .hasMessageContaining(
            "d1_databases[0].migrations_dir: directory not found: nowhere (relative to this file)");
    Files.createDirectories(temp.resolve("migrations"));
    Path badTable =
        write(
            "table.toml",
            "name = \"a\"\nmain = \"index.js\"\n[[d1_databases]]\nbinding = \"DB\"\n"
                + "migrations_table = \"my table; DROP\"\n");
    assertThatThrownBy(() -> WranglerConfig.read(badTable, false))
        .hasMessageContaining(
            "d1_databases[0].migrations_table: migrations table 'my table; DROP'");
  }

  @Test
  void d1DatabasesBecomePlatformBindingsSharedByDatabaseId() throws IOException {
    Path file =
        write(
            "wrangler.toml",
            String.join(
                "\n",
                "name = \"a\"",
                "main = \"index.js\"",
                "[[d1_databases]]",
                "binding = \"DB\"",
                "database_name = \"orders\"",
                "database_id = \"0a1b\"",
                "[[d1_databases]]",
                "binding = \"OTHER\"",
                "database_name = \"other\"",
                "database_id = \"2c3d\"",
                ""));
    WranglerConfig config = WranglerConfig.read(file, false);
    assertThat(config.platformBindings().keySet()).containsExactly("DB", "OTHER");
    assertThat(config.platformBindings().get("DB"))
        .isEqualTo(new dev.w9y.core.d1.D1DatabaseBinding("orders", "0a1b"));
    Path bad =
        write(
            "bad.toml",
            "name = \"a\"\nmain = \"index.js\"\n[[d1_databases]]\nbinding = \"DB\"\nshards = 2\n");
    assertThatThrownBy(() -> WranglerConfig.read(bad, false))
        .hasMessageContaining("d1_databases[0].shards: not a key of a D1 binding W9Y knows");
  }

  @Test
  void aFileThatIsNotTomlOrJsonIsRefused() throws IOException {
    Path file = write("wrangler.yaml", "name: a\n");
    assertThatThrownBy(() -> WranglerConfig.read(file, false))
        .hasMessageContaining("expected .toml, .json or .jsonc");
  }

  @Test
  void withoutTheJsGuestKindOnTheClassPathTheTopologySaysWhatIsMissing() throws IOException {
    Path file = write("wrangler.toml", "name = \"a\"\nmain = \"index.js\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("put w9y-guest-js on the classpath");
  }
}
