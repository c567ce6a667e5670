package dev.w9y.scheduler;

/** A value with a non-negative integer weight, for {@link RandomStream#pickWeighted}. */
public record Weighted<T>(T value, long weight) {
  public Weighted {
    if (weight < 0) {
      throw new IllegalArgumentException("weight must not be negative, was " + weight);
    }
  }

  public static <T> Weighted<T> of(T value, long weight) {
    return new Weighted<>(value, weight);
  }
}
