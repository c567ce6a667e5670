package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How one budget for a whole run is shared out, on a clock the test sets by hand. */
class SharedFuzzBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void eachTestGetsAnEqualShareOfWhatIsLeftAndTheLastRunsToTheDeadline() {
    SharedFuzzBudget budget = new SharedFuzzBudget();
    budget.plan(List.of("A#x", "A#y", "B#z"));

    SharedFuzzBudget.Share first = budget.start("A#x", List.of(), 60 * SECOND, 0);
    // A#x stopped after its 20 s; 5 s of other tests ran before A#y.
    SharedFuzzBudget.Share second = budget.start("A#y", List.of(), 60 * SECOND, 25 * SECOND);
    // A#y ended early (at 30 s): B#z gets all that is left.
    SharedFuzzBudget.Share third = budget.start("B#z", List.of(), 60 * SECOND, 30 * SECOND);

    assertThat(first)
        .isEqualTo(new SharedFuzzBudget.Share(20 * SECOND, 20 * SECOND, 60 * SECOND, 3));
    assertThat(second)
        .isEqualTo(
            new SharedFuzzBudget.Share(
                35 * SECOND / 2, 25 * SECOND + 35 * SECOND / 2, 35 * SECOND, 2));
    assertThat(third)
        .isEqualTo(new SharedFuzzBudget.Share(30 * SECOND, 60 * SECOND, 30 * SECOND, 1));
  }

  @Test
  void withoutATestPlanATestCountsTheSimulationTestsOfItsClass() {
    SharedFuzzBudget budget = new SharedFuzzBudget();

    SharedFuzzBudget.Share first = budget.start("A#x", List.of("A#x", "A#y"), 10 * SECOND, 0);
    SharedFuzzBudget.Share second =
        budget.start("A#y", List.of("A#x", "A#y"), 10 * SECOND, 5 * SECOND);

    assertThat(first.nanos()).isEqualTo(5 * SECOND);
    assertThat(first.testsLeft()).isEqualTo(2);
    assertThat(second.nanos()).isEqualTo(5 * SECOND);
    assertThat(second.testsLeft()).isEqualTo(1);
  }

  @Test
  void aTestPlanWinsOverTheClassCountSoFilteredOutMethodsTakeNoShare() {
    SharedFuzzBudget budget = new SharedFuzzBudget();
    budget.plan(List.of("A#x"));

    SharedFuzzBudget.Share only = budget.start("A#x", List.of("A#x", "A#y"), 10 * SECOND, 0);

    assertThat(only.nanos()).isEqualTo(10 * SECOND);
    assertThat(only.testsLeft()).isEqualTo(1);
  }

  @Test
  void pastTheDeadlineATestGetsNoTime() {
    SharedFuzzBudget budget = new SharedFuzzBudget();
    budget.plan(List.of("A#x", "A#y"));
    budget.start("A#x", List.of(), 10 * SECOND, 0);

    assertThat(budget.start("A#y", List.of(), 10 * SECOND, 15 * SECOND).nanos()).isZero();
  }
}
