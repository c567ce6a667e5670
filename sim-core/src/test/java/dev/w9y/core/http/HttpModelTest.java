package dev.w9y.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpModelTest {

  @Test
  void headerNamesCompareCaseInsensitivelyAndKeepTheirOrder() {
    Headers headers = Headers.of("Content-Type", "text/plain", "X-A", "1", "x-a", "2");

    assertThat(headers.get("CONTENT-TYPE")).contains("text/plain");
    assertThat(headers.get("X-a")).contains("1, 2");
    assertThat(headers.getAll("x-A")).containsExactly("1", "2");
    assertThat(headers.entries())
        .extracting(Headers.Entry::name)
        .containsExactly("content-type", "x-a", "x-a");
  }

  @Test
  void replacingAndRemovingHeadersLeavesTheOriginalUntouched() {
    Headers original = Headers.of("a", "1", "b", "2", "a", "3");

    Headers replaced = original.withReplaced("A", "9");

    assertThat(replaced.entries())
        .containsExactly(new Headers.Entry("a", "9"), new Headers.Entry("b", "2"));
    assertThat(original.without("a").entries()).containsExactly(new Headers.Entry("b", "2"));
    assertThat(original.size()).isEqualTo(3);
  }

  @Test
  void invalidHeadersAreRejectedWithTheReason() {
    assertThatThrownBy(() -> Headers.of("bad name", "x")).hasMessageContaining("token");
    assertThatThrownBy(() -> Headers.of("x", "a\r\nInjected: yes")).hasMessageContaining("CR, LF");
  }

  @Test
  void urlsAreParsedForRouting() {
    Url url = Url.parse("HTTP://Users.internal:8080/accounts/7?verbose=1#frag");

    assertThat(url.scheme()).isEqualTo("http");
    assertThat(url.host()).isEqualTo("users.internal");
    assertThat(url.port()).isEqualTo(8080);
    assertThat(url.pathAndQuery()).isEqualTo("/accounts/7?verbose=1");
    assertThat(url.path()).isEqualTo("/accounts/7");
    assertThat(Url.parse("https://bank").pathAndQuery()).isEqualTo("/");
    assertThat(Url.parse("https://bank").port()).isEqualTo(443);
  }

  @Test
  void onlyAbsoluteHttpUrlsAreAccepted() {
    assertThatThrownBy(() -> Request.get("/relative")).hasMessageContaining("not an absolute URL");
    assertThatThrownBy(() -> Request.get("ftp://x/")).hasMessageContaining("scheme 'ftp'");
    assertThatThrownBy(() -> Request.get("http://:80/")).hasMessageContaining("no host");
    assertThatThrownBy(() -> Request.get("http://x:99999/")).hasMessageContaining("out of range");
  }

  @Test
  void methodsAreNormalizedAsFetchDoes() {
    assertThat(new Request("post", "http://x/", Headers.EMPTY, Body.EMPTY).method())
        .isEqualTo("POST");
    assertThat(new Request("patch", "http://x/", Headers.EMPTY, Body.EMPTY).method())
        .isEqualTo("patch");
    assertThatThrownBy(() -> new Request("GE T", "http://x/", Headers.EMPTY, Body.EMPTY))
        .hasMessageContaining("invalid HTTP method");
  }

  @Test
  void bodiesCarryTextAndCanonicalJson() {
    java.util.Map<String, Integer> value = new java.util.LinkedHashMap<>();
    value.put("b", 2);
    value.put("a", 1);
    Body json = Body.ofJson(value);

    assertThat(json.text()).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(json.json().get("b").asInt()).isEqualTo(2);
    assertThat(Body.ofText("héllo").size()).isEqualTo(6);
    assertThat(Body.of(new byte[] {(byte) 0xff}).strictText()).isEmpty();
    assertThat(Body.ofText("abc").sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aBodyPastTheMaximumIsAClearError() {
    assertThatThrownBy(() -> Body.of(new byte[Body.MAX_BYTES + 1]))
        .isInstanceOf(Body.BodyTooLarge.class)
        .hasMessageContaining("larger than the maximum of " + Body.MAX_BYTES);
  }

  @Test
  void responsesValidateTheirStatus() {
    assertThat(Response.ok("hi").isSuccessful()).isTrue();
    assertThat(Response.status(503).isSuccessful()).isFalse();
    assertThatThrownBy(() -> Response.status(99)).hasMessageContaining("200-599");
  }
}
