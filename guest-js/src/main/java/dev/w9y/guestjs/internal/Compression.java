package dev.w9y.guestjs.internal;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The codecs behind CompressionStream and DecompressionStream (prelude/compression.js): gzip,
 * deflate (zlib) and deflate-raw through java.util.zip, fed chunk by chunk. Deterministic: the gzip
 * header has no time or name ({@link #GZIP_HEADER}), and the same input gives the same bytes on a
 * given zlib (the JDK's; another zlib version may compress differently, but always decompresses the
 * same).
 *
 * <p>A codec is a guest object with {@code push(binary)} and {@code finish()}, each returning the
 * output so far as a binary string, or an object {@code {error, message}} the prelude throws as a
 * TypeError (corrupt input, input after the end, a truncated stream).
 */
final class Compression {
  /** gzip member header: magic, deflate, no flags, mtime 0, no extra flags, OS 3 (Unix). */
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

  private Compression() {}

  /** The host function: {@code compression(format, compress)} → a codec. */
  static ProxyExecutable hostFunction() {
    return args -> open(args[0].asString(), args[1].asBoolean());
  }

  static ProxyObject open(String format, boolean compress) {
    Codec codec = compress ? new Compressor(format) : new Decompressor(format);
    Map<String, Object> members = new LinkedHashMap<>();
    members.put(
        "push",
        (ProxyExecutable) args -> codec.guarded(() -> codec.push(Wire.bytes(args[0].asString()))));
    members.put("finish", (ProxyExecutable) args -> codec.guarded(codec::finish));
    return ProxyObject.fromMap(members);
  }

  private abstract static class Codec {
    abstract byte[] push(byte[] input) throws DataFormatException;

    abstract byte[] finish() throws DataFormatException;

    abstract void end();

    Object guarded(Step step) {
      try {
        return Wire.binary(step.run());
      } catch (DataFormatException | IllegalStateException e) {
        end();
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("error", "TypeError");
        failure.put("message", e.getMessage() == null ? "invalid compressed data" : e.getMessage());
        return ProxyObject.fromMap(failure);
      }
    }
  }

  @FunctionalInterface
  private interface Step {
    byte[] run() throws DataFormatException;
  }

  private static final class Compressor extends Codec {
    private final Deflater deflater;
    private final boolean gzip;
    private final CRC32 crc = new CRC32();
    private long size;
    private boolean started;

    Compressor(String format) {
      this.gzip = format.equals("gzip");
      this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !format.equals("deflate"));
    }

    @Override
    byte[] push(byte[] input) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      header(out);
      crc.update(input);
      size += input.length;
      deflater.setInput(input);
      drain(out, Deflater.NO_FLUSH);
      return out.toByteArray();
    }

    @Override
    byte[] finish() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      header(out);
      deflater.finish();
      drain(out, Deflater.NO_FLUSH);
      if (gzip) {
        int value = (int) crc.getValue();
        int length = (int) size;
        for (int v : new int[] {value, length}) {
          out.write(v);
          out.write(v >>> 8);
          out.write(v >>> 16);
          out.write(v >>> 24);
        }
      }
      end();
      return out.toByteArray();
    }

    private void header(ByteArrayOutputStream out) {
      if (gzip && !started) {
        out.write(GZIP_HEADER, 0, GZIP_HEADER.length);
      }
      started = true;
    }

    private void drain(ByteArrayOutputStream out, int flush) {
      byte[] buffer = new byte[8192];
      while (true) {
        int n = deflater.deflate(buffer, 0, buffer.length, flush);
        out.write(buffer, 0, n);
        if (n < buffer.length && (deflater.finished() || deflater.needsInput())) {
          return;
        }
      }
    }

    @Override
    void end() {
      deflater.end();
    }
  }

  private static final class Decompressor extends Codec {
    private final Inflater inflater;
    private final boolean gzip;
    private final CRC32 crc = new CRC32();
    private long size;

    /** gzip: bytes of the header or trailer still being gathered. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private boolean headerDone;
    private boolean done;

    Decompressor(String format) {
      this.gzip = format.equals("gzip");
      this.inflater = new Inflater(!format.equals("deflate"));
    }

    @Override
    byte[] push(byte[] input) throws DataFormatException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (done) {
        if (input.length > 0) {
          throw new DataFormatException(
              "Trailing junk found after the end of the compressed stream");
        }
        return out.toByteArray();
      }
      if (gzip && !headerDone) {
        pending.writeBytes(input);
        byte[] all = pending.toByteArray();
        int end = gzipHeaderEnd(all);
        if (end < 0) {
          return out.toByteArray();
        }
        headerDone = true;
        pending.reset();
        input = java.util.Arrays.copyOfRange(all, end, all.length);
      }
      if (gzip && inflater.finished()) {
        trailer(input);
        return out.toByteArray();
      }
      inflater.setInput(input);
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0) {
          if (inflater.needsInput() || inflater.needsDictionary()) {
            break;
          }
        }
        out.write(buffer, 0, n);
        crc.update(buffer, 0, n);
        size += n;
      }
      if (inflater.finished()) {
        int left = inflater.getRemaining();
        byte[] rest = java.util.Arrays.copyOfRange(input, input.length - left, input.length);
        if (gzip) {
          trailer(rest);
        } else {
          done = true;
          if (rest.length > 0) {
            throw new DataFormatException(
                "Trailing junk found after the end of the compressed stream");
          }
        }
      }
      return out.toByteArray();
    }

    private void trailer(byte[] input) throws DataFormatException {
      pending.writeBytes(input);
      byte[] all = pending.toByteArray();
      if (all.length < 8) {
        return;
      }
      long crcValue = le32(all, 0);
      long length = le32(all, 4);
      if (crcValue != crc.getValue() || length != (size & 0xffffffffL)) {
        throw new DataFormatException("incorrect data check");
      }
      done = true;
      if (all.length > 8) {
        throw new DataFormatException("Trailing junk found after the end of the compressed stream");
      }
    }

    @Override
    byte[] finish() throws DataFormatException {
      boolean complete = done;
      end();
      if (!complete) {
        throw new DataFormatException("Compressed stream was truncated");
      }
      return new byte[0];
    }

    @Override
    void end() {
      inflater.end();
    }

    private static long le32(byte[] b, int at) {
      return (b[at] & 0xffL)
          | (b[at + 1] & 0xffL) << 8
          | (b[at + 2] & 0xffL) << 16
          | (b[at + 3] & 0xffL) << 24;
    }

    /** Where the gzip header ends, -1 if more bytes are needed; throws if it is not gzip. */
    private static int gzipHeaderEnd(byte[] b) throws DataFormatException {
      if (b.length < 10) {
        return -1;
      }
      if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
        throw new DataFormatException("incorrect header check");
      }
      int flags = b[3] & 0xff;
      int at = 10;
      if ((flags & 4) != 0) { // FEXTRA
        if (b.length < at + 2) {
          return -1;
        }
        at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
      }
      for (int flag : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
        if ((flags & flag) != 0) {
          while (at < b.length && b[at] != 0) {
            at++;
          }
          if (at >= b.length) {
            return -1;
          }
          at++;
        }
      }
      if ((flags & 2) != 0) { // FHCRC
        at += 2;
      }
      return at <= b.length ? at : -1;
    }
  }
}
