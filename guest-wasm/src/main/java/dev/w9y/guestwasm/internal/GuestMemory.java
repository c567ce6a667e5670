package dev.w9y.guestwasm.internal;

import com.dylibso.chicory.runtime.Memory;
import dev.w9y.core.guest.GuestException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked access to a guest's linear memory. A pointer and length the guest hands the host
 * are checked before they are read, so a bad one is a guest error naming the call, never a host
 * exception or a read of someone else's bytes.
 */
final class GuestMemory {
  private final Memory memory;
  private final String owner;

  GuestMemory(Memory memory, String owner) {
    this.memory = memory;
    this.owner = owner;
  }

  private void check(String call, long pointer, long length) {
    long size = (long) memory.pages() * Memory.PAGE_SIZE;
    if (pointer < 0 || length < 0 || pointer + length > size) {
      throw new GuestException(
          owner
              + ": "
              + call
              + " got an out-of-bounds pointer "
              + pointer
              + " with length "
              + length
              + " (memory is "
              + size
              + " bytes)");
    }
  }

  byte[] bytes(String call, long pointer, long length) {
    check(call, pointer, length);
    return memory.readBytes((int) pointer, (int) length);
  }

  String utf8(String call, long pointer, long length) {
    return new String(bytes(call, pointer, length), StandardCharsets.UTF_8);
  }

  void write(String call, long pointer, byte[] data) {
    check(call, pointer, data.length);
    memory.write((int) pointer, data);
  }

  void writeI32(String call, long pointer, int value) {
    check(call, pointer, 4);
    memory.writeI32((int) pointer, value);
  }

  void writeI64(String call, long pointer, long value) {
    check(call, pointer, 8);
    memory.writeLong((int) pointer, value);
  }

  int readI32(String call, long pointer) {
    check(call, pointer, 4);
    return memory.readInt((int) pointer);
  }

  int pages() {
    return memory.pages();
  }

  byte[] snapshot() {
    return memory.readBytes(0, memory.pages() * Memory.PAGE_SIZE);
  }
}
