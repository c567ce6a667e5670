package dev.w9y.debugger;

import java.util.Arrays;

/** A growable array of ints (ids per trace record). */
final class IntArray {
  private int[] values = new int[1024];
  private int size;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
    return values[index];
  }

  int size() {
    return size;
  }

  void trim() {
    values = Arrays.copyOf(values, Math.max(size, 1));
  }
}
