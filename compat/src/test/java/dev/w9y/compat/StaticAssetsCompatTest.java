package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.compat.Probe.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workers Static Assets in W9Y and in workerd: which requests the assets answer before the Worker,
 * html_handling's redirects, not_found_handling, run_worker_first, env.ASSETS.fetch, and the
 * headers that matter (content-type, location, cache-control, the ETag's shape), compared request
 * by request. Navigations ({@code Sec-Fetch-Mode: navigate}) cannot be sent through Miniflare's
 * dispatchFetch (it sends {@code cors}), so the navigation rules are tested in W9Y only
 * (AssetServerTest).
 */
class StaticAssetsCompatTest {
  private static Probe site(String notFound, String html, Object runWorkerFirst) {
    return Probe.ofResource("assets.js")
        .withAssets(new Probe.Assets("assets/site", "ASSETS", notFound, html, runWorkerFirst));
  }

  private static List<Step> gets(String... paths) {
    List<Step> steps = new ArrayList<>();
    for (String path : paths) {
      steps.add(Step.get("http://api" + path));
    }
    return steps;
  }

  private static final String[] PATHS = {
    "/",
    "/index.html",
    "/index",
    "/style.css",
    "/data.json",
    "/file.bin",
    "/hello.txt",
    "/noext",
    "/app.js",
    "/logo.svg",
    "/a%20b.txt",
    "/dir",
    "/dir/",
    "/dir/index.html",
    "/dir/index",
    "/dir/index.html?x=1",
    "/about",
    "/about.html",
    "/about/",
    "/about/index.html",
    "/missing",
    "/docs/x",
    "/api/thing?q=2",
    "/style.css/",
    "/%61bout",
    "/style%2Ecss?v=1",
    "//style.css",
    "/a%20b%2etxt",
    "/%E0%A4%A.txt",
    "/dir//index.html",
  };

  @Test
  void autoTrailingSlashServesFilesRedirectsAndLeavesTheRestToTheWorker() {
    Differential run = Differential.run(site(null, null, null).with(gets(PATHS)));
    run.assertSame();
    // The harness compares what it should: the assets answered, with their headers.
    assertThat(run.workerd(0).toString())
        .isEqualTo(
            "200 [content-type=text/html; charset=utf-8 cache-control=public, max-age=0,"
                + " must-revalidate etag=\"<32 hex>\"] <h1>home</h1>");
    assertThat(run.workerd(1).toString()).isEqualTo("307 [location=/] ");
    assertThat(run.workerd(20).toString())
        .isEqualTo("200 [content-type=text/plain;charset=UTF-8] worker GET /missing");
  }

  @Test
  void forceTrailingSlash() {
    Differential.run(site(null, "force-trailing-slash", null).with(gets(PATHS))).assertSame();
  }

  @Test
  void dropTrailingSlash() {
    Differential.run(site(null, "drop-trailing-slash", null).with(gets(PATHS))).assertSame();
  }

  @Test
  void htmlHandlingNone() {
    Differential.run(site(null, "none", null).with(gets(PATHS))).assertSame();
  }

  @Test
  void otherMethodsHeadAndConditionalRequests() {
    List<Step> steps = new ArrayList<>();
    steps.add(Step.get("http://api/style.css").withMethod("POST", "x"));
    steps.add(Step.get("http://api/missing").withMethod("POST", "x"));
    steps.add(Step.get("http://api/").withMethod("PUT", "x"));
    steps.add(Step.get("http://api/style.css").withMethod("HEAD", null));
    steps.add(Step.get("http://api/dir").withMethod("HEAD", null));
    steps.add(Step.get("http://api/style.css").withHeader("if-none-match", "\"nope\""));
    steps.addAll(gets("/etag-roundtrip"));
    Differential.run(site(null, null, null).with(steps)).assertSame();
  }

  @Test
  void theAssetsBindingServesRedirectsAnd404sAndFollowsRedirectsByDefault() {
    Differential.run(
            site(null, null, null)
                .with(
                    gets(
                        "/via?p=/style.css",
                        "/via?p=/nothing",
                        "/via?p=/dir",
                        "/manual?p=/dir",
                        "/manual?p=/about.html",
                        "/via?p=/about",
                        "/via?p=/style.css&m=POST",
                        "/via?p=/nothing&m=POST",
                        "/via?p=/style.css&m=HEAD")))
        .assertSame();
  }

  @Test
  void notFoundHandlingAppliesToTheBindingAndNotToPlainRequests() {
    String[] paths = {"/missing", "/docs/a/b", "/via?p=/missing", "/via?p=/docs/a/b", "/"};
    Differential.run(site("404-page", null, null).with(gets(paths))).assertSame();
    Differential.run(site("single-page-application", null, null).with(gets(paths))).assertSame();
  }

  @Test
  void withRunWorkerFirstRoutesNotFoundHandlingAnswersEveryRequestTheRoutesLeaveToTheAssets() {
    String[] paths = {"/missing", "/api/x", "/docs/a/b", "/style.css"};
    Differential.run(site("single-page-application", null, List.of("/api/*")).with(gets(paths)))
        .assertSame();
    Differential.run(site("404-page", null, List.of("/api/*")).with(gets(paths))).assertSame();
  }

  @Test
  void runWorkerFirst() {
    String[] paths = {"/", "/style.css", "/api/x", "/api/docs/missing", "/api/docs/", "/about"};
    Differential.run(site(null, null, true).with(gets(paths))).assertSame();
    Differential.run(
            site(null, null, List.of("/api/*", "!/api/docs/*", "/*.css")).with(gets(paths)))
        .assertSame();
  }
}
