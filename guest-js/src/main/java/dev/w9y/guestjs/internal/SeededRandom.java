package dev.w9y.guestjs.internal;

import dev.w9y.scheduler.AllowNondeterminism;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} whose every byte comes from a seed the guest drew from the instance's
 * seeded stream, for the JDK operations that insist on one (signature nonces, PSS salts, OAEP
 * seeds, key pair generators). It never touches the JDK's entropy sources, so a run is the same on
 * every JVM.
 */
@AllowNondeterminism(
    reason = "a SecureRandom the JDK's crypto needs, fed only by bytes of the simulation's seed")
final class SeededRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private SeededRandom(SecureRandomSpi spi) {
    super(spi, null);
  }

  /** SHA-256 in counter mode over the seed: as many bytes as asked for, all from the seed. */
  static SeededRandom expanding(byte[] seed) {
    return new SeededRandom(new Expanding(seed.clone()));
  }

  /**
   * Exactly these bytes, for a key pair generator that takes its private key straight from the
   * random source (Ed25519 and X25519): asking for other sizes is an error, not a silent change.
   */
  static SeededRandom exactly(byte[] bytes) {
    return new SeededRandom(new Exactly(bytes.clone()));
  }

  /** The next {@code count} bytes. */
  byte[] draw(int count) {
    byte[] bytes = new byte[count];
    nextBytes(bytes);
    return bytes;
  }

  @AllowNondeterminism(reason = "see the class")
  private static final class Expanding extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    Expanding(byte[] seed) {
      this.seed = seed;
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        if (used == block.length) {
          block = nextBlock();
          used = 0;
        }
        bytes[i] = block[used++];
      }
    }

    private byte[] nextBlock() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(seed);
        sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
        return sha.digest();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }

    @Override
    protected void engineSetSeed(byte[] extra) {
      // Ignored: the stream depends on the simulation's seed alone.
    }

    @Override
    protected byte[] engineGenerateSeed(int count) {
      byte[] bytes = new byte[count];
      engineNextBytes(bytes);
      return bytes;
    }
  }

  @AllowNondeterminism(reason = "see the class")
  private static final class Exactly extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private boolean given;

    Exactly(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    protected void engineNextBytes(byte[] out) {
      if (given || out.length != bytes.length) {
        throw new IllegalStateException(
            "the JDK asked for " + out.length + " random bytes, not the key's " + bytes.length);
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
      given = true;
    }

    @Override
    protected void engineSetSeed(byte[] extra) {}

    @Override
    protected byte[] engineGenerateSeed(int count) {
      throw new IllegalStateException("no seed material beyond the key's bytes");
    }
  }
}
