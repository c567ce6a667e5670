package dev.w9y.guestjs.internal;

/**
 * scrypt (RFC 7914) for node:crypto's {@code scrypt}/{@code scryptSync}: PBKDF2-HMAC-SHA256 around
 * ROMix of Salsa20/8 blocks. On the host because a guest-side ROMix at Node's default cost (N =
 * 16384, r = 8) is half a million Salsa20/8 rounds, far past any statement budget. Written from the
 * RFC; checked against its test vectors by NodeIoModulesTest and against workerd by compat's
 * NodeIoCompatTest.
 */
final class Scrypt {
  private Scrypt() {}

  /**
   * The derived key as a binary string, or a {@link WebCrypto.Failure} naming the bad parameter.
   */
  static Object derive(
      String password,
      String salt,
      int cost,
      int blockSize,
      int parallel,
      int keyLength,
      long maxMemory) {
    if (cost < 2 || (cost & (cost - 1)) != 0) {
      return WebCrypto.failure(
          "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
          "Invalid scrypt params: N must be a power of 2 greater than 1");
    }
    if (blockSize < 1 || parallel < 1 || (long) blockSize * parallel >= 1L << 30) {
      return WebCrypto.failure("ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params");
    }
    if (128L * cost * blockSize > maxMemory) {
      return WebCrypto.failure(
          "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params: memory limit exceeded");
    }
    Object b = WebCrypto.pbkdf2("SHA-256", password, salt, 1, parallel * 128 * blockSize * 8);
    if (!(b instanceof String blocks)) {
      return b;
    }
    byte[] bytes = Wire.bytes(blocks);
    int[] x = new int[32 * blockSize];
    int[] v = new int[32 * blockSize * cost];
    for (int i = 0; i < parallel; i++) {
      int offset = i * 128 * blockSize;
      for (int k = 0; k < x.length; k++) {
        int at = offset + 4 * k;
        x[k] =
            (bytes[at] & 0xff)
                | (bytes[at + 1] & 0xff) << 8
                | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
      }
      roMix(x, v, cost, blockSize);
      for (int k = 0; k < x.length; k++) {
        int at = offset + 4 * k;
        bytes[at] = (byte) x[k];
        bytes[at + 1] = (byte) (x[k] >>> 8);
        bytes[at + 2] = (byte) (x[k] >>> 16);
        bytes[at + 3] = (byte) (x[k] >>> 24);
      }
    }
    return WebCrypto.pbkdf2("SHA-256", password, Wire.binary(bytes), 1, keyLength * 8);
  }

  private static void roMix(int[] x, int[] v, int cost, int blockSize) {
    int words = 32 * blockSize;
    int[] scratch = new int[words];
    for (int i = 0; i < cost; i++) {
      System.arraycopy(x, 0, v, i * words, words);
      blockMix(x, scratch, blockSize);
    }
    for (int i = 0; i < cost; i++) {
      int j = x[(2 * blockSize - 1) * 16] & (cost - 1);
      for (int k = 0; k < words; k++) {
        x[k] ^= v[j * words + k];
      }
      blockMix(x, scratch, blockSize);
    }
  }

  private static void blockMix(int[] b, int[] y, int blockSize) {
    int[] t = new int[16];
    System.arraycopy(b, (2 * blockSize - 1) * 16, t, 0, 16);
    for (int i = 0; i < 2 * blockSize; i++) {
      for (int k = 0; k < 16; k++) {
        t[k] ^= b[i * 16 + k];
      }
      salsa8(t);
      // even blocks first, then odd ones
      int to = (i % 2 == 0 ? i / 2 : blockSize + i / 2) * 16;
      System.arraycopy(t, 0, y, to, 16);
    }
    System.arraycopy(y, 0, b, 0, 32 * blockSize);
  }

  private static void salsa8(int[] b) {
    int[] x = b.clone();
    for (int round = 0; round < 8; round += 2) {
      x[4] ^= Integer.rotateLeft(x[0] + x[12], 7);
      x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
      x[12] ^= Integer.rotateLeft(x[8] + x[4], 13);
      x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
      x[9] ^= Integer.rotateLeft(x[5] + x[1], 7);
      x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
      x[1] ^= Integer.rotateLeft(x[13] + x[9], 13);
      x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
      x[14] ^= Integer.rotateLeft(x[10] + x[6], 7);
      x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
      x[6] ^= Integer.rotateLeft(x[2] + x[14], 13);
      x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
      x[3] ^= Integer.rotateLeft(x[15] + x[11], 7);
      x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
      x[11] ^= Integer.rotateLeft(x[7] + x[3], 13);
      x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);
      x[1] ^= Integer.rotateLeft(x[0] + x[3], 7);
      x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
      x[3] ^= Integer.rotateLeft(x[2] + x[1], 13);
      x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
      x[6] ^= Integer.rotateLeft(x[5] + x[4], 7);
      x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
      x[4] ^= Integer.rotateLeft(x[7] + x[6], 13);
      x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
      x[11] ^= Integer.rotateLeft(x[10] + x[9], 7);
      x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
      x[9] ^= Integer.rotateLeft(x[8] + x[11], 13);
      x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
      x[12] ^= Integer.rotateLeft(x[15] + x[14], 7);
      x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
      x[14] ^= Integer.rotateLeft(x[13] + x[12], 13);
      x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
    }
    for (int i = 0; i < 16; i++) {
      b[i] += x[i];
    }
  }
}
