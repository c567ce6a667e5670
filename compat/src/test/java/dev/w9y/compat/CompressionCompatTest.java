package dev.w9y.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CompressionStream and DecompressionStream give the same bytes and errors as in workerd. */
class CompressionCompatTest {
  @Test
  void everyFormatRoundTripsCompressesToTheSameBytesAndRefusesBadInput() {
    List<Probe.Step> steps = new ArrayList<>();
    for (String format : List.of("gzip", "deflate", "deflate-raw")) {
      for (String path : List.of("", "bytes", "corrupt", "truncated")) {
        steps.add(Probe.Step.get("http://api/" + path + "?format=" + format));
      }
    }
    Differential.run(Probe.ofResource("compression.js").with(steps)).assertSame();
  }
}
