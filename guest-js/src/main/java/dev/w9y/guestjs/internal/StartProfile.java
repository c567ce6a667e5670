package dev.w9y.guestjs.internal;

import java.util.function.Consumer;

/**
 * Marks the stages of a JavaScript instance's start (context made, host objects shared, each
 * prelude file's top level run, entry module evaluated, env made) for a benchmark to time: {@code
 * benchmarks}' ServiceStartProfile sets an observer, reads the CPU clocks at each mark and charges
 * the time since the previous mark to the stage named. No observer is set in simulations, tests or
 * the command line: a mark is then one read of a field. Observers are never called with anything a
 * guest could see, and they cannot change what an instance does.
 */
public final class StartProfile {
  private static volatile Consumer<String> observer;

  private StartProfile() {}

  /**
   * Sets (or, with {@code null}, removes) the observer told of every stage an instance finishes on
   * any thread; the stage {@link #STARTING} opens each instance's start.
   */
  public static void observe(Consumer<String> stageObserver) {
    observer = stageObserver;
  }

  /** The mark made before an instance's context is made: time before it belongs to no stage. */
  public static final String STARTING = "starting";

  static void mark(String stage) {
    Consumer<String> current = observer;
    if (current != null) {
      current.accept(stage);
    }
  }
}
