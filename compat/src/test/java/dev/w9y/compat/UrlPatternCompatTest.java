package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/**
 * URLPattern gives the same component patterns, matches, groups and errors as in workerd: pattern
 * strings with named, regexp and wildcard groups and every modifier, init dictionaries with base
 * URLs, ignoreCase, canonicalization of each component, and bad patterns.
 */
class UrlPatternCompatTest {
  private static final Probe PROBE = Probe.ofResource("urlpattern.js");

  @Test
  void patternStringsParseMatchAndNormalizeAsInWorkerd() {
    Differential.run(PROBE.with(java.util.List.of(Probe.Step.get("http://api/strings"))))
        .assertSame();
  }

  @Test
  void initDictionariesAndBaseUrlsAsInWorkerd() {
    Differential.run(PROBE.with(java.util.List.of(Probe.Step.get("http://api/inits"))))
        .assertSame();
  }

  @Test
  void eachComponentIsCanonicalizedAsInWorkerd() {
    Differential.run(PROBE.with(java.util.List.of(Probe.Step.get("http://api/canonical"))))
        .assertSame();
  }

  @Test
  void ignoreCaseAsInWorkerd() {
    Differential.run(PROBE.with(java.util.List.of(Probe.Step.get("http://api/options"))))
        .assertSame();
  }

  @Test
  void badPatternsAreTheTypeErrorsWorkerdThrows() {
    Differential.run(PROBE.with(java.util.List.of(Probe.Step.get("http://api/errors"))))
        .assertSame();
  }

  @Test
  void testAndExecWithBaseUrlsAndDictionariesAsInWorkerd() {
    Differential.run(PROBE.with(java.util.List.of(Probe.Step.get("http://api/matching"))))
        .assertSame();
  }
}
