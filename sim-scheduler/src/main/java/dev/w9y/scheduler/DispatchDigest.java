package dev.w9y.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 over every dispatched event (index, time, sequence, order key, label), plus any
 * values a workload chooses to {@link #record}. Two runs with equal digests dispatched the same
 * events in the same order at the same times: the cheapest determinism check there is.
 *
 * <p>Encoding: each long is 8 bytes big-endian; each string is its UTF-8 byte count as 4 bytes
 * big-endian followed by the bytes. Each event is the tag byte {@code 'E'} then index, time,
 * sequence, order key and label; each recorded value is {@code 'L'} and a long or {@code 'S'} and a
 * string.
 */
public final class DispatchDigest implements DispatchListener {
  private final MessageDigest sha256;
  private final byte[] buffer = new byte[8];
  private long eventCount;

  public DispatchDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** Creates a digest and attaches it to {@code scheduler}. */
  public static DispatchDigest attachTo(Scheduler scheduler) {
    DispatchDigest digest = new DispatchDigest();
    scheduler.addDispatchListener(digest);
    return digest;
  }

  @Override
  public void onDispatch(long index, ScheduledEvent event) {
    eventCount++;
    sha256.update((byte) 'E');
    updateLong(index);
    updateLong(event.timeNanos());
    updateLong(event.sequence());
    updateLong(event.orderKey());
    updateString(event.label());
  }

  /** Folds a value observed by the workload (a random draw, a result) into the digest. */
  public void record(long value) {
    sha256.update((byte) 'L');
    updateLong(value);
  }

  public void record(String value) {
    sha256.update((byte) 'S');
    updateString(value);
  }

  public long eventCount() {
    return eventCount;
  }

  /** The digest so far, as 64 lower-case hex digits; the digest keeps accumulating afterwards. */
  public String hex() {
    try {
      MessageDigest snapshot = (MessageDigest) sha256.clone();
      return HexFormat.of().formatHex(snapshot.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable on every Java platform", e);
    }
  }

  private void updateLong(long value) {
    for (int i = 7; i >= 0; i--) {
      buffer[i] = (byte) value;
      value >>>= 8;
    }
    sha256.update(buffer, 0, 8);
  }

  private void updateString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int length = bytes.length;
    sha256.update((byte) (length >>> 24));
    sha256.update((byte) (length >>> 16));
    sha256.update((byte) (length >>> 8));
    sha256.update((byte) length);
    sha256.update(bytes);
  }
}
