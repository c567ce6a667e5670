package dev.w9y.compat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.assets.StaticAssets;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The W9Y side of a probe: the Worker as the public service "api" (so {@code http://api/...}
 * reaches it, as any host does in Miniflare), seed 1, no faults, the steps sent one after another.
 */
final class W9y {
  private W9y() {}

  private static final tools.jackson.databind.ObjectMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  /**
   * Runs the probe; a guest error the probe lets reach the client is tolerated (a 500 both sides).
   */
  static List<Answer> run(Probe probe, GuestErrorKind... tolerated) {
    JsGuest code =
        JsGuest.fromSource("index.js", probe.script())
            .withSqliteClasses(probe.sqliteClasses())
            .withCompatibilityFlags(probe.compatibilityFlags());
    for (Probe.Module module : probe.modules()) {
      code = code.withFile(module.path(), module.contents());
    }
    ServiceSpec api = ServiceSpec.of("api", code);
    for (Map.Entry<String, String> object : probe.durableObjects().entrySet()) {
      api = api.withDurableObject(object.getKey(), object.getValue());
    }
    for (Map.Entry<String, Object> variable : probe.vars().entrySet()) {
      api =
          variable.getValue() instanceof String text
              ? api.withVar(variable.getKey(), text)
              : api.withJsonVar(variable.getKey(), JSON.writeValueAsString(variable.getValue()));
    }
    for (Map.Entry<String, String> database : probe.d1Databases().entrySet()) {
      api =
          api.withPlatformBinding(
              database.getKey(), dev.w9y.core.d1.D1DatabaseBinding.named(database.getValue()));
    }
    api = withPlatform(api, probe.platform());
    if (probe.assets() != null) {
      Probe.Assets declared = probe.assets();
      StaticAssets assets = StaticAssets.read(declared.path());
      if (declared.binding() != null) {
        assets = assets.withBinding(declared.binding());
      }
      if (declared.notFoundHandling() != null) {
        assets =
            assets.withNotFoundHandling(
                StaticAssets.NotFoundHandling.byWranglerName(declared.notFoundHandling()));
      }
      if (declared.htmlHandling() != null) {
        assets =
            assets.withHtmlHandling(
                StaticAssets.HtmlHandling.byWranglerName(declared.htmlHandling()));
      }
      if (declared.runWorkerFirst() instanceof Boolean first) {
        assets = assets.withRunWorkerFirst(first);
      } else if (declared.runWorkerFirst() instanceof List<?> routes) {
        List<String> patterns = new ArrayList<>();
        for (Object route : routes) {
          patterns.add((String) route);
        }
        assets = assets.withRunWorkerFirst(patterns);
      }
      if (declared.assetsOnly()) {
        assets = assets.asAssetsOnly(); // the probe's script is then never reached, as in workerd
      }
      api = api.withAssets(assets);
    }
    Topology.Builder topology = Topology.builder();
    java.util.Set<String> added = new java.util.TreeSet<>();
    for (Probe.Service service : probe.services()) {
      api =
          service.entrypoint() == null
              ? api.withBinding(service.binding(), service.name())
              : api.withBinding(service.binding(), service.name(), service.entrypoint());
      if (added.add(service.name())) {
        topology.service(
            ServiceSpec.of(
                service.name(), JsGuest.fromSource(service.name() + ".js", service.script())));
      }
    }
    topology.service(api.asPublic());
    List<Answer> answers = new ArrayList<>();
    Simulation.Builder builder =
        Simulation.builder(topology.build())
            .seed(1)
            .workload(() -> driver -> step(driver, probe, 0, answers))
            .safetyPhase(Duration.ofMinutes(10));
    for (GuestErrorKind kind : tolerated) {
      builder.tolerate(kind);
    }
    SimulationResult result = builder.build().run();
    if (result.failure().isPresent()) {
      throw new AssertionError("W9Y run of " + probe.name() + " failed: " + result.summary());
    }
    return answers;
  }

  /**
   * KV namespaces (strict: eventual consistency is a W9Y fault, and read-your-own-write holds in
   * both runtimes), queue producers and consumers, and workflows, as the probe declares them.
   */
  private static ServiceSpec withPlatform(ServiceSpec api, Probe.Platform platform) {
    for (Map.Entry<String, String> kv : platform.kvNamespaces().entrySet()) {
      api =
          api.withPlatformBinding(
              kv.getKey(), dev.w9y.core.kv.KvNamespaceBinding.strict(kv.getValue()));
    }
    for (Map.Entry<String, String> bucket : platform.r2Buckets().entrySet()) {
      api =
          api.withPlatformBinding(
              bucket.getKey(), new dev.w9y.core.r2.R2BucketBinding(bucket.getValue()));
    }
    for (Map.Entry<String, String> producer : platform.queueProducers().entrySet()) {
      api =
          api.withPlatformBinding(
              producer.getKey(), dev.w9y.core.queue.QueueProducerBinding.of(producer.getValue()));
    }
    for (Map.Entry<String, Probe.Consumer> consumer : platform.queueConsumers().entrySet()) {
      Probe.Consumer c = consumer.getValue();
      api =
          api.withPlatformTrigger(
              new dev.w9y.core.queue.QueueConsumer(
                  consumer.getKey(),
                  c.maxBatchSize(),
                  c.maxBatchTimeoutSeconds(),
                  c.maxRetries(),
                  c.deadLetterQueue(),
                  c.retryDelaySeconds()));
    }
    for (Map.Entry<String, Probe.Workflow> workflow : platform.workflows().entrySet()) {
      api =
          api.withPlatformBinding(
              workflow.getKey(),
              dev.w9y.core.workflow.WorkflowBinding.of(
                  workflow.getValue().name(), workflow.getValue().className(), null));
    }
    return api;
  }

  private static Answer shown(Probe probe, dev.w9y.core.http.Response response) {
    Answer answer = Answer.of(response.status(), response.body().text());
    return probe.assets() == null
        ? answer
        : answer.withAssetHeaders(name -> response.headers().get(name).orElse(null));
  }

  private static void step(WorkloadDriver driver, Probe probe, int index, List<Answer> answers) {
    List<Probe.Step> steps = probe.steps();
    if (index == steps.size()) {
      return;
    }
    Probe.Step step = steps.get(index);
    if (step.isSleep()) {
      driver.after(
          Duration.ofMillis(step.sleepMs()), () -> step(driver, probe, index + 1, answers));
      return;
    }
    send(driver, probe, step, step.tries(), answers, () -> step(driver, probe, index + 1, answers));
  }

  /** Sends {@code step}; a poll answered 202 is sent again after its interval while tries last. */
  private static void send(
      WorkloadDriver driver,
      Probe probe,
      Probe.Step step,
      int triesLeft,
      List<Answer> answers,
      Runnable next) {
    Request request =
        new Request(step.method(), step.url(), dev.w9y.core.http.Headers.EMPTY, Body.EMPTY);
    for (Map.Entry<String, String> header : step.headers().entrySet()) {
      request = request.withHeader(header.getKey(), header.getValue());
    }
    if (step.body() != null) {
      request = request.withBody(Body.ofText(step.body()));
    }
    driver
        .fetch(request)
        .whenComplete(
            (response, error) -> {
              if (error == null && response.status() == 202 && triesLeft > 1) {
                driver.after(
                    Duration.ofMillis(step.sleepMs()),
                    () -> send(driver, probe, step, triesLeft - 1, answers, next));
                return;
              }
              answers.add(
                  error != null ? Answer.failed(error.getMessage()) : shown(probe, response));
              next.run();
            });
  }
}
