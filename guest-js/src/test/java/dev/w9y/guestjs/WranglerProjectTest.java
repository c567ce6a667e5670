package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.wrangler.WranglerConfig;
import dev.w9y.core.wrangler.WranglerConfigException;
import dev.w9y.core.wrangler.WranglerProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrangler projects (toml, json, jsonc) run as topologies. */
class WranglerProjectTest {
  private static final Path PROJECT = Path.of("src/test/resources/wrangler-project");
  private static final Path GATEWAY = PROJECT.resolve("gateway/wrangler.toml");
  private static final Path USERS = PROJECT.resolve("users/wrangler.jsonc");
  private static final Path COUNTERS = PROJECT.resolve("counters/wrangler.json");

  @TempDir Path temp;

  /** Asks /hello at once and /count after the cron has fired at minutes 1, 2 and 3. */
  private static Run runThreeWorkers(long seed) {
    Topology topology = Topology.fromWrangler(GATEWAY, USERS, COUNTERS);
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology)
            .seed(seed)
            .safetyPhase(Duration.ofMinutes(4))
            .workload(
                () ->
                    driver -> {
                      JsWorld.send(driver, Request.get("http://gateway/hello"), outcomes);
                      driver.after(
                          Duration.ofSeconds(210),
                          () ->
                              JsWorld.send(driver, Request.get("http://gateway/count"), outcomes));
                    })
            .build()
            .retainingTrace()
            .run();
    return new Run(result, outcomes);
  }

  private record Run(SimulationResult result, List<String> outcomes) {}

  @Test
  void threeWorkersFromTomlJsoncAndJsonRunWithVarsAServiceBindingACrossScriptObjectAndACron() {
    Run run = runThreeWorkers(1);
    assertThat(run.result().failure()).isEmpty();
    assertThat(run.outcomes()).containsExactly("200 Hello, Ada!", "200 ticks: 3");
  }

  @Test
  void theSameSeedGivesTheSameTraceHashAndTheTraceHasNoAbsolutePaths() {
    Run first = runThreeWorkers(42);
    Run second = runThreeWorkers(42);
    assertThat(first.result().traceSha256()).isEqualTo(second.result().traceSha256());
    String trace = String.join("\n", first.result().fullTrace());
    assertThat(trace).doesNotContain(PROJECT.toAbsolutePath().toString());
    assertThat(trace).contains("js:src/index.js");
  }

  @Test
  void theProjectRecordsSqliteClassesCompatibilityAndWhatItIgnores() {
    WranglerProject project = WranglerProject.read(GATEWAY, USERS, COUNTERS);
    WranglerConfig counters = project.configs().get(2);
    assertThat(counters.sqliteClasses()).containsExactly("Counter");
    assertThat(counters.classes()).containsExactly("Counter");
    assertThat(project.configs().get(0).compatibilityFlags()).containsExactly("nodejs_compat");
    assertThat(project.configs().get(0).compatibilityDate()).isEqualTo("2026-01-01");
    assertThat(project.notes())
        .anyMatch(note -> note.contains("nodejs_compat"))
        .anyMatch(note -> note.contains("routes is ignored"))
        .anyMatch(note -> note.contains("workers_dev is ignored"))
        .anyMatch(note -> note.contains("$schema is ignored"));
  }

  @Test
  void aTypeScriptProjectRunsAsTheBundleWranglerBuilt() {
    Topology topology =
        Topology.fromWrangler(Path.of("src/test/resources/ts-worker/wrangler.toml"));
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://ts-worker/?n=7"));
    assertThat(world.outcomes).containsExactly("200 TS Worker hello: 7 is odd");
  }

  @Test
  void aTopologyFileTakesWorkersFromWranglerConfigsAndBindsItsOwnServicesToThem() {
    Topology topology = TopologyFile.load(PROJECT.resolve("w9y.yaml"));
    assertThat(topology.services())
        .extracting(spec -> spec.name())
        .containsExactly("gateway", "users", "counters", "probe");
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://probe/"));
    assertThat(world.outcomes).containsExactly("200 probe saw: Hello, Ada!");
  }

  @Test
  void aTopologyFileNamingAMissingWranglerConfigSaysWhichItem() throws IOException {
    Path yaml = write("w9y.yaml", "wrangler: [a/wrangler.toml]\n");
    assertThatThrownBy(() -> TopologyFile.load(yaml))
        .hasMessageStartingWith(yaml + ":1:12: wrangler[0]: file not found: a/wrangler.toml");
  }

  // ---------------------------------------------------------------- bad input

  private Path write(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private Path worker(String dir) throws IOException {
    return write(dir + "/index.js", "export default { fetch: () => new Response('ok') };");
  }

  @Test
  void aTomlSyntaxErrorNamesTheFileLineAndColumn() throws IOException {
    worker("a");
    Path file = write("a/wrangler.toml", "name = \"a\"\nmain = \"index.js\"\nvars = { X = }\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("not valid TOML")
        .satisfies(e -> assertThat(((WranglerConfigException) e).line()).isEqualTo(3));
  }

  @Test
  void aJsoncSyntaxErrorNamesTheFileLineAndColumn() throws IOException {
    worker("a");
    Path file =
        write(
            "a/wrangler.jsonc",
            "{\n  // comment\n  \"name\": \"a\",\n  \"main\" \"index.js\"\n}\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageStartingWith(file + ":4:10: not valid JSON");
  }

  @Test
  void anUnsupportedBindingIsAnErrorNamingTheKeyAndFile() throws IOException {
    worker("a");
    Path file =
        write(
            "a/wrangler.toml",
            "name = \"a\"\nmain = \"index.js\"\n\n[[vectorize]]\nbinding = \"B\"\nindex_name = \"x\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageStartingWith(file + ":4:3: vectorize: W9Y does not simulate this binding");
  }

  @Test
  void anUnsupportedBindingIsANoteWhenTheTestOptsInToIgnoringIt() throws IOException {
    worker("a");
    Path file =
        write(
            "a/wrangler.jsonc",
            "{ \"name\": \"a\", \"main\": \"index.js\", \"vectorize\": [{\"binding\": \"B\"}] }");
    WranglerProject project = WranglerProject.read(List.of(file), true);
    assertThat(project.notes()).anyMatch(note -> note.contains("vectorize is ignored"));
    assertThat(project.topology().services()).hasSize(1);
  }

  @Test
  void anUnknownKeyIsAnError() throws IOException {
    worker("a");
    Path file = write("a/wrangler.toml", "name = \"a\"\nmain = \"index.js\"\nmian = \"x\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .hasMessageStartingWith(file + ":3:1: mian: not a wrangler key W9Y knows");
  }

  @Test
  void theViteOutputConfigWithItsEmptyFieldsRunsAndANonEmptyUnsupportedOneIsStillRefused()
      throws IOException {
    worker("v");
    // As the Cloudflare Vite plugin writes dist/<worker>/wrangler.json: every field of wrangler's
    // resolved configuration, most of them empty, and its own bookkeeping.
    String generated =
        "{\"configPath\": \"/x/wrangler.json\", \"userConfigPath\": \"/x/wrangler.json\","
            + " \"topLevelName\": \"v\", \"definedEnvironments\": [], \"name\": \"v\","
            + " \"main\": \"index.js\", \"jsx_factory\": \"React.createElement\","
            + " \"vectorize\": [], \"cloudchamber\": {}, \"logfwdr\": {\"bindings\": []},"
            + " \"exports\": {}, \"some_future_binding\": [],"
            + " \"python_modules\": {\"exclude\": [\"**/*.pyc\"]}, \"no_bundle\": true%s}";
    Path file = write("v/wrangler.json", generated.replace("%s", ""));
    WranglerProject project = WranglerProject.read(List.of(file), false);
    assertThat(project.notes())
        .anyMatch(note -> note.contains("vectorize is empty and ignored"))
        .anyMatch(note -> note.contains("some_future_binding is empty and ignored"))
        .anyMatch(note -> note.contains("configPath is ignored (the Cloudflare Vite plugin"));
    JsWorld world = JsWorld.run(Topology.fromWrangler(file), 1, Request.get("http://v/"));
    assertThat(world.outcomes).containsExactly("200 ok");

    Path withBucket =
        write("v/wrangler.json", generated.replace("%s", ", \"ai\": {\"binding\": \"AI\"}"));
    assertThatThrownBy(() -> Topology.fromWrangler(withBucket))
        .hasMessageContaining("ai: W9Y does not simulate this binding");
  }

  @Test
  void aServiceBindingToAScriptNotAmongTheConfigsIsAnError() throws IOException {
    worker("a");
    Path file =
        write(
            "a/wrangler.toml",
            "name = \"a\"\nmain = \"index.js\"\n[[services]]\nbinding = \"B\"\nservice = \"b\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .isInstanceOf(WranglerConfigException.class)
        .hasMessageContaining(file + ":5:1: services[0].service")
        .hasMessageContaining(
            "Worker 'b', which is not among the given wrangler configurations [a]");
  }

  @Test
  void aDurableObjectBindingToAScriptNotAmongTheConfigsIsAnError() throws IOException {
    worker("a");
    Path file =
        write(
            "a/wrangler.json",
            "{\"name\": \"a\", \"main\": \"index.js\",\n \"durable_objects\": {\"bindings\": [\n"
                + "  {\"name\": \"R\", \"class_name\": \"Room\", \"script_name\": \"chat\"}]}}");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .hasMessageContaining("durable_objects.bindings[0].script_name")
        .hasMessageContaining("class Room of Worker 'chat', which is not among");
  }

  @Test
  void aVariableThatIsNotAStringReachesEnvAsItsJsonValueInFileOrder() throws IOException {
    write(
        "a/index.js",
        "export default { fetch: (request, env) => new Response("
            + "Object.keys(env).map((k) => k + '=' + typeof env[k] + ':' + JSON.stringify(env[k]))"
            + ".join(' ')) };");
    Path file =
        write(
            "a/wrangler.toml",
            "name = \"a\"\nmain = \"index.js\"\n[vars]\nDEBUG = true\nNAME = \"ada\"\n"
                + "LIMITS = { max = 5, paths = [\"/x\", \"/y\"] }\n");
    Topology topology = Topology.fromWrangler(file);
    assertThat(topology.services().get(0).jsonVars()).containsExactly("DEBUG", "LIMITS");
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://a/"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 DEBUG=boolean:true NAME=string:\"ada\""
                + " LIMITS=object:{\"max\":5,\"paths\":[\"/x\",\"/y\"]}");
  }

  @Test
  void secretsComeFromDotDevVarsAsWranglerDevReadsThemAndTracesShowOnlyTheirHash()
      throws IOException {
    write(
        "s/index.js",
        "export default { fetch: (request, env) => Response.json([env.JWT_SECRET, env.OTHER,"
            + " env.MULTI, env.MODE]) };");
    write("s/.env", "JWT_SECRET=from-dot-env-which-dev-vars-overrides\n");
    write(
        "s/.dev.vars",
        "# local secrets\nJWT_SECRET=\"s3cr3t value\"\nexport OTHER=plain # a comment\n"
            + "MULTI=\"one\\ntwo\"\nnot a pair\nMODE=secret-mode\n");
    Path file =
        write(
            "s/wrangler.toml",
            "name = \"s\"\nmain = \"index.js\"\n[vars]\nMODE = \"config-mode\"\n");
    WranglerProject project = WranglerProject.read(List.of(file), false);
    assertThat(project.configs().get(0).notes())
        .anyMatch(note -> note.contains(".dev.vars:5: not NAME=value; skipped"))
        .anyMatch(note -> note.contains("4 secret(s) from .dev.vars"));
    Topology topology = Topology.fromWrangler(file);
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology)
            .seed(1)
            .workload(() -> driver -> JsWorld.send(driver, Request.get("http://s/"), outcomes))
            .build()
            .retainingTrace()
            .run();
    assertThat(outcomes)
        .containsExactly("200 [\"s3cr3t value\",\"plain\",\"one\\ntwo\",\"secret-mode\"]");
    // The header names every variable; the body the Worker chose to answer is its own business.
    String header = result.fullTrace().get(0);
    assertThat(header)
        .doesNotContain("s3cr3t")
        .doesNotContain("secret-mode")
        .contains("\"JWT_SECRET\":\"secret sha256:");
  }

  @Test
  void aTopologyFileGivesJsonVariablesAndRefusesTextThatIsNotJson() throws IOException {
    write(
        "y/index.js",
        "export default { fetch: (request, env) => Response.json([env.PLAIN, env.LIST]) };");
    Path good =
        write(
            "y/w9y.yaml",
            "services:\n  y:\n    kind: js\n    entry: index.js\n    public: true\n"
                + "    vars: {PLAIN: '7'}\n    jsonVars: {LIST: '[7, {\"a\": null}]'}\n");
    JsWorld world = JsWorld.run(TopologyFile.load(good), 1, Request.get("http://y/"));
    assertThat(world.outcomes).containsExactly("200 [\"7\",[7,{\"a\":null}]]");
    Path bad =
        write(
            "y/bad.yaml",
            "services:\n  y:\n    kind: js\n    entry: index.js\n    jsonVars: {LIST: '[7,'}\n");
    assertThatThrownBy(() -> TopologyFile.load(bad))
        .hasMessageContaining("services.y.jsonVars.LIST")
        .hasMessageContaining("not one JSON value");
  }

  @Test
  void aTypeScriptMainWithoutItsBundleSaysHowToBuildIt() throws IOException {
    write("a/src/index.ts", "export default {};");
    Path file = write("a/wrangler.toml", "name = \"a\"\nmain = \"src/index.ts\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .hasMessageContaining("main: src/index.ts needs a bundle W9Y can run")
        .hasMessageContaining("npx wrangler deploy --dry-run --outdir dist");
  }

  @Test
  void twoConfigsWithTheSameNameAreAnError() throws IOException {
    worker("a");
    worker("b");
    Path a = write("a/wrangler.toml", "name = \"same\"\nmain = \"index.js\"\n");
    Path b = write("b/wrangler.toml", "name = \"same\"\nmain = \"index.js\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(a, b))
        .hasMessageStartingWith(b + ":1:1: name: Worker 'same' is also the name in " + a);
  }

  @Test
  void aMissingMainFileIsAnError() throws IOException {
    Path file = write("a/wrangler.toml", "name = \"a\"\nmain = \"src/gone.js\"\n");
    assertThatThrownBy(() -> Topology.fromWrangler(file))
        .hasMessageStartingWith(file + ":2:1: main: file not found: src/gone.js");
  }
}
