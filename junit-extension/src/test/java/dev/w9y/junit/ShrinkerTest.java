package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
  private static List<String> faults(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add("f" + i);
    }
    return ids;
  }

  @Test
  void findsExactlyTheTwoFaultsABugNeeds() {
    Shrinker shrinker = new Shrinker(keep -> keep.contains("f7") && keep.contains("f31"), 500);

    assertThat(shrinker.shrink(faults(40))).containsExactlyInAnyOrder("f7", "f31");
  }

  @Test
  void aFailureThatNeedsNoFaultShrinksToNothing() {
    assertThat(new Shrinker(keep -> true, 10).shrink(faults(5))).isEmpty();
  }

  @Test
  void stopsAtItsBudgetWithTheSmallestFailingSetSoFar() {
    Shrinker shrinker = new Shrinker(keep -> keep.contains("f3") && keep.contains("f60"), 4);

    List<String> result = shrinker.shrink(faults(64));

    assertThat(shrinker.attempts()).isEqualTo(4);
    assertThat(result).contains("f3", "f60").hasSizeLessThanOrEqualTo(64);
  }
}
