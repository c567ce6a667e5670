package dev.w9y.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R2 buckets (env.R2) in W9Y and in workerd's local R2 (Miniflare's r2Buckets): every answer byte
 * for byte, with {@code uploaded}, {@code version}, upload ids and part etags compared by shape.
 * Each test uses keys under a prefix of its own, since workerd keeps one bucket for every probe.
 */
class R2CompatTest {
  private static final Probe R2 = Probe.ofResource("r2.js").withR2("R2", "r2-compat");

  private static Probe ops(String prefix, String... ops) {
    List<Probe.Step> steps = new ArrayList<>();
    for (String op : ops) {
      steps.add(Probe.Step.get("http://api/" + op + "?p=" + prefix + "/"));
    }
    return R2.with(steps);
  }

  @Test
  void headGetAndPutAnswerR2ObjectsAndKeyErrorsAsInWorkerd() {
    Differential.run(ops("basics", "basics")).assertSame();
  }

  @Test
  void badArgumentsRejectRatherThanThrowAsInWorkerd() {
    Differential.run(ops("sync", "sync")).assertSame();
  }

  @Test
  void putStoresStringsBuffersViewsBlobsAndStreamsAsInWorkerd() {
    Differential.run(ops("values", "values")).assertSame();
  }

  @Test
  void httpAndCustomMetadataAreStoredWrittenAndLimitedAsInWorkerd() {
    Differential.run(ops("metadata", "metadata")).assertSame();
  }

  @Test
  void checksumsAreVerifiedWithWorkerdsErrors() {
    Differential.run(ops("checksums", "checksums")).assertSame();
  }

  @Test
  void onlyIfConditionsOnGetAndPutHoldAsInWorkerd() {
    Differential.run(ops("conditionals", "conditionals")).assertSame();
  }

  @Test
  void rangedReadsAnswerTheSameBytesAndErrorsAsInWorkerd() {
    Differential.run(ops("ranges", "ranges")).assertSame();
  }

  @Test
  void deleteTakesOneKeyOrManyAsInWorkerd() {
    Differential.run(ops("deletes", "deletes")).assertSame();
  }

  @Test
  void listPagesWithPrefixDelimiterCursorStartAfterAndIncludeAsInWorkerd() {
    Differential.run(ops("list", "list")).assertSame();
  }

  @Test
  void multipartUploadsFollowLocalR2sPartRulesAsInWorkerd() {
    Differential.run(ops("multipart", "multipart")).assertSame();
  }
}
