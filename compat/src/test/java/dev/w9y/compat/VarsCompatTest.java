package dev.w9y.compat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * wrangler's {@code vars}: a string is a text binding, any other JSON value a JSON binding that
 * {@code env} holds parsed, and {@code process.env} (nodejs_compat) as text, in workerd and W9Y.
 */
class VarsCompatTest {
  private static Probe withVars(Probe probe) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("zeta", 1);
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("n", 2.5);
    object.put("alpha", List.of("x", inner));
    return probe
        .withVar("TEXT", "hello")
        .withVar("COUNT", 5)
        .withVar("ENABLED", true)
        .withVar("LIST", List.of(1, 2, 3))
        .withVar("OBJECT", object)
        .withVar("NOTHING", null)
        .withVar("LAST", "plain text");
  }

  @Test
  void textAndJsonVariablesReachEnvAsInWorkerd() {
    Differential.run(
            withVars(Probe.ofResource("vars.js"))
                .with(List.of(Probe.Step.get("http://api/"), Probe.Step.get("http://api/again"))))
        .assertSame();
  }

  @Test
  void processEnvCarriesJsonVariablesAsTextAsInWorkerd() {
    Differential.run(
            withVars(Probe.ofResource("vars.js"))
                .withCompatibilityFlags("nodejs_compat")
                .with(List.of(Probe.Step.get("http://api/"))))
        .assertSame();
  }
}
