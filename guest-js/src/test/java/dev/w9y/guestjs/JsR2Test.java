package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.FaultHooks;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.r2.R2BucketBinding;
import dev.w9y.core.r2.R2Hooks;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * R2 from JavaScript ({@code env.BUCKET}) inside a simulation: what the trace records, what is
 * seeded (versions, upload ids) and what comes from the content (etags) or the virtual clock
 * ({@code uploaded}), a bucket shared by two services, and R2's transient internal error injected
 * through {@link R2Hooks}. Byte-for-byte fidelity to workerd is R2CompatTest's (compat module).
 */
class JsR2Test {
  private static final String WRITER =
      """
      export default {
        async fetch(request, env) {
          if (new URL(request.url).pathname === "/read") {
            const o = await env.BUCKET.get("a/hello");
            return new Response(o === null ? "gone" : await o.text());
          }
          const put = await env.BUCKET.put("a/hello", "hello", { customMetadata: { by: "writer" } });
          const u = await env.BUCKET.createMultipartUpload("big");
          const part = await u.uploadPart(1, "tail");
          const big = await u.complete([part]);
          return Response.json({ etag: put.etag, version: put.version,
            uploaded: put.uploaded.getTime(), uploadId: u.uploadId, big: big.etag });
        },
      };
      """;

  private static final String READER =
      """
      export default {
        async fetch(request, env) {
          try {
            const o = await env.BUCKET.get("a/hello");
            const page = await env.BUCKET.list({ delimiter: "/" });
            return Response.json({ text: await o.text(), by: o.customMetadata.by,
              keys: page.objects.map((x) => x.key), prefixes: page.delimitedPrefixes });
          } catch (e) {
            return new Response(e.name + ": " + e.message, { status: 500 });
          }
        },
      };
      """;

  private static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of("writer", JsGuest.fromSource("index.js", WRITER))
                .withPlatformBinding("BUCKET", new R2BucketBinding("files"))
                .asPublic())
        .service(
            ServiceSpec.of("reader", JsGuest.fromSource("index.js", READER))
                .withPlatformBinding("BUCKET", new R2BucketBinding("files"))
                .asPublic())
        .build();
  }

  private record Run(SimulationResult result, List<String> outcomes) {
    List<JsonNode> records(String kind) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
        if (kind.equals(record.path("kind").asString(""))) {
          found.add(record);
        }
      }
      return found;
    }
  }

  /** A fault injector that fails every R2 get with R2's internal error. */
  private static final class FailingGets implements FaultHooks, R2Hooks {
    @Override
    public boolean r2InternalError(String actor, String bucket, String operation, String key) {
      return operation.equals("get");
    }

    @Override
    public void heal() {}
  }

  private static Run run(long seed, boolean failGets) {
    List<String> outcomes = new ArrayList<>();
    Simulation.Builder builder =
        Simulation.builder(topology())
            .seed(seed)
            .workload(
                () ->
                    driver -> {
                      JsWorld.send(driver, Request.get("http://writer/"), outcomes);
                      driver.after(
                          Duration.ofSeconds(1),
                          () -> JsWorld.send(driver, Request.get("http://reader/"), outcomes));
                    })
            .safetyPhase(Duration.ofMinutes(1));
    if (failGets) {
      builder.faults(context -> new FailingGets());
    }
    SimulationResult result = builder.build().retainingTrace().run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    return new Run(result, outcomes);
  }

  @Test
  void objectsAreSharedByBucketNameWithContentEtagsAndVirtualTimeUploads() throws Exception {
    Run run = run(5, false);
    JsonNode written = JSON.readTree(run.outcomes().get(0).substring("200 ".length()));
    // MD5("hello"), as R2 gives a single put's etag; a multipart etag: MD5 of the parts' MD5s.
    assertThat(written.path("etag").asString()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(written.path("big").asString()).endsWith("-1").hasSize(34);
    assertThat(written.path("version").asString()).matches("[0-9a-f]{32}");
    assertThat(written.path("uploadId").asString()).hasSize(171);
    // The virtual wall clock starts at 2026-01-01T00:00:00Z; the put ran a few ms in.
    assertThat(written.path("uploaded").asLong()).isBetween(1767225600000L, 1767225601000L);
    assertThat(run.outcomes().get(1))
        .isEqualTo(
            "200 {\"text\":\"hello\",\"by\":\"writer\",\"keys\":[\"big\"],\"prefixes\":[\"a/\"]}");
    List<JsonNode> puts = run.records("r2.put.result");
    assertThat(puts).hasSize(1);
    assertThat(puts.get(0).path("etag").asString()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(puts.get(0).path("bytes").asLong()).isEqualTo(5);
    assertThat(run.records("r2.get")).hasSize(1);
    assertThat(run.records("r2.list.result").get(0).path("prefixes").asLong()).isEqualTo(1);
  }

  @Test
  void theSameSeedGivesTheSameTraceAndAnotherSeedOtherVersions() {
    Run first = run(5, false);
    Run second = run(5, false);
    assertThat(second.result().traceSha256()).isEqualTo(first.result().traceSha256());
    assertThat(second.outcomes()).isEqualTo(first.outcomes());
    Run other = run(6, false);
    assertThat(other.outcomes().get(0)).isNotEqualTo(first.outcomes().get(0));
  }

  @Test
  void anInjectedInternalErrorRejectsInR2sWordsAndIsTraced() {
    Run run = run(5, true);
    assertThat(run.outcomes().get(1))
        .isEqualTo("500 Error: get: We encountered an internal error. Please try again. (10001)");
    JsonNode result = run.records("r2.get.result").get(0);
    assertThat(result.path("fault").asString()).isEqualTo("internal-error");
  }

  @Test
  void objectsOutliveACrashAndRestartOfTheInstanceThatWroteThem() {
    List<String> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.builder(topology())
            .seed(5)
            .workload(
                () ->
                    driver -> {
                      JsWorld.send(driver, Request.get("http://writer/"), outcomes);
                      driver.after(
                          Duration.ofSeconds(1),
                          () -> driver.world().crash("writer", 0, "test crash"));
                      driver.after(
                          Duration.ofSeconds(2), () -> driver.world().restart("writer", 0));
                      driver.after(
                          Duration.ofSeconds(3),
                          () -> JsWorld.send(driver, Request.get("http://writer/read"), outcomes));
                    })
            .safetyPhase(Duration.ofMinutes(1))
            .build()
            .retainingTrace()
            .run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(1)).isEqualTo("200 hello");
    assertThat(result.fullTrace()).anyMatch(line -> line.contains("\"instance.crashed\""));
  }

  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();
}
