package dev.w9y.core.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.assets.StaticAssets.HtmlHandling;
import dev.w9y.core.assets.StaticAssets.NotFoundHandling;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asset server's rules, each as workerd (Miniflare 4.20260426.0, compatibility date 2025-10-08)
 * answered it; the compat suite's StaticAssetsCompatTest runs the same requests in both.
 */
class AssetServerTest {
  @TempDir Path temp;

  private static StaticAssets site() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    put(files, "/index.html", "<h1>home</h1>");
    put(files, "/style.css", "body{}");
    put(files, "/dir/index.html", "<p>dir</p>");
    put(files, "/about.html", "<p>about</p>");
    put(files, "/404.html", "not found");
    put(files, "/docs/404.html", "docs not found");
    put(files, "/data.json", "{\"a\":1}");
    put(files, "/file.bin", "xx");
    put(files, "/noext", "n");
    put(files, "/f.unknownext", "u");
    return StaticAssets.of(files);
  }

  private static void put(SortedMap<String, byte[]> files, String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String show(Response response) {
    if (response == null) {
      return "worker";
    }
    StringBuilder out = new StringBuilder().append(response.status());
    for (String name : List.of("content-type", "location", "cache-control")) {
      response
          .headers()
          .get(name)
          .ifPresent(v -> out.append(" ").append(name).append("=").append(v));
    }
    if (!response.body().isEmpty()) {
      out.append(" ").append(response.body().text());
    }
    return out.toString();
  }

  private static String front(StaticAssets assets, String method, String path, String... headers) {
    Request request = new Request(method, "http://web" + path, Headers.of(headers), Body.EMPTY);
    return show(new AssetServer(assets).front(request));
  }

  private static String binding(StaticAssets assets, String path) {
    return show(new AssetServer(assets).fetch(Request.get("http://web" + path)));
  }

  @Test
  void aGetForAFileIsAnsweredBeforeTheWorkerWithTypeEtagAndCacheControl() {
    String cache = " cache-control=public, max-age=0, must-revalidate";
    assertThat(front(site(), "GET", "/"))
        .isEqualTo("200 content-type=text/html; charset=utf-8" + cache + " <h1>home</h1>");
    assertThat(front(site(), "GET", "/style.css"))
        .isEqualTo("200 content-type=text/css; charset=utf-8" + cache + " body{}");
    assertThat(front(site(), "GET", "/data.json"))
        .isEqualTo("200 content-type=application/json" + cache + " {\"a\":1}");
    assertThat(front(site(), "GET", "/file.bin"))
        .isEqualTo("200 content-type=application/octet-stream" + cache + " xx");
    assertThat(front(site(), "GET", "/noext")).isEqualTo("200" + cache + " n");
    assertThat(front(site(), "GET", "/f.unknownext")).isEqualTo("200" + cache + " u");
    Response response = new AssetServer(site()).fetch(Request.get("http://web/style.css"));
    assertThat(response.headers().get("etag").orElseThrow()).matches("\"[0-9a-f]{32}\"");
  }

  @Test
  void otherPathsAndOtherMethodsOnPathsWithNoAssetReachTheWorker() {
    assertThat(front(site(), "GET", "/missing")).isEqualTo("worker");
    assertThat(front(site(), "POST", "/missing")).isEqualTo("worker");
    assertThat(front(site(), "GET", "/api/x?y=1")).isEqualTo("worker");
  }

  @Test
  void aMethodOtherThanGetOrHeadOnAnAssetIs405AndHeadHasNoBody() {
    assertThat(front(site(), "POST", "/style.css")).isEqualTo("405");
    assertThat(front(site(), "DELETE", "/")).isEqualTo("405");
    assertThat(front(site(), "HEAD", "/style.css"))
        .isEqualTo(
            "200 content-type=text/css; charset=utf-8 cache-control=public, max-age=0,"
                + " must-revalidate");
  }

  @Test
  void autoTrailingSlashRedirectsWith307AndKeepsTheQuery() {
    assertThat(front(site(), "GET", "/index.html")).isEqualTo("307 location=/");
    assertThat(front(site(), "GET", "/dir")).isEqualTo("307 location=/dir/");
    assertThat(front(site(), "GET", "/dir/index.html?a=1")).isEqualTo("307 location=/dir/?a=1");
    assertThat(front(site(), "GET", "/dir/index")).isEqualTo("307 location=/dir/");
    assertThat(front(site(), "GET", "/dir/")).startsWith("200 ").endsWith("<p>dir</p>");
    assertThat(front(site(), "GET", "/about")).startsWith("200 ").endsWith("<p>about</p>");
    assertThat(front(site(), "GET", "/about.html")).isEqualTo("307 location=/about");
    assertThat(front(site(), "GET", "/about/")).isEqualTo("307 location=/about");
  }

  @Test
  void forceAndDropTrailingSlashAndNoneRedirectTheirWay() {
    StaticAssets force = site().withHtmlHandling(HtmlHandling.FORCE_TRAILING_SLASH);
    assertThat(front(force, "GET", "/about")).isEqualTo("307 location=/about/");
    assertThat(front(force, "GET", "/about.html")).isEqualTo("307 location=/about/");
    assertThat(front(force, "GET", "/about/")).endsWith("<p>about</p>");
    assertThat(front(force, "GET", "/dir")).isEqualTo("307 location=/dir/");
    StaticAssets drop = site().withHtmlHandling(HtmlHandling.DROP_TRAILING_SLASH);
    assertThat(front(drop, "GET", "/dir/")).isEqualTo("307 location=/dir");
    assertThat(front(drop, "GET", "/dir")).endsWith("<p>dir</p>");
    assertThat(front(drop, "GET", "/dir/index.html")).isEqualTo("307 location=/dir");
    assertThat(front(drop, "GET", "/index.html")).isEqualTo("307 location=/");
    StaticAssets none = site().withHtmlHandling(HtmlHandling.NONE);
    assertThat(front(none, "GET", "/about")).isEqualTo("worker");
    assertThat(front(none, "GET", "/about.html")).endsWith("<p>about</p>");
    assertThat(front(none, "GET", "/dir/")).isEqualTo("worker");
  }

  @Test
  void singlePageApplicationServesIndexToNavigationsOnlyOthersReachTheWorker() {
    StaticAssets spa = site().withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION);
    assertThat(front(spa, "GET", "/app/route", "sec-fetch-mode", "navigate"))
        .startsWith("200 content-type=text/html")
        .endsWith("<h1>home</h1>");
    assertThat(front(spa, "GET", "/app/route")).isEqualTo("worker");
    assertThat(front(spa, "GET", "/app/route", "sec-fetch-mode", "cors")).isEqualTo("worker");
    assertThat(binding(spa, "/app/route")).endsWith("<h1>home</h1>");
  }

  @Test
  void page404ServesTheNearest404HtmlWithStatus404() {
    StaticAssets page = site().withNotFoundHandling(NotFoundHandling.PAGE_404);
    assertThat(front(page, "GET", "/docs/a/b", "sec-fetch-mode", "navigate"))
        .startsWith("404 content-type=text/html")
        .endsWith("docs not found");
    assertThat(front(page, "GET", "/x/y", "sec-fetch-mode", "navigate")).endsWith(" not found");
    assertThat(front(page, "GET", "/x/y")).isEqualTo("worker");
    assertThat(binding(page, "/nothing")).startsWith("404 ").endsWith(" not found");
  }

  @Test
  void theBindingAnswers404WithNoBodyForAMissingFileAndRedirectsLikeTheFrontDoor() {
    assertThat(binding(site(), "/nothing")).isEqualTo("404");
    // a missing file is a 404 whatever the method; the method is checked for files only
    assertThat(
            show(
                new AssetServer(site())
                    .fetch(new Request("POST", "http://web/nothing", Headers.EMPTY, Body.EMPTY))))
        .isEqualTo("404");
    assertThat(binding(site(), "/dir")).isEqualTo("307 location=/dir/");
    assertThat(binding(site(), "/style.css")).endsWith("body{}");
  }

  @Test
  void ifNoneMatchWithTheEtagIs304WithTheHeadersAndNoBody() {
    AssetServer server = new AssetServer(site());
    String etag = server.fetch(Request.get("http://web/style.css")).headers().get("etag").get();
    Response notModified =
        server.fetch(Request.get("http://web/style.css").withHeader("if-none-match", etag));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body().isEmpty()).isTrue();
    assertThat(notModified.headers().get("etag")).contains(etag);
    assertThat(
            server
                .fetch(Request.get("http://web/style.css").withHeader("if-none-match", "W/" + etag))
                .status())
        .isEqualTo(304);
    assertThat(
            server
                .fetch(Request.get("http://web/style.css").withHeader("if-none-match", "\"x\""))
                .status())
        .isEqualTo(200);
  }

  @Test
  void runWorkerFirstSendsEverythingOrTheMatchingRoutesToTheWorkerNegationsToTheAssets() {
    assertThat(front(site().withRunWorkerFirst(true), "GET", "/style.css")).isEqualTo("worker");
    StaticAssets routes = site().withRunWorkerFirst(List.of("/api/*", "!/api/docs/*", "/*.css"));
    assertThat(front(routes, "GET", "/style.css")).isEqualTo("worker");
    assertThat(front(routes, "GET", "/api/x")).isEqualTo("worker");
    assertThat(front(routes, "GET", "/api/docs/missing")).isEqualTo("404");
    assertThat(front(routes, "GET", "/about")).endsWith("<p>about</p>");
    assertThatThrownBy(() -> site().withRunWorkerFirst(List.of("api/*")))
        .hasMessageContaining("'api/*' must start with '/'");
  }

  @Test
  void percentEscapesInThePathAreDecodedAndAPathSpelledOtherwiseRedirectsToItsEncoding() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    put(files, "/a b.txt", "space");
    put(files, "/a@b.txt", "at");
    StaticAssets assets = StaticAssets.of(files);
    assertThat(front(assets, "GET", "/a%20b.txt")).endsWith("space");
    assertThat(front(assets, "GET", "/a%20b%2Etxt?q")).isEqualTo("307 location=/a%20b.txt?q");
    assertThat(front(assets, "GET", "/a@b.txt")).isEqualTo("307 location=/a%40b.txt");
    assertThat(front(assets, "GET", "/a%40b.txt")).endsWith("at");
    assertThat(front(assets, "GET", "//a%20b.txt")).isEqualTo("307 location=/a%20b.txt");
    assertThat(front(assets, "GET", "/%E0%A4%A.txt")).isEqualTo("worker");
  }

  @Test
  void withRunWorkerFirstRoutesNotFoundHandlingAppliesToEveryRequestNotOnlyNavigations() {
    StaticAssets spa =
        site()
            .withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION)
            .withRunWorkerFirst(List.of("/api/*"));
    assertThat(front(spa, "GET", "/app/route")).endsWith("<h1>home</h1>");
    assertThat(front(spa, "GET", "/api/route")).isEqualTo("worker");
  }

  @Test
  void aDirectoryIsReadIntoMemoryAndItsIdentityIsItsContentNotItsPlace() throws IOException {
    Path one = temp.resolve("one");
    Path two = temp.resolve("elsewhere/two");
    for (Path dir : List.of(one, two)) {
      Files.createDirectories(dir.resolve("sub"));
      Files.writeString(dir.resolve("index.html"), "hi");
      Files.writeString(dir.resolve("sub/a.txt"), "a");
    }
    StaticAssets first = StaticAssets.read(one);
    assertThat(first.files().keySet()).containsExactly("/index.html", "/sub/a.txt");
    assertThat(first.identity()).isEqualTo(StaticAssets.read(two).identity());
    assertThat(first.identity()).startsWith("assets:/ sha256:").doesNotContain(temp.toString());
    Files.writeString(one.resolve("sub/a.txt"), "b");
    assertThat(StaticAssets.read(one).identity()).isNotEqualTo(StaticAssets.read(two).identity());
    assertThat(first.withBinding("ASSETS").identity()).endsWith(" binding=ASSETS");
  }

  @Test
  void redirectsRulesComeFirstStaticBeforeDynamicWithSplatsPlaceholdersAndRewrites() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    put(files, "/index.html", "home");
    put(files, "/style.css", "body{}");
    put(files, "/blog/post.txt", "post");
    put(
        files,
        "/_redirects",
        "# comment\n/old /new 301\n/old-q /new?from=old\n/rewrite /style.css 200\n"
            + "/style.css /elsewhere\n/posts/* /blog/:splat 301\n"
            + "/users/:id/profile /u/:id?tab=profile\n/proxy/* /blog/:splat 200\n");
    StaticAssets assets = StaticAssets.of(files);
    assertThat(front(assets, "GET", "/old?a=1")).isEqualTo("301 location=/new?a=1");
    assertThat(front(assets, "POST", "/old")).isEqualTo("301 location=/new");
    assertThat(front(assets, "GET", "/old-q?a=1")).isEqualTo("302 location=/new?from=old");
    assertThat(front(assets, "GET", "/rewrite")).endsWith("body{}");
    assertThat(front(assets, "GET", "/style.css")).isEqualTo("302 location=/elsewhere");
    assertThat(front(assets, "GET", "/posts/2024/a")).isEqualTo("301 location=/blog/2024/a");
    assertThat(front(assets, "GET", "/users/ada/profile"))
        .isEqualTo("302 location=/u/ada?tab=profile");
    assertThat(front(assets, "GET", "/users/ada/x")).isEqualTo("worker");
    assertThat(front(assets, "GET", "/proxy/post.txt")).endsWith("post");
    assertThat(front(assets, "GET", "/proxy/none.txt")).isEqualTo("404");
    assertThat(front(assets, "GET", "/_redirects")).isEqualTo("worker");
  }

  @Test
  void headersRulesApplyInFileOrderToEveryAnswerOfTheAssetServer() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    put(files, "/style.css", "body{}");
    put(files, "/blog/post.txt", "post");
    put(
        files,
        "/_headers",
        "/*\n  X-Test: all\n/style.css\n  X-Test: css\n  Cache-Control: public, max-age=3600\n"
            + "/blog/:name\n  X-Splat: blog-:name\n  ! Cache-Control\n");
    AssetServer server = new AssetServer(StaticAssets.of(files));
    Response css = server.fetch(Request.get("http://web/style.css"));
    assertThat(css.headers().get("x-test")).contains("all, css");
    assertThat(css.headers().get("cache-control")).contains("public, max-age=3600");
    Response post = server.fetch(Request.get("http://web/blog/post.txt"));
    assertThat(post.headers().get("x-splat")).contains("blog-post.txt");
    assertThat(post.headers().has("cache-control")).isFalse();
    Response missing = server.fetch(Request.get("http://web/nothing"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().get("x-test")).contains("all");
  }

  @Test
  void badInputIsAClearError() throws IOException {
    assertThatThrownBy(() -> StaticAssets.read(temp.resolve("nope")))
        .hasMessage("assets directory not found: " + temp.resolve("nope"));
    Files.writeString(temp.resolve("_redirects"), "/a /b 302\n/c /d 404\n");
    assertThatThrownBy(() -> StaticAssets.read(temp))
        .hasMessage(
            "assets directory "
                + temp
                + ": _redirects:2: status must be 200, 301, 302 (default), 303, 307 or 308,"
                + " was 404");
    Files.writeString(temp.resolve("_redirects"), "/a /b 302\n");
    Files.writeString(temp.resolve("_headers"), "/*\n  X-A: 1\n/b\n");
    assertThatThrownBy(() -> StaticAssets.read(temp))
        .hasMessageEndingWith(": _headers:3: no headers for /b (workerd skips the rule)");
  }

  /**
   * .assetsignore as wrangler reads it: gitignore patterns over paths from the directory, itself,
   * _redirects and _headers always left out (their rules still apply) unless re-included.
   */
  @Test
  void assetsignoreLeavesFilesOutAsWranglerDoes() throws IOException {
    Files.writeString(
        temp.resolve(".assetsignore"),
        "# comment\r\n*.map\nsecret/\n/top.txt\ndocs/**/draft-*\n!keep.map\nbuild\n!build/x.txt\n"
            + "NODE_MODULES\n");
    Files.writeString(temp.resolve("_redirects"), "/old /new.txt 301\n");
    Files.writeString(temp.resolve("_headers"), "/*\n  X-A: 1\n");
    Files.createDirectories(temp.resolve("secret"));
    Files.createDirectories(temp.resolve("docs/a/b"));
    Files.createDirectories(temp.resolve("sub"));
    Files.createDirectories(temp.resolve("build"));
    Files.createDirectories(temp.resolve("node_modules/x"));
    for (String file :
        List.of(
            "app.js",
            "app.js.map",
            "keep.map",
            "secret/key.txt",
            "top.txt",
            "sub/top.txt",
            "sub/_headers",
            "docs/draft-1.html",
            "docs/a/b/draft-2.html",
            "docs/a/final.html",
            "build/x.txt",
            "node_modules/x/index.js",
            "new.txt")) {
      Files.writeString(temp.resolve(file), file);
    }
    // An ignored file is never read: its size does not matter.
    Files.write(temp.resolve("big.map"), new byte[StaticAssets.MAX_ASSET_BYTES + 1]);
    StaticAssets assets = StaticAssets.read(temp);
    List<String> served = new java.util.ArrayList<>();
    for (String path : assets.files().keySet()) {
      if (assets.served(path)) {
        served.add(path);
      }
    }
    assertThat(served)
        .containsExactly(
            "/app.js",
            "/docs/a/final.html",
            "/keep.map",
            "/new.txt",
            "/sub/_headers",
            "/sub/top.txt");
    AssetServer server = new AssetServer(assets);
    assertThat(server.fetch(Request.get("http://web/app.js.map")).status()).isEqualTo(404);
    assertThat(server.fetch(Request.get("http://web/.assetsignore")).status()).isEqualTo(404);
    assertThat(server.fetch(Request.get("http://web/_headers")).status()).isEqualTo(404);
    Response old = server.fetch(Request.get("http://web/old"));
    assertThat(old.status()).isEqualTo(301);
    assertThat(old.headers().get("x-a")).contains("1");
    // Re-included configuration files are served, and still apply.
    Files.delete(temp.resolve("big.map"));
    Files.writeString(temp.resolve(".assetsignore"), "!_headers\n!.assetsignore\n");
    StaticAssets opted = StaticAssets.read(temp);
    AssetServer optedServer = new AssetServer(opted);
    Response headers = optedServer.fetch(Request.get("http://web/_headers"));
    assertThat(headers.status()).isEqualTo(200);
    assertThat(headers.headers().get("x-a")).contains("1");
    assertThat(optedServer.fetch(Request.get("http://web/.assetsignore")).status()).isEqualTo(200);
    assertThat(optedServer.fetch(Request.get("http://web/_redirects")).status()).isEqualTo(404);
    // StaticAssets.of applies the same rules to files given in memory.
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("/.assetsignore", "*.txt\n".getBytes(StandardCharsets.UTF_8));
    files.put("/a.txt", new byte[] {1});
    files.put("/a.html", new byte[] {2});
    StaticAssets inMemory = StaticAssets.of(files);
    assertThat(inMemory.files().keySet()).containsExactly("/.assetsignore", "/a.html");
    assertThat(inMemory.served("/a.html")).isTrue();
    assertThat(inMemory.served("/.assetsignore")).isFalse();
  }
}
