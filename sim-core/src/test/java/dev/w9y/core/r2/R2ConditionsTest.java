package dev.w9y.core.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R2's conditionals and ranges without a simulation (R2CompatTest checks the same against workerd):
 * RFC 9110's precedence of etag over date conditions, and which Range headers R2 serves.
 */
class R2ConditionsTest {
  private static final R2Object OBJECT =
      new R2Object(
          "k",
          "v",
          10,
          "abc",
          5_500L,
          R2Object.HttpMetadata.NONE,
          new LinkedHashMap<>(),
          new LinkedHashMap<>(),
          null);

  private static R2Handle.Etag strong(String value) {
    return new R2Handle.Etag(R2Handle.Etag.Type.STRONG, value);
  }

  private static R2Handle.Conditional when(
      List<R2Handle.Etag> matches, List<R2Handle.Etag> noneMatch, Long before, Long after) {
    return new R2Handle.Conditional(matches, noneMatch, before, after, false);
  }

  @Test
  void anEtagConditionOverridesTheDateConditionOfItsKind() {
    assertThat(R2Conditions.hold(when(null, null, 0L, null), OBJECT)).isFalse();
    assertThat(R2Conditions.hold(when(List.of(strong("abc")), null, 0L, null), OBJECT)).isTrue();
    assertThat(R2Conditions.hold(when(null, null, null, 9_000L), OBJECT)).isFalse();
    assertThat(R2Conditions.hold(when(null, List.of(strong("x")), null, 9_000L), OBJECT)).isTrue();
  }

  @Test
  void secondsGranularityTruncatesBothSides() {
    R2Handle.Conditional before = new R2Handle.Conditional(null, null, 5_900L, null, true);
    assertThat(R2Conditions.hold(before, OBJECT)).isFalse(); // 5 s is not before 5 s
    assertThat(R2Conditions.hold(when(null, null, 5_900L, null), OBJECT)).isTrue();
  }

  @Test
  void aMissingObjectFailsOnlyMatchAndModifiedSince() {
    assertThat(R2Conditions.hold(when(List.of(strong("abc")), null, null, null), null)).isFalse();
    assertThat(R2Conditions.hold(when(null, List.of(strong("abc")), 0L, null), null)).isTrue();
  }

  @Test
  void onlyOneSatisfiableHeaderRangeIsServed() {
    assertThat(range("bytes=2-4")).isEqualTo(new R2Object.Range(2, 3));
    assertThat(range("bytes=7-")).isEqualTo(new R2Object.Range(7, 3));
    assertThat(range("bytes=-3")).isEqualTo(new R2Object.Range(7, 3));
    assertThat(range("bytes=0-100")).isEqualTo(new R2Object.Range(0, 10));
    assertThat(range("bytes=20-30")).isNull();
    assertThat(range("bytes=0-1,3-4")).isNull();
    assertThat(range("items=0-1")).isNull();
    assertThat(range("bytes=4-2")).isNull();
  }

  @Test
  void anUnsatisfiableOffsetOrSuffixIsR2sInvalidRange() {
    assertThatThrownBy(
            () -> R2Conditions.range(new R2Handle.RangeRequest(11L, null, null, null), 10))
        .hasMessage("get: The requested range is not satisfiable (10039)");
    assertThatThrownBy(
            () -> R2Conditions.range(new R2Handle.RangeRequest(null, null, 0L, null), 10))
        .isInstanceOf(R2Exception.class);
    assertThat(R2Conditions.range(new R2Handle.RangeRequest(8L, 100L, null, null), 10))
        .isEqualTo(new R2Object.Range(8, 2));
  }

  private static R2Object.Range range(String header) {
    return R2Conditions.range(new R2Handle.RangeRequest(null, null, null, header), 10);
  }
}
