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
              answers.add(
                  error != null ? Answer.failed(error.getMessage()) : shown(probe, response));
              step(driver, probe, index + 1, answers);
            });
  }
}
