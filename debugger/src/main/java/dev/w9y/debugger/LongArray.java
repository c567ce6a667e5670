package dev.w9y.debugger;

import java.util.Arrays;

/** A growable array of longs: a million events' indexes without a million boxes. */
final class LongArray {
  private long[] values = new long[1024];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  long get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
    return values[index];
  }

  void set(int index, long value) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
    values[index] = value;
  }

  int size() {
    return size;
  }

  /** The index of the last value at most {@code key} (values ascending), or -1. */
  int floor(long key) {
    int at = Arrays.binarySearch(values, 0, size, key);
    if (at >= 0) {
      while (at + 1 < size && values[at + 1] == key) {
        at++;
      }
      return at;
    }
    return -at - 2;
  }

  void trim() {
    values = Arrays.copyOf(values, Math.max(size, 1));
  }
}
