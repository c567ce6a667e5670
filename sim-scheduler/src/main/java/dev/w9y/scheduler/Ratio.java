package dev.w9y.scheduler;

/**
 * A probability as an exact fraction {@code numerator/denominator} with {@code 0 <= numerator <=
 * denominator}. Exact ratios print, compare and reproduce exactly, which doubles do not.
 */
public record Ratio(long numerator, long denominator) {
  public static final Ratio NEVER = new Ratio(0, 1);
  public static final Ratio ALWAYS = new Ratio(1, 1);

  public Ratio {
    if (denominator <= 0) {
      throw new IllegalArgumentException("ratio denominator must be positive, was " + denominator);
    }
    if (numerator < 0 || numerator > denominator) {
      throw new IllegalArgumentException(
          "ratio must lie in [0, 1], was " + numerator + "/" + denominator);
    }
  }

  public static Ratio of(long numerator, long denominator) {
    return new Ratio(numerator, denominator);
  }

  public static Ratio percent(long percent) {
    return new Ratio(percent, 100);
  }

  /** Parses {@code "1/4"} or {@code "25%"}; the inverse of {@link #toString()}. */
  public static Ratio parse(String text) {
    String trimmed = text.strip();
    try {
      if (trimmed.endsWith("%")) {
        return percent(Long.parseLong(trimmed.substring(0, trimmed.length() - 1).strip()));
      }
      int slash = trimmed.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("ratio must look like 1/4 or 25%, was '" + text + "'");
      }
      return of(
          Long.parseLong(trimmed.substring(0, slash).strip()),
          Long.parseLong(trimmed.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ratio must look like 1/4 or 25%, was '" + text + "'", e);
    }
  }

  public boolean isNever() {
    return numerator == 0;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
