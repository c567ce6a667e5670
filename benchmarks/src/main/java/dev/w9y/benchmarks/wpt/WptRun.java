package dev.w9y.benchmarks.wpt;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs web-platform-tests {@code .any.js} files in W9Y, each file as a service-worker script in a
 * simulation of its own: {@code wpt/harness.js} (a small stand-in for testharness.js), the file's
 * {@code // META: script=} includes, the file, then one request whose answer is every test's
 * result. The WPT files are not in this repository: point it at a checkout of
 * github.com/web-platform-tests/wpt.
 *
 * <p>Run (docs/JS-GUESTS.md, "Conformance: web-platform-tests"): {@code mvn -q -B -o -pl benchmarks
 * -am package -DskipTests -Pbench -Dbench.main=dev.w9y.benchmarks.wpt.WptRun
 * -Djmh.args="/path/to/wpt url/urlsearchparams-constructor.any.js ..."}; a single argument naming a
 * file that is not a test ({@code @list.txt}) reads the test paths from it, one a line.
 */
public final class WptRun {
  private WptRun() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: WptRun <wpt checkout> <test.any.js | @list.txt>...");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    List<String> tests = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("@")) {
        for (String line : Files.readAllLines(Path.of(args[i].substring(1)))) {
          if (!line.isBlank() && !line.startsWith("#")) {
            tests.add(line.strip());
          }
        }
      } else {
        tests.add(args[i]);
      }
    }
    String harness = resource("harness.js");
    int files = 0;
    int total = 0;
    int passed = 0;
    for (String test : tests) {
      List<JsonNode> results = run(root, test, harness);
      int filePassed = 0;
      List<String> failures = new ArrayList<>();
      for (JsonNode result : results) {
        if ("PASS".equals(result.path("status").asString(""))) {
          filePassed++;
        } else {
          failures.add(
              "  "
                  + result.path("status").asString("")
                  + " "
                  + result.path("name").asString("")
                  + ": "
                  + result.path("message").asString(""));
        }
      }
      files++;
      total += results.size();
      passed += filePassed;
      System.out.println(test + ": " + filePassed + "/" + results.size() + " passed");
      failures.forEach(System.out::println);
    }
    System.out.println("total: " + files + " files, " + total + " tests, " + passed + " passed");
  }

  /** One file's results, or one ERROR result saying why the file did not run. */
  private static List<JsonNode> run(Path root, String test, String harness) throws IOException {
    Path file = root.resolve(test).normalize();
    String source = Files.readString(file, StandardCharsets.UTF_8);
    StringBuilder script = new StringBuilder(harness);
    // The file and its includes run in one block, so that an exception while they load is a
    // result of its own rather than a service that does not start.
    script.append("\nvar __wptLoadError = null;\ntry {\n");
    for (String line : source.lines().toList()) {
      if (line.startsWith("// META: script=")) {
        String include = line.substring("// META: script=".length()).strip();
        Path included =
            include.startsWith("/")
                ? root.resolve(include.substring(1))
                : file.getParent().resolve(include);
        script.append(Files.readString(included.normalize(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    script.append(source);
    script.append(
        "\n} catch (e) {\n  __wptLoadError = String(e);\n}\n"
            + "addEventListener(\"fetch\", (event) => event.respondWith(\n"
            + "  __wptResults(__wptLoadError).then((r) => new Response(JSON.stringify(r)))));\n");
    List<String> body = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(
                Topology.builder()
                    .service(
                        ServiceSpec.of("wpt", JsGuest.fromSource("test.js", script.toString()))
                            .asPublic())
                    .build())
            .seed(1)
            .safetyPhase(Duration.ofMinutes(30))
            .workload(
                () ->
                    driver ->
                        driver
                            .fetch(Request.get("http://wpt/"))
                            .whenComplete(
                                (response, error) ->
                                    body.add(
                                        error != null
                                            ? "fetch failed: " + error
                                            : response.body().text())))
            .build()
            .run();
    List<JsonNode> results = new ArrayList<>();
    if (body.isEmpty() || !body.get(0).startsWith("[")) {
      String why = body.isEmpty() ? result.summary() : body.get(0);
      results.add(
          JSON.createObjectNode()
              .put("name", "(the file itself)")
              .put("status", "ERROR")
              .put("message", why.length() > 500 ? why.substring(0, 500) + "..." : why));
      return results;
    }
    JSON.readTree(body.get(0)).forEach(results::add);
    return results;
  }

  private static String resource(String name) {
    try (InputStream in = WptRun.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
