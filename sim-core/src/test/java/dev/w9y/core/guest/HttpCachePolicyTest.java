package dev.w9y.core.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpCachePolicyTest {
  private static final long NOW = HttpCachePolicy.httpDate("Thu, 01 Jan 2026 00:00:00 GMT").get();

  private static Optional<Long> ttl(int status, String... headers) {
    return HttpCachePolicy.decide(new Response(status, Headers.of(headers), Body.ofText("x")), NOW)
        .map(HttpCachePolicy.Decision::ttlMillis);
  }

  @Test
  void sMaxAgeWinsOverMaxAgeWhichWinsOverExpires() {
    assertThat(ttl(200, "cache-control", "max-age=60, s-maxage=10")).contains(10_000L);
    assertThat(ttl(200, "cache-control", "MAX-AGE=60", "expires", "Thu, 01 Jan 2026 01:00:00 GMT"))
        .contains(60_000L);
    assertThat(ttl(200, "expires", "Thu, 01 Jan 2026 01:00:00 GMT")).contains(3_600_000L);
    assertThat(ttl(200, "expires", "not a date")).isEmpty(); // invalid Expires: already stale
    assertThat(ttl(200, "cache-control", "max-age=\"30\"")).contains(30_000L);
    assertThat(ttl(200, "cache-control", "max-age=-5")).isEmpty();
    assertThat(ttl(200, "cache-control", "max-age=12x")).isEmpty();
  }

  @Test
  void withoutDirectivesTheEdgeDefaultsByStatus() {
    assertThat(ttl(200)).contains(7_200_000L);
    assertThat(ttl(301)).contains(7_200_000L);
    assertThat(ttl(302)).contains(1_200_000L);
    assertThat(ttl(404)).contains(180_000L);
    assertThat(ttl(500)).isEmpty();
    assertThat(ttl(500, "cache-control", "max-age=5")).contains(5_000L);
  }

  @Test
  void noStoreNoCachePrivateAndCookiesAreNotStoredButPrivateSetCookieStoresWithoutTheCookie() {
    assertThat(ttl(200, "cache-control", "no-store, max-age=60")).isEmpty();
    assertThat(ttl(200, "cache-control", "no-cache")).isEmpty();
    assertThat(ttl(200, "cache-control", "private")).isEmpty();
    assertThat(ttl(200, "cache-control", "max-age=60", "set-cookie", "a=1")).isEmpty();
    Optional<HttpCachePolicy.Decision> kept =
        HttpCachePolicy.decide(
            new Response(
                200,
                Headers.of(
                    "cache-control", "max-age=60, private=\"Set-Cookie\"", "set-cookie", "a=1"),
                Body.ofText("x")),
            NOW);
    assertThat(kept).isPresent();
    assertThat(kept.get().stored().headers().has("set-cookie")).isFalse();
    assertThat(kept.get().ttlMillis()).isEqualTo(60_000L);
  }
}
