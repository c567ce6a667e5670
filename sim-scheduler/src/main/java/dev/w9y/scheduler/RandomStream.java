package dev.w9y.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A seeded stream of random numbers whose every output is fixed by this specification, not by the
 * JDK, so seeds reproduce across JDK versions and vendors.
 *
 * <h2>Algorithm</h2>
 *
 * <ul>
 *   <li><b>Generator:</b> xoshiro256** (Blackman &amp; Vigna, 2018) over four 64-bit words.
 *   <li><b>Seeding:</b> the four words are the first four outputs of SplitMix64 started at the
 *       stream's seed ({@code state += 0x9E3779B97F4A7C15; z = state; z = (z ^ z>>>30) *
 *       0xBF58476D1CE4E5B9; z = (z ^ z>>>27) * 0x94D049BB133111EB; return z ^ z>>>31}).
 *   <li><b>Named children:</b> a child's seed is {@code h = mix64(parentSeed +
 *       0x9E3779B97F4A7C15)}, then {@code h = mix64(h ^ b)} for each byte {@code b} (0..255) of the
 *       name's UTF-8 encoding, then {@code h = mix64(h ^ byteCount)}, where {@code mix64} is
 *       SplitMix64's finalizer above. A child depends only on its parent's <em>seed</em> and its
 *       name, never on how many numbers the parent has drawn, so one component drawing more never
 *       shifts another's numbers.
 *   <li><b>Bounded integers:</b> {@code nextLong(bound)} takes {@code r = next() >>> 1}; for a
 *       power-of-two bound it returns {@code r & (bound-1)}, otherwise it rejects and redraws while
 *       {@code r - r % bound + (bound-1)} overflows, then returns {@code r % bound} (unbiased).
 *   <li><b>Unit doubles:</b> {@code (next() >>> 11) * 2^-53}, uniform in [0, 1).
 * </ul>
 *
 * <p>Not thread-safe: a stream belongs to one simulation, which runs on one thread.
 */
public final class RandomStream {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final String name;
  private final long seed;
  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private long drawCount;

  private RandomStream(String name, long seed) {
    this.name = name;
    this.seed = seed;
    long state = seed;
    state += GOLDEN_GAMMA;
    s0 = mix64(state);
    state += GOLDEN_GAMMA;
    s1 = mix64(state);
    state += GOLDEN_GAMMA;
    s2 = mix64(state);
    state += GOLDEN_GAMMA;
    s3 = mix64(state);
  }

  /** Builds a stream from raw generator state; for checking the generator against its reference. */
  static RandomStream fromRawState(long s0, long s1, long s2, long s3) {
    RandomStream stream = new RandomStream("raw", 0);
    stream.s0 = s0;
    stream.s1 = s1;
    stream.s2 = s2;
    stream.s3 = s3;
    return stream;
  }

  /** The root stream of a simulation seed. Components should take named children of it. */
  public static RandomStream root(long seed) {
    return new RandomStream("", seed);
  }

  /**
   * The child stream called {@code childName}, derived from this stream's seed and the name only.
   * Asking twice for the same name gives two streams with the same numbers; owners of streams
   * should therefore hand out one stream per name (as {@link Scheduler#random(String)} does).
   */
  public RandomStream child(String childName) {
    if (childName == null || childName.isEmpty()) {
      throw new IllegalArgumentException("a random stream needs a non-empty name");
    }
    String path = name.isEmpty() ? childName : name + "/" + childName;
    return new RandomStream(path, deriveSeed(seed, childName));
  }

  /** The seed of a child named {@code childName} of a stream seeded with {@code parentSeed}. */
  public static long deriveSeed(long parentSeed, String childName) {
    byte[] bytes = childName.getBytes(StandardCharsets.UTF_8);
    long h = mix64(parentSeed + GOLDEN_GAMMA);
    for (byte b : bytes) {
      h = mix64(h ^ (b & 0xFF));
    }
    return mix64(h ^ bytes.length);
  }

  /** SplitMix64's output function (Stafford variant 13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The path of names from the root, e.g. {@code network/latency}; empty for a root. */
  public String name() {
    return name;
  }

  /** The seed this stream was derived with. */
  public long seed() {
    return seed;
  }

  /** How many 64-bit words this stream has produced; recorded in traces per stream. */
  public long drawCount() {
    return drawCount;
  }

  /** The next 64 random bits (one draw). */
  public long nextLong() {
    drawCount++;
    final long result = Long.rotateLeft(s1 * 5, 7) * 9;
    final long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    long r = nextLong() >>> 1;
    long m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) {
      // Rejected: u fell into the incomplete last block of the range; draw again.
    }
    return r;
  }

  /** Uniform in {@code [minInclusive, maxInclusive]}. */
  public long nextLong(long minInclusive, long maxInclusive) {
    if (maxInclusive < minInclusive) {
      throw new IllegalArgumentException(
          "empty range [" + minInclusive + ", " + maxInclusive + "]");
    }
    long span = maxInclusive - minInclusive + 1;
    if (span <= 0) {
      // The range covers more than half of all longs: rejection on the full 64 bits.
      long r;
      do {
        r = nextLong();
      } while (r < minInclusive || r > maxInclusive);
      return r;
    }
    return minInclusive + nextLong(span);
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  public int nextInt(int bound) {
    return (int) nextLong(bound);
  }

  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextUnitDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with exactly the given probability. Always consumes at least one draw. */
  public boolean chance(Ratio probability) {
    return nextLong(probability.denominator()) < probability.numerator();
  }

  /** One sample of a duration distribution. */
  public long sampleNanos(Distribution distribution) {
    return distribution.sampleNanos(this);
  }

  /** Fisher–Yates shuffle in place, from the last position down. */
  public <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      T swapped = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swapped);
    }
  }

  /** One element, uniformly. */
  public <T> T pick(List<T> list) {
    if (list.isEmpty()) {
      throw new IllegalArgumentException("cannot pick from an empty list");
    }
    return list.get(nextInt(list.size()));
  }

  /** One value with probability proportional to its weight; zero weights are never picked. */
  public <T> T pickWeighted(List<Weighted<T>> choices) {
    long total = 0;
    for (Weighted<T> choice : choices) {
      total = Math.addExact(total, choice.weight());
    }
    if (total == 0) {
      throw new IllegalArgumentException("weighted choice needs a positive total weight");
    }
    long point = nextLong(total);
    for (Weighted<T> choice : choices) {
      point -= choice.weight();
      if (point < 0) {
        return choice.value();
      }
    }
    throw new AssertionError("unreachable: point below total weight");
  }

  @Override
  public String toString() {
    return "RandomStream[" + (name.isEmpty() ? "<root>" : name) + ", draws=" + drawCount + "]";
  }
}
