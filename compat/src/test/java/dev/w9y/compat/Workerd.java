package dev.w9y.compat;

import dev.w9y.scheduler.AllowNondeterminism;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The oracle: workerd, run by Miniflare in one long-lived Node.js process ({@code
 * src/main/node/oracle.mjs}) shared by every test of this JVM. Probes go in as JSON lines on its
 * stdin and their answers come back as JSON lines on its stdout; it keeps one workerd per distinct
 * Worker, so a Worker's cold start (about a second) is paid once however many tests probe it.
 */
@AllowNondeterminism(
    reason =
        "test harness outside any simulation: starts the Node.js process that runs workerd and"
            + " waits on its answers")
final class Workerd {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static Workerd shared;

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private int nextId = 1;

  private Workerd(Process process) {
    this.process = process;
    this.in =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The JVM's oracle process, started on first use and stopped when the JVM exits. */
  static synchronized Workerd shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static Workerd start() {
    Path module = Path.of("").toAbsolutePath();
    Path script = module.resolve("src/main/node/oracle.mjs");
    if (!Files.isDirectory(module.resolve("node_modules/miniflare"))) {
      throw new IllegalStateException(
          "compat: "
              + module.resolve("node_modules/miniflare")
              + " is missing; Maven's generate-test-resources phase runs npm-ci.sh to install it"
              + " (needs Node.js >= 20.18.1 and npm: apt-get install nodejs npm)");
    }
    try {
      Files.createDirectories(module.resolve("target"));
      ProcessBuilder builder =
          new ProcessBuilder("node", script.toString()).directory(module.toFile());
      builder.redirectError(
          ProcessBuilder.Redirect.appendTo(new File("target/workerd-oracle.log")));
      Workerd workerd = new Workerd(builder.start());
      String ready = workerd.out.readLine();
      if (ready == null || !JSON.readTree(ready).path("ready").asBoolean(false)) {
        throw new IllegalStateException(
            "compat: the workerd oracle did not start (see target/workerd-oracle.log): " + ready);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(workerd::stop));
      return workerd;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "compat: cannot start `node` (Node.js >= 20.18.1 must be on PATH: apt-get install"
              + " nodejs npm)",
          e);
    }
  }

  /** Runs the probe's steps in order in workerd; one answer per request step. */
  synchronized List<Answer> run(Probe probe) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", nextId++);
    message.put("script", probe.script());
    message.put("durableObjects", probe.durableObjects());
    message.put("compatibilityFlags", probe.compatibilityFlags());
    message.put("sqliteClasses", probe.sqliteClasses());
    message.put("d1Databases", probe.d1Databases());
    message.put("vars", probe.vars());
    message.put("kvNamespaces", probe.platform().kvNamespaces());
    message.put("r2Buckets", probe.platform().r2Buckets());
    message.put("queueProducers", probe.platform().queueProducers());
    Map<String, Object> consumers = new LinkedHashMap<>();
    probe
        .platform()
        .queueConsumers()
        .forEach(
            (queue, c) -> {
              Map<String, Object> settings = new LinkedHashMap<>();
              settings.put("maxBatchSize", c.maxBatchSize());
              settings.put("maxBatchTimeout", c.maxBatchTimeoutSeconds());
              settings.put("maxRetries", c.maxRetries());
              if (c.deadLetterQueue() != null) {
                settings.put("deadLetterQueue", c.deadLetterQueue());
              }
              settings.put("retryDelay", c.retryDelaySeconds());
              consumers.put(queue, settings);
            });
    message.put("queueConsumers", consumers);
    Map<String, Object> workflows = new LinkedHashMap<>();
    probe
        .platform()
        .workflows()
        .forEach(
            (binding, w) -> {
              Map<String, Object> workflow = new LinkedHashMap<>();
              workflow.put("name", w.name());
              workflow.put("className", w.className());
              workflows.put(binding, workflow);
            });
    message.put("workflows", workflows);
    List<Map<String, Object>> services = new ArrayList<>();
    for (Probe.Service service : probe.services()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("binding", service.binding());
      s.put("name", service.name());
      s.put("script", service.script());
      if (service.entrypoint() != null) {
        s.put("entrypoint", service.entrypoint());
      }
      services.add(s);
    }
    message.put("services", services);
    List<Map<String, Object>> modules = new ArrayList<>();
    for (Probe.Module module : probe.modules()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", module.path());
      m.put("type", module.type());
      m.put("base64", java.util.Base64.getEncoder().encodeToString(module.contents()));
      modules.add(m);
    }
    message.put("modules", modules);
    if (probe.assets() != null) {
      Probe.Assets assets = probe.assets();
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("directory", assets.path().toString());
      a.put("binding", assets.binding());
      a.put("notFoundHandling", assets.notFoundHandling());
      a.put("htmlHandling", assets.htmlHandling());
      a.put("runWorkerFirst", assets.runWorkerFirst());
      a.put("assetsOnly", assets.assetsOnly());
      message.put("assets", a);
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Probe.Step step : probe.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      if (step.isSleep()) {
        s.put("sleepMs", step.sleepMs());
      } else {
        s.put("method", step.method());
        s.put("url", step.url());
        s.put("headers", step.headers());
        if (step.tries() > 1) {
          s.put("pollMs", step.sleepMs());
          s.put("tries", step.tries());
        }
        if (step.body() != null) {
          s.put("body", step.body());
        }
      }
      steps.add(s);
    }
    message.put("steps", steps);
    try {
      in.write(JSON.writeValueAsString(message));
      in.write('\n');
      in.flush();
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException(
            "compat: the workerd oracle exited (see target/workerd-oracle.log)");
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.has("error")) {
        throw new IllegalStateException(
            "compat: workerd could not run probe " + probe.name() + ": " + answer.get("error"));
      }
      List<Answer> answers = new ArrayList<>();
      for (JsonNode response : answer.get("responses")) {
        Answer got =
            response.has("error")
                ? Answer.failed(response.get("error").asString())
                : Answer.of(response.get("status").asInt(), response.get("body").asString());
        if (probe.assets() != null && !response.has("error")) {
          JsonNode headers = response.get("headers");
          got =
              got.withAssetHeaders(name -> headers.has(name) ? headers.get(name).asString() : null);
        }
        answers.add(got);
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stop() {
    try {
      in.close();
      process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      // stopping anyway
    }
    process.destroy();
  }
}
