package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** CompressionStream and DecompressionStream: round trips, formats, corrupt input, determinism. */
class CompressionStreamTest {
  private static final String WORKER =
      """
      const text = "hello hello hello compression ".repeat(50);
      async function pipe(bytes, stream) {
        return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
      }
      export default {
        async fetch(request) {
          const url = new URL(request.url);
          const format = url.searchParams.get("format");
          if (url.pathname === "/gzip") {
            const packed = await pipe(new TextEncoder().encode(text), new CompressionStream("gzip"));
            return new Response(btoa(String.fromCharCode(...packed)));
          }
          if (url.pathname === "/corrupt") {
            try {
              await pipe(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), new DecompressionStream(format));
              return new Response("no error");
            } catch (e) { return new Response(`${e.name}`); }
          }
          if (url.pathname === "/bad-format") {
            try { new CompressionStream("brotli"); } catch (e) { return new Response(`${e.name}: ${e.message}`); }
          }
          const packed = await pipe(new TextEncoder().encode(text), new CompressionStream(format));
          const unpacked = new TextDecoder().decode(await pipe(packed, new DecompressionStream(format)));
          return new Response(`${unpacked === text} ${packed.length < text.length}`);
        },
      };
      """;

  @Test
  void everyFormatRoundTrips() {
    JsWorld world =
        JsWorld.serve(
            WORKER,
            Request.get("http://api/?format=gzip"),
            Request.get("http://api/?format=deflate"),
            Request.get("http://api/?format=deflate-raw"));
    assertThat(world.outcomes).containsExactly("200 true true", "200 true true", "200 true true");
  }

  @Test
  void gzipOutputIsGzipAndTheSameForTheSameSeed() throws IOException {
    JsWorld first = JsWorld.serve(WORKER, Request.get("http://api/gzip"));
    JsWorld again = JsWorld.serve(WORKER, Request.get("http://api/gzip"));
    assertThat(again.outcomes).isEqualTo(first.outcomes);
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
    byte[] gzip = Base64.getDecoder().decode(first.outcomes.get(0).substring(4));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("hello hello hello compression ".repeat(50));
    }
  }

  @Test
  void corruptInputAndUnknownFormatsAreTypeErrors() {
    JsWorld world =
        JsWorld.serve(
            WORKER,
            Request.get("http://api/corrupt?format=gzip"),
            Request.get("http://api/corrupt?format=deflate"),
            Request.get("http://api/bad-format"));
    assertThat(world.outcomes)
        .containsExactlyInAnyOrder(
            "200 TypeError",
            "200 TypeError",
            "200 TypeError: Failed to construct 'CompressionStream': Unsupported compression"
                + " format: 'brotli'");
  }
}
