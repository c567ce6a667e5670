package dev.w9y.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workers KV (env.KV) in W9Y and in workerd's local KV (Miniflare's kvNamespaces). W9Y runs the
 * namespace strict: staleness is a W9Y fault, and a Worker reads its own writes in both. Each test
 * uses keys under a prefix of its own, since workerd keeps one namespace for every probe.
 */
class KvCompatTest {
  private static final Probe KV = Probe.ofResource("kv.js").withKv("KV", "kv-compat");

  private static Probe ops(String prefix, String... ops) {
    List<Probe.Step> steps = new ArrayList<>();
    for (String op : ops) {
      steps.add(Probe.Step.get("http://api/" + op + "?p=" + prefix + "/"));
    }
    return KV.with(steps);
  }

  @Test
  void getReturnsEachTypeAndMissingKeysAsNullAsInWorkerd() {
    Differential.run(ops("types", "types", "notJson", "shape")).assertSame();
  }

  @Test
  void putStoresStringsBuffersViewsAndStreamsAndRefusesObjectsAsInWorkerd() {
    Differential.run(ops("values", "values")).assertSame();
  }

  @Test
  void metadataIsStoredReturnedListedAndLimitedAsInWorkerd() {
    Differential.run(ops("metadata", "metadata")).assertSame();
  }

  @Test
  void expirationAndExpirationTtlAreCheckedAndListedAsInWorkerd() {
    Differential.run(ops("expiration", "expiration")).assertSame();
  }

  @Test
  void keyNamesAreCheckedAsInWorkerd() {
    Differential.run(ops("keys", "keys", "deletes")).assertSame();
  }

  @Test
  void valuesOverTwentyFiveMebibytesAreRefusedAsInWorkerd() {
    Differential.run(ops("limit", "valueLimit")).assertSame();
  }

  @Test
  void listPagesKeysInUtf8OrderWithPrefixLimitAndCursorAsInWorkerd() {
    Differential.run(ops("list", "list", "listOptions")).assertSame();
  }

  @Test
  void bulkGetAnswersAMapAsInWorkerd() {
    Differential.run(ops("bulk", "bulk")).assertSame();
  }
}
