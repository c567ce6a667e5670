package dev.w9y.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Web API corners a local web-platform-tests run found (issue 16 item 6) answer as in workerd:
 * SharedArrayBuffer and Atomics, TextDecoder's legacy encodings, a consumed body's stream,
 * URLSearchParams' constructor, structuredClone's transfer list and timer delays. The probe
 * (probes/webapi.js) answers each path with what it observed or the error it got.
 */
class WebApiCompatTest {
  private static void same(String... paths) {
    List<Probe.Step> steps = new ArrayList<>();
    for (String path : paths) {
      Probe.Step step = Probe.Step.get("http://api/" + path);
      steps.add(path.endsWith("/request") ? step.withMethod("POST", "0123456789") : step);
    }
    Differential.run(Probe.ofResource("webapi.js").with(steps)).assertSame();
  }

  @Test
  void sharedArrayBufferAndAtomics() {
    same(
        "sab/globals",
        "sab/ops",
        "sab/grow",
        "sab/wait",
        "sab/wait-not-equal",
        "sab/wait-async",
        "sab/clone");
  }

  @Test
  void textDecoderLegacyEncodings() {
    same(
        "decoder/labels",
        "decoder/single-byte",
        "decoder/multi-byte",
        "decoder/fatal",
        "decoder/stream",
        "decoder/bom",
        "decoder/attributes",
        "decoder/stream-class");
  }

  @Test
  void byteStreamsAndByobReaders() {
    same(
        "byob/body",
        "byob/request",
        "byob/enqueued",
        "byob/auto-allocate",
        "byob/respond",
        "byob/new-view",
        "byob/wider-views",
        "byob/detaches",
        "byob/tee",
        "byob/controller",
        "byob/default-stream",
        "byob/empty-view",
        "byob/no-view",
        "byob/enqueue-empty",
        "byob/enqueue-string",
        "byob/min");
  }

  @Test
  void aConsumedBodyIsALockedDisturbedStream() {
    same(
        "body/after-text",
        "body/asked-before-text",
        "body/request",
        "body/reader-after-text",
        "body/as-body",
        "body/read-partly",
        "body/cancelled",
        "body/null");
  }

  @Test
  void jsonParseErrorsInV8sWords() {
    same("json/errors", "json/readers", "json/function");
  }

  @Test
  void webApisPrintAsNativeCode() {
    same("native/to-string");
  }

  @Test
  void urlSearchParamsConstructor() {
    same(
        "params/surrogates",
        "params/record-collisions",
        "params/iterables",
        "params/one-item",
        "params/three-items",
        "params/string-pair",
        "params/array-like-pair");
  }

  @Test
  void structuredCloneTransfer() {
    same(
        "clone/transfer",
        "clone/transfer-views",
        "clone/transfer-lenient",
        "clone/transfer-resizable",
        "clone/transfer-then-fail",
        "clone/transfer-number",
        "clone/transfer-null",
        "clone/transfer-set",
        "clone/transfer-shared",
        "clone/transfer-object",
        "clone/transfer-stream");
  }

  @Test
  void timerDelays() {
    same("timers/delays", "timers/bigint", "timers/symbol", "timers/interval");
  }
}
