package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code request.cf} as workerd (Miniflare) gives it: a request from outside has the placeholder
 * properties (the same keys, types and values), the client may set fields, a service binding or a
 * stub carries the sender's Request.cf, and a Request a Worker makes has one only if given.
 */
class CfCompatTest {
  private static final Probe CF =
      Probe.ofResource("cf.js", "ECHO", "Echo").withService("BACK", "back", "cf-back.js");

  /** GETs of {@code http://api/<op>} with the given Accept-Encoding (part of cf) and cf fields. */
  private static Probe gets(String acceptEncoding, String cfFields, String... ops) {
    List<Probe.Step> steps = new ArrayList<>();
    for (String op : ops) {
      Probe.Step step =
          Probe.Step.get("http://api/" + op).withHeader("accept-encoding", acceptEncoding);
      steps.add(cfFields == null ? step : step.withHeader("w9y-cf", cfFields));
    }
    return CF.with(steps);
  }

  @Test
  void aRequestFromOutsideHasMiniflaresPlaceholderCf() {
    Differential differential =
        Differential.run(gets("gzip", null, "shape", "values", "hasOwnCf", "headersSeen"));
    differential.assertSame();
    assertThat(differential.w9y(1).toString())
        .contains("\"country\":\"US\"")
        .contains("\"clientAcceptEncoding\":\"gzip\"");
  }

  @Test
  void fieldsTheClientSetsReplaceThePlaceholdersOnes() {
    Differential differential =
        Differential.run(
            gets(
                "br",
                "{\"country\":\"DE\",\"city\":\"Berlin\",\"extra\":[1]}",
                "values",
                "headersSeen"));
    differential.assertSame();
    assertThat(differential.w9y(0).toString())
        .contains("\"country\":\"DE\"")
        .contains("\"extra\":[1]");
  }

  @Test
  void aServiceBindingAndAStubCarryTheSendersCfAsWorkerdDoes() {
    Differential.run(
            gets(
                "gzip",
                "{\"colo\":\"LHR\"}",
                "bindingFresh",
                "bindingForwarded",
                "bindingInitCf",
                "bindingRequestCf",
                "bindingCopied",
                "bindingFrozen",
                "objectForwarded",
                "objectFresh"))
        .assertSame();
  }

  @Test
  void requestsAWorkerConstructsHaveTheCfTheyAreGiven() {
    Differential.run(gets("gzip", null, "constructed", "constructedMore")).assertSame();
  }
}
