package dev.w9y.scheduler;

import java.time.Duration;

/**
 * A distribution of durations in nanoseconds, sampled from a {@link RandomStream}. Every
 * distribution is bounded: each sample lies between its {@link #minNanos()} and {@link
 * #maxNanos()}, so a latency can never be drawn past a named maximum.
 *
 * <p>Sampling uses only integer arithmetic, IEEE doubles (strict on every JVM since Java 17) and
 * {@link StrictMath}, so a seed gives the same samples on every JDK and platform.
 */
public sealed interface Distribution
    permits Distribution.Fixed,
        Distribution.Uniform,
        Distribution.Exponential,
        Distribution.LongTail {

  /** Draws one duration. */
  long sampleNanos(RandomStream random);

  /** The smallest value a sample can take. */
  long minNanos();

  /** The largest value a sample can take. */
  long maxNanos();

  static Distribution fixed(Duration value) {
    return new Fixed(value.toNanos());
  }

  static Distribution uniform(Duration min, Duration max) {
    return new Uniform(min.toNanos(), max.toNanos());
  }

  static Distribution exponential(Duration mean, Duration max) {
    return new Exponential(mean.toNanos(), max.toNanos());
  }

  /** Mostly {@code body}; with probability {@code tailChance}, {@code tail} instead. */
  static Distribution longTail(Distribution body, Ratio tailChance, Distribution tail) {
    return new LongTail(body, tailChance, tail);
  }

  /** Always the same value. Draws nothing. */
  record Fixed(long nanos) implements Distribution {
    public Fixed {
      requireNonNegative("fixed", nanos);
    }

    @Override
    public long sampleNanos(RandomStream random) {
      return nanos;
    }

    @Override
    public long minNanos() {
      return nanos;
    }

    @Override
    public long maxNanos() {
      return nanos;
    }
  }

  /** Uniform over {@code [minNanos, maxNanos]}, both inclusive. */
  record Uniform(long minNanos, long maxNanos) implements Distribution {
    public Uniform {
      requireNonNegative("uniform min", minNanos);
      if (maxNanos < minNanos) {
        throw new IllegalArgumentException(
            "uniform max " + maxNanos + " is below its min " + minNanos);
      }
    }

    @Override
    public long sampleNanos(RandomStream random) {
      return random.nextLong(minNanos, maxNanos);
    }
  }

  /**
   * Exponential with the given mean, truncated at {@code maxNanos} (a sample above it is clamped to
   * it). Inverse-transform sampling: {@code floor(-mean * ln(1 - u))} with {@code u} uniform in [0,
   * 1) from 53 random bits.
   */
  record Exponential(long meanNanos, long maxNanos) implements Distribution {
    public Exponential {
      if (meanNanos <= 0) {
        throw new IllegalArgumentException("exponential mean must be positive, was " + meanNanos);
      }
      if (maxNanos < meanNanos) {
        throw new IllegalArgumentException(
            "exponential max " + maxNanos + " is below its mean " + meanNanos);
      }
    }

    @Override
    public long sampleNanos(RandomStream random) {
      double u = random.nextUnitDouble();
      double sample = -(double) meanNanos * StrictMath.log1p(-u);
      // Compare as doubles first: a huge sample must clamp, not overflow the cast.
      return sample >= (double) maxNanos ? maxNanos : (long) sample;
    }

    @Override
    public long minNanos() {
      return 0;
    }
  }

  /**
   * A mixture: usually {@code body}, with probability {@code tailChance} a draw from {@code tail}.
   */
  record LongTail(Distribution body, Ratio tailChance, Distribution tail) implements Distribution {
    public LongTail {
      if (body == null || tailChance == null || tail == null) {
        throw new IllegalArgumentException("long tail needs a body, a tail chance and a tail");
      }
    }

    @Override
    public long sampleNanos(RandomStream random) {
      return random.chance(tailChance) ? tail.sampleNanos(random) : body.sampleNanos(random);
    }

    @Override
    public long minNanos() {
      return Math.min(body.minNanos(), tail.minNanos());
    }

    @Override
    public long maxNanos() {
      return Math.max(body.maxNanos(), tail.maxNanos());
    }
  }

  private static void requireNonNegative(String what, long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException(what + " duration must not be negative, was " + nanos);
    }
  }
}
