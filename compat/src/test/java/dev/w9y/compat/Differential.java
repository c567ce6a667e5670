package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import java.util.List;

/** Runs a probe in both runtimes and compares what each request got, one by one. */
final class Differential {
  final Probe probe;
  final List<Answer> workerd;
  final List<Answer> w9y;

  private Differential(Probe probe, List<Answer> workerd, List<Answer> w9y) {
    this.probe = probe;
    this.workerd = workerd;
    this.w9y = w9y;
  }

  static Differential run(Probe probe, GuestErrorKind... tolerated) {
    List<Answer> fromWorkerd = Workerd.shared().run(probe);
    List<Answer> fromW9y = W9y.run(probe, tolerated);
    return new Differential(probe, fromWorkerd, fromW9y);
  }

  /** Every request got the same status and body in both; a failure lists every difference. */
  void assertSame() {
    assertSameExcept();
  }

  /**
   * Every request but those at {@code differing} (counting requests only) got the same answer in
   * both: for known, documented differences, which the caller asserts itself.
   */
  void assertSameExcept(int... differing) {
    java.util.Set<Integer> skipped = new java.util.TreeSet<>();
    for (int index : differing) {
      skipped.add(index);
    }
    assertThat(w9y).as("answers in W9Y").hasSameSizeAs(workerd);
    StringBuilder differences = new StringBuilder();
    int request = 0;
    for (Probe.Step step : probe.steps()) {
      if (step.isSleep()) {
        continue;
      }
      String expected = workerd.get(request).toString();
      String actual = w9y.get(request).toString();
      if (!expected.equals(actual) && !skipped.contains(request)) {
        differences
            .append("\n")
            .append(step.method())
            .append(' ')
            .append(step.url())
            .append("\n  workerd: ")
            .append(expected)
            .append("\n  W9Y:     ")
            .append(actual);
      }
      request++;
    }
    assertThat(differences.toString()).as("requests answered differently").isEmpty();
  }

  /** The answers to request {@code index} (counting requests only) in workerd and in W9Y. */
  Answer workerd(int index) {
    return workerd.get(index);
  }

  Answer w9y(int index) {
    return w9y.get(index);
  }
}
