package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.compat.Probe.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An assets directory's {@code _redirects} and {@code _headers} files, in W9Y and in workerd. */
class StaticAssetsRedirectsCompatTest {
  private static final Probe SITE =
      Probe.ofResource("assets.js")
          .withAssets(new Probe.Assets("assets/redirects", "ASSETS", null, null, null));

  @Test
  void staticAndDynamicRulesRedirectOrRewriteBeforeTheAssetsAndTheWorker() {
    List<Step> steps = new ArrayList<>();
    for (String path :
        List.of(
            "/old",
            "/old?a=1",
            "/old-q?a=1",
            "/moved",
            "/seeother",
            "/perm",
            "/rewrite",
            "/rewrite-missing",
            "/external?k=v",
            "/external-root",
            "/style.css",
            "/posts/2024/hello",
            "/users/ada/profile",
            "/users/ada/profile?x=1",
            "/users/ada/other",
            "/proxy/post.txt",
            "/proxy/none.txt",
            "/new",
            "/_redirects",
            "/via?p=/old",
            "/manual?p=/old",
            "/manual?p=/posts/a/b",
            "/blog/post.txt",
            "/blog/none.txt",
            "/index.html",
            "/_headers",
            "/via?p=/style.css")) {
      steps.add(Step.get("http://api" + path));
    }
    steps.add(Step.get("http://api/old").withMethod("POST", "x"));
    steps.add(Step.get("http://api/rewrite").withMethod("POST", "x"));
    Differential run = Differential.run(SITE.with(steps));
    run.assertSame();
    // The harness compares what it should: workerd applied the file.
    assertThat(run.workerd(0).toString())
        .isEqualTo("301 [location=/new x-test=all, old-redirect] ");
    assertThat(run.workerd(11).toString()).isEqualTo("301 [location=/blog/2024/hello x-test=all] ");
  }
}
