package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.wrangler.WranglerConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrangler project with static assets runs from its configuration, as in workerd. */
class StaticAssetsTest {
  private static final Path PROJECT = Path.of("src/test/resources/assets-project");
  private static final Path CONFIG = PROJECT.resolve("wrangler.jsonc");

  @TempDir Path temp;

  private record Run(SimulationResult result, List<String> outcomes) {}

  private static Run run(Topology topology, long seed, Request... requests) {
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology)
            .seed(seed)
            .safetyPhase(Duration.ofMinutes(1))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < requests.length; i++) {
                        Request request = requests[i];
                        driver.after(
                            Duration.ofSeconds(i),
                            () ->
                                driver
                                    .fetch(request)
                                    .whenComplete(
                                        (response, error) ->
                                            outcomes.add(
                                                error != null
                                                    ? "failed"
                                                    : response.status()
                                                        + " "
                                                        + response
                                                            .headers()
                                                            .get("content-type")
                                                            .orElse("-")
                                                        + " "
                                                        + response
                                                            .headers()
                                                            .get("location")
                                                            .orElse("-")
                                                        + " "
                                                        + response.body().text())));
                      }
                    })
            .build()
            .retainingTrace()
            .run();
    return new Run(result, outcomes);
  }

  private static Run runProject(long seed) {
    return run(
        Topology.fromWrangler(CONFIG),
        seed,
        Request.get("http://site/"),
        Request.get("http://site/style.css"),
        Request.get("http://site/app"),
        Request.get("http://site/nothing"),
        Request.get("http://site/nothing").withHeader("sec-fetch-mode", "navigate"),
        Request.get("http://site/api/style"),
        Request.get("http://site/api/app"),
        Request.post("http://site/style.css", "x"));
  }

  @Test
  void assetsAnswerBeforeTheWorkerTheWorkerGetsTheRestAndReadsThemThroughEnvAssets() {
    Run run = runProject(1);
    assertThat(run.result().failure()).isEmpty();
    assertThat(run.outcomes())
        .containsExactly(
            "200 text/html; charset=utf-8 - <h1>chat</h1>",
            "200 text/css; charset=utf-8 - body{}",
            "307 - /app/ ",
            // with run_worker_first routes, not-found handling answers every request they leave
            // to the assets (workerd's has_static_routing), not only navigations
            "200 text/html; charset=utf-8 - <h1>chat</h1>",
            "200 text/html; charset=utf-8 - <h1>chat</h1>",
            "200 text/plain;charset=UTF-8 - api read 200 body{}",
            "200 text/plain;charset=UTF-8 - api read 200 <p>app</p>",
            "405 - - ");
  }

  @Test
  void servingAnAssetIsANetworkAnswerOfTheServiceRecordedInTheTrace() {
    Run run = runProject(1);
    String trace = String.join("\n", run.result().fullTrace());
    assertThat(trace)
        .contains("\"actor\":\"site#assets\"")
        .contains("\"kind\":\"assets.served\"")
        .contains("\"file\":\"/style.css\"")
        .contains("\"via\":\"binding\"")
        .contains("\"via\":\"front\"");
    // The header names the assets by content, never by where they lie.
    assertThat(trace)
        .contains("assets:/ sha256:")
        .doesNotContain(PROJECT.toAbsolutePath().toString());
    long served =
        run.result().fullTrace().stream().filter(l -> l.contains("assets.served")).count();
    // front: /, /style.css, /app, /nothing twice, the POST; binding: /style.css, /app, /app/
    assertThat(served).isEqualTo(9);
  }

  @Test
  void theSameSeedGivesTheSameTraceHashAndOtherAssetsAnotherHeader() throws IOException {
    assertThat(runProject(7).result().traceSha256())
        .isEqualTo(runProject(7).result().traceSha256());
    // The same project elsewhere gives the same trace; a changed asset a different header.
    Path copy = temp.resolve("copy");
    copyTree(PROJECT, copy);
    Run moved =
        run(Topology.fromWrangler(copy.resolve("wrangler.jsonc")), 7, Request.get("http://site/"));
    Run original = run(Topology.fromWrangler(CONFIG), 7, Request.get("http://site/"));
    assertThat(moved.result().traceSha256()).isEqualTo(original.result().traceSha256());
    Files.writeString(copy.resolve("public/index.html"), "<h1>changed</h1>");
    Run changed =
        run(Topology.fromWrangler(copy.resolve("wrangler.jsonc")), 7, Request.get("http://site/"));
    assertThat(changed.result().traceSha256()).isNotEqualTo(original.result().traceSha256());
    assertThat(changed.outcomes())
        .containsExactly("200 text/html; charset=utf-8 - <h1>changed</h1>");
  }

  @Test
  void aTopologyFileGivesAServiceAssets() throws IOException {
    copyTree(PROJECT, temp);
    Path yaml = temp.resolve("w9y.yaml");
    Files.writeString(
        yaml,
        "services:\n"
            + "  web:\n"
            + "    kind: js\n"
            + "    entry: src/index.js\n"
            + "    public: true\n"
            + "    assets:\n"
            + "      directory: public\n"
            + "      binding: ASSETS\n"
            + "      htmlHandling: drop-trailing-slash\n");
    Run run =
        run(
            TopologyFile.load(yaml),
            1,
            Request.get("http://web/app/"),
            Request.get("http://web/app"),
            Request.get("http://web/api/style"));
    assertThat(run.outcomes())
        .containsExactly(
            "307 - /app ",
            "200 text/html; charset=utf-8 - <p>app</p>",
            "200 text/plain;charset=UTF-8 - api read 200 body{}");
  }

  /**
   * A wrangler config with assets and no main is an assets-only Worker: its assets answer every
   * request (not-found handling for every one, navigation or not) and no code runs; its
   * .assetsignore leaves files out.
   */
  @Test
  void anAssetsOnlyWorkerServesOnlyItsAssets() throws IOException {
    copyTree(PROJECT, temp);
    Path config = temp.resolve("wrangler.jsonc");
    Files.writeString(temp.resolve("public/.assetsignore"), "*.css\n");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"compatibility_date\": \"2025-10-08\", \"vars\": {\"A\": \"1\"},\n"
            + " \"assets\": {\"directory\": \"./public\"}}\n");
    Request[] requests = {
      Request.get("http://site/"),
      Request.get("http://site/style.css"),
      Request.get("http://site/nothing"),
      Request.post("http://site/", "x"),
      Request.get("http://site/.assetsignore"),
    };
    Run run = run(Topology.fromWrangler(config), 3, requests);
    assertThat(run.result().failure()).isEmpty();
    assertThat(run.outcomes())
        .containsExactly(
            "200 text/html; charset=utf-8 - <h1>chat</h1>",
            "404 - - ",
            "404 - - ",
            "405 - - ",
            "404 - - ");
    assertThat(String.join("\n", run.result().fullTrace())).contains("assets_only");
    assertThat(run(Topology.fromWrangler(config), 3, requests).result().traceSha256())
        .isEqualTo(run.result().traceSha256());
    assertThat(dev.w9y.core.wrangler.WranglerProject.read(config).notes())
        .anyMatch(note -> note.contains("vars: an assets-only Worker (no main) runs no code"));
    Files.writeString(
        config,
        "{\"name\": \"site\", \"assets\": {\"directory\": \"./public\","
            + " \"not_found_handling\": \"single-page-application\"}}\n");
    assertThat(run(Topology.fromWrangler(config), 3, Request.get("http://site/nothing")).outcomes())
        .containsExactly("200 text/html; charset=utf-8 - <h1>chat</h1>");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"assets\": {\"directory\": \"./public\", \"binding\":"
            + " \"ASSETS\"}}\n");
    assertThatThrownBy(() -> Topology.fromWrangler(config))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageContaining("assets.binding")
        .hasMessageContaining("cannot be used in an assets-only Worker (no main)");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"assets\": {\"directory\": \"./public\","
            + " \"run_worker_first\": [\"/api/*\"]}}\n");
    assertThatThrownBy(() -> Topology.fromWrangler(config))
        .hasMessageContaining("assets.run_worker_first")
        .hasMessageContaining("cannot be set in an assets-only Worker");
    Files.writeString(config, "{\"name\": \"site\"}\n");
    assertThatThrownBy(() -> Topology.fromWrangler(config)).hasMessageContaining("main");
  }

  @Test
  void badAssetsConfigurationIsAClearErrorNamingFileAndKey() throws IOException {
    copyTree(PROJECT, temp);
    Path config = temp.resolve("wrangler.jsonc");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"main\": \"src/index.js\",\n"
            + " \"assets\": {\"directory\": \"./public\", \"html_handling\": \"sometimes\"}}\n");
    assertThatThrownBy(() -> Topology.fromWrangler(config))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageContaining("assets.html_handling")
        .hasMessageContaining("'sometimes' is none of auto-trailing-slash");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"main\": \"src/index.js\", \"assets\": {\"directory\": \"./gone\"}}");
    assertThatThrownBy(() -> Topology.fromWrangler(config))
        .hasMessageContaining("assets.directory")
        .hasMessageContaining("directory not found: ./gone");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"main\": \"src/index.js\",\n"
            + " \"assets\": {\"directory\": \"./public\", \"run_worker_first\": \"yes\"}}");
    assertThatThrownBy(() -> Topology.fromWrangler(config))
        .hasMessageContaining("assets.run_worker_first")
        .hasMessageContaining("must be true, false or a list of route patterns");
    Files.writeString(temp.resolve("public/_headers"), "/*\n  X-A 1\n");
    Files.writeString(
        config,
        "{\"name\": \"site\", \"main\": \"src/index.js\", \"assets\": {\"directory\": \"./public\"}}");
    assertThatThrownBy(() -> Topology.fromWrangler(config))
        .hasMessageContaining("assets.directory")
        .hasMessageContaining("_headers:2: expected a colon-separated header pair (name: value)");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path path : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
