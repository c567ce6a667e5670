package dev.w9y.compat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nodejs_compat's I/O modules answer as in workerd: node:fs over the virtual file system (/bundle,
 * a /tmp of each request's own, /dev; error codes and words), node:stream, node:http served by
 * cloudflare:node's httpServerHandler, node:url, node:querystring, node:string_decoder and crypto's
 * scrypt (docs/JS-GUESTS.md, "Node.js compatibility").
 */
class NodeIoCompatTest {
  private static final Probe IO =
      Probe.ofResource("node-io.js").withCompatibilityFlags("nodejs_compat");

  private static Probe.Step get(String path) {
    return Probe.Step.get("http://api/" + path);
  }

  private static java.util.Map<String, String> xTest() {
    java.util.Map<String, String> headers = new java.util.TreeMap<>();
    headers.put("x-test", "v");
    return headers;
  }

  @Test
  void fsAnswersAsWorkerdsVirtualFileSystem() {
    Differential.run(IO.with(List.of(get("fs")))).assertSame();
  }

  @Test
  void eachRequestHasItsOwnTmpAndPromisesAndCallbacksAgree() {
    Differential.run(IO.with(List.of(get("fs"), get("fsAsync"), get("fsAsync")))).assertSame();
  }

  @Test
  void streamsStringDecoderUrlQuerystringAndScryptAsWorkerd() {
    Differential.run(IO.with(List.of(get("stream"), get("url"), get("scrypt")))).assertSame();
  }

  @Test
  void httpServerHandlerServesAsWorkerd() {
    Differential.run(
            IO.with(
                List.of(
                    new Probe.Step("POST", "http://api/http/info?q=1", xTest(), "hello", 0, 1),
                    get("http/stream"),
                    get("http/head"),
                    get("http/late"),
                    get("http/twice"),
                    get("http/nope"),
                    get("http/none"))))
        .assertSame();
  }
}
