package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.compat.Probe.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An assets directory's {@code .assetsignore}, and assets-only Workers (wrangler's {@code assets}
 * without {@code main}), in W9Y and in workerd.
 */
class StaticAssetsIgnoreCompatTest {
  private static List<Step> gets(String... paths) {
    List<Step> steps = new ArrayList<>();
    for (String path : paths) {
      steps.add(Step.get("http://api" + path));
    }
    return steps;
  }

  private static final String[] IGNORED_PATHS = {
    "/",
    "/app.js.map",
    "/keep.map",
    "/secret/key.txt",
    "/top.txt",
    "/sub/top.txt",
    "/build/x.txt",
    "/_headers",
    "/_redirects",
    "/.assetsignore",
    "/sub/_headers",
    "/old",
  };

  /**
   * gitignore patterns leave files out (they reach the Worker instead); .assetsignore itself and
   * _redirects stay out, _headers is re-included, and both files' rules still apply.
   */
  @Test
  void assetsignoreLeavesFilesOutAsWranglerDoes() {
    Probe probe =
        Probe.ofResource("assets.js")
            .withAssets(new Probe.Assets("assets/ignored", "ASSETS", null, null, null));
    Differential run = Differential.run(probe.with(gets(IGNORED_PATHS)));
    run.assertSame();
    // The harness compares what it should: workerd left the file out, and served _headers.
    assertThat(run.workerd(1).toString()).contains("worker GET /app.js.map");
    assertThat(run.workerd(7).toString()).startsWith("200 [").contains("x-test=ignored-site");
  }

  private static Probe assetsOnly(String notFound) {
    return Probe.ofResource("assets.js")
        .withAssets(Probe.Assets.only("assets/site", notFound, null));
  }

  private static final String[] SITE_PATHS = {
    "/", "/index.html", "/about", "/style.css", "/missing", "/docs/x", "/api/thing", "/dir",
  };

  private static List<Step> siteSteps() {
    List<Step> steps = gets(SITE_PATHS);
    steps.add(Step.get("http://api/style.css").withMethod("POST", "x"));
    steps.add(Step.get("http://api/missing").withMethod("POST", "x"));
    return steps;
  }

  /** No Worker: the assets answer everything, a missing path with a 404 and no body. */
  @Test
  void anAssetsOnlyWorkerAnswersEveryRequestFromItsAssets() {
    Differential run = Differential.run(assetsOnly(null).with(siteSteps()));
    run.assertSame();
    assertThat(run.workerd(4).toString()).isEqualTo("404 [] ");
  }

  /** Not-found handling applies to every request, navigation or not, with no Worker behind. */
  @Test
  void anAssetsOnlyWorkersNotFoundHandlingAppliesToEveryRequest() {
    Differential spa = Differential.run(assetsOnly("single-page-application").with(siteSteps()));
    spa.assertSame();
    assertThat(spa.workerd(4).toString()).startsWith("200 [").endsWith("<h1>home</h1>");
    Differential page = Differential.run(assetsOnly("404-page").with(siteSteps()));
    page.assertSame();
    assertThat(page.workerd(5).toString()).startsWith("404 [");
  }
}
