package dev.w9y.guestwasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import dev.w9y.core.guest.ServiceHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) as a simulation provides it: both clocks read the
 * virtual clock, {@code random_get} draws from the instance's seeded stream, {@code poll_oneoff}
 * and {@code sched_yield} never wait, stdout and stderr go into the trace line by line, arguments
 * and environment come from the topology, and there is no file system (no preopened directories).
 * Chicory's own WASI reads the real clock, so none of it is used.
 */
final class VirtualWasi {
  static final String MODULE = "wasi_snapshot_preview1";

  private static final int SUCCESS = 0;
  private static final int BADF = 8;
  private static final int INVAL = 28;
  private static final int SPIPE = 70;

  private final ServiceHost host;
  private final List<byte[]> args;
  private final List<byte[]> environment;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private long startNanos = -1;
  private GuestMemory memory;

  VirtualWasi(ServiceHost host, String programName, Map<String, String> env) {
    this.host = host;
    this.args = List.of(programName.getBytes(StandardCharsets.UTF_8));
    this.environment = new ArrayList<>();
    for (Map.Entry<String, String> entry : env.entrySet()) {
      environment.add((entry.getKey() + "=" + entry.getValue()).getBytes(StandardCharsets.UTF_8));
    }
  }

  void attach(GuestMemory value) {
    memory = value;
  }

  /** Thrown by {@code proc_exit}: the instance is done. */
  static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code) {
      super("the guest called proc_exit(" + code + ")", null, false, false);
      this.code = code;
    }
  }

  List<HostFunction> functions() {
    List<HostFunction> all = new ArrayList<>();
    ValType i32 = ValType.I32;
    ValType i64 = ValType.I64;
    all.add(fn("args_sizes_get", List.of(i32, i32), (a) -> sizes(args, a[0], a[1])));
    all.add(fn("args_get", List.of(i32, i32), (a) -> strings(args, a[0], a[1])));
    all.add(fn("environ_sizes_get", List.of(i32, i32), (a) -> sizes(environment, a[0], a[1])));
    all.add(fn("environ_get", List.of(i32, i32), (a) -> strings(environment, a[0], a[1])));
    all.add(
        fn(
            "clock_res_get",
            List.of(i32, i32),
            (a) -> {
              memory.writeI64("clock_res_get", a[1], 1L);
              return SUCCESS;
            }));
    all.add(fn("clock_time_get", List.of(i32, i64, i32), (a) -> clockTime((int) a[0], a[2])));
    all.add(fn("random_get", List.of(i32, i32), (a) -> random(a[0], a[1])));
    all.add(
        fn("fd_write", List.of(i32, i32, i32, i32), (a) -> write((int) a[0], a[1], a[2], a[3])));
    all.add(
        fn(
            "fd_read",
            List.of(i32, i32, i32, i32),
            (a) -> {
              if (a[0] != 0) {
                return BADF;
              }
              memory.writeI32("fd_read", a[3], 0); // stdin is empty
              return SUCCESS;
            }));
    all.add(fn("fd_close", List.of(i32), (a) -> a[0] <= 2 ? SUCCESS : BADF));
    all.add(fn("fd_seek", List.of(i32, i64, i32, i32), (a) -> a[0] <= 2 ? SPIPE : BADF));
    all.add(fn("fd_fdstat_get", List.of(i32, i32), (a) -> fdstat((int) a[0], a[1])));
    all.add(fn("fd_fdstat_set_flags", List.of(i32, i32), (a) -> a[0] <= 2 ? SUCCESS : BADF));
    all.add(fn("fd_prestat_get", List.of(i32, i32), (a) -> BADF)); // no preopened directories
    all.add(fn("fd_prestat_dir_name", List.of(i32, i32, i32), (a) -> BADF));
    all.add(fn("sched_yield", List.of(), (a) -> SUCCESS));
    all.add(fn("poll_oneoff", List.of(i32, i32, i32, i32), (a) -> poll(a[0], a[1], a[2], a[3])));
    all.add(
        new HostFunction(
            MODULE,
            "proc_exit",
            List.of(i32),
            List.of(),
            (instance, a) -> {
              flush();
              throw new Exit((int) a[0]);
            }));
    return all;
  }

  private interface Body {
    int apply(long[] args);
  }

  private static HostFunction fn(String name, List<ValType> params, Body body) {
    return new HostFunction(
        MODULE, name, params, List.of(ValType.I32), (instance, a) -> new long[] {body.apply(a)});
  }

  private int sizes(List<byte[]> values, long countPointer, long bufferSizePointer) {
    int size = 0;
    for (byte[] value : values) {
      size += value.length + 1;
    }
    memory.writeI32("sizes_get", countPointer, values.size());
    memory.writeI32("sizes_get", bufferSizePointer, size);
    return SUCCESS;
  }

  private int strings(List<byte[]> values, long pointers, long buffer) {
    long at = buffer;
    for (int i = 0; i < values.size(); i++) {
      memory.writeI32("get", pointers + 4L * i, (int) at);
      byte[] value = values.get(i);
      byte[] terminated = new byte[value.length + 1];
      System.arraycopy(value, 0, terminated, 0, value.length);
      memory.write("get", at, terminated);
      at += terminated.length;
    }
    return SUCCESS;
  }

  private int clockTime(int clock, long resultPointer) {
    long nanos;
    switch (clock) {
      case 0 -> // realtime: the service's (possibly skewed) wall clock
          nanos = host.epochMillis() * 1_000_000L + Math.floorMod(host.nowNanos(), 1_000_000L);
      case 1 -> nanos = host.nowNanos(); // monotonic
      case 2, 3 -> { // process / thread CPU time: virtual time since the first clock read
        if (startNanos < 0) {
          startNanos = host.nowNanos();
        }
        nanos = host.nowNanos() - startNanos;
      }
      default -> {
        return INVAL;
      }
    }
    memory.writeI64("clock_time_get", resultPointer, nanos);
    return SUCCESS;
  }

  private int random(long pointer, long length) {
    byte[] bytes = new byte[(int) Math.max(0, Math.min(length, 1 << 20))];
    if (length != bytes.length) {
      return INVAL;
    }
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) host.random().nextInt(256);
    }
    memory.write("random_get", pointer, bytes);
    return SUCCESS;
  }

  private int write(int fd, long iovs, long count, long writtenPointer) {
    if (fd != 1 && fd != 2) {
      return BADF;
    }
    ByteArrayOutputStream stream = fd == 1 ? stdout : stderr;
    int written = 0;
    for (int i = 0; i < count; i++) {
      int pointer = memory.readI32("fd_write", iovs + 8L * i);
      int length = memory.readI32("fd_write", iovs + 8L * i + 4);
      byte[] data =
          memory.bytes("fd_write", Integer.toUnsignedLong(pointer), Integer.toUnsignedLong(length));
      for (byte b : data) {
        if (b == '\n') {
          emit(fd, stream);
        } else {
          stream.write(b);
        }
      }
      written += data.length;
    }
    memory.writeI32("fd_write", writtenPointer, written);
    return SUCCESS;
  }

  private void emit(int fd, ByteArrayOutputStream stream) {
    host.log(fd == 1 ? "stdout" : "stderr", stream.toString(StandardCharsets.UTF_8));
    stream.reset();
  }

  /** Writes out a partial last line (the instance is ending). */
  void flush() {
    if (stdout.size() > 0) {
      emit(1, stdout);
    }
    if (stderr.size() > 0) {
      emit(2, stderr);
    }
  }

  private int fdstat(int fd, long pointer) {
    if (fd > 2) {
      return BADF;
    }
    byte[] stat = new byte[24];
    stat[0] = 2; // character device
    for (int i = 8; i < 24; i++) {
      stat[i] = (byte) 0xFF; // all rights
    }
    memory.write("fd_fdstat_get", pointer, stat);
    return SUCCESS;
  }

  /** Every subscription is reported as having happened at once: nothing waits for real time. */
  private int poll(long in, long out, long count, long eventsPointer) {
    if (count <= 0) {
      return INVAL;
    }
    for (int i = 0; i < count; i++) {
      byte[] subscription = memory.bytes("poll_oneoff", in + 48L * i, 48);
      byte[] event = new byte[32];
      System.arraycopy(subscription, 0, event, 0, 8); // userdata
      event[10] = subscription[8]; // the event type is the subscription's tag
      memory.write("poll_oneoff", out + 32L * i, event);
    }
    memory.writeI32("poll_oneoff", eventsPointer, (int) count);
    return SUCCESS;
  }
}
