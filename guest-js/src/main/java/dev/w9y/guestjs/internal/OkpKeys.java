package dev.w9y.guestjs.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;

/**
 * Ed25519 (RFC 8032) and X25519 (RFC 7748) for {@code crypto.subtle}. Keys cross as their raw 32
 * bytes. Both are deterministic given the private key, which the guest draws from the instance's
 * seeded stream.
 */
final class OkpKeys {
  private OkpKeys() {}

  private static final int KEY_BYTES = 32;

  /** RFC 8410 SubjectPublicKeyInfo prefixes; the raw key follows. */
  private static byte[] spkiPrefix(String kind) {
    return HexFormat.of()
        .parseHex("Ed25519".equals(kind) ? "302a300506032b6570032100" : "302a300506032b656e032100");
  }

  /**
   * The public key of a private one. JDK 17 has no call for it, but its Ed25519 and X25519 key pair
   * generators take the private key as exactly 32 bytes from the random source (RFC 8032 §5.1.5,
   * RFC 7748 §6.1), so one fed those bytes computes it.
   */
  static Object publicOf(String kind, String privateKey) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(kind);
      generator.initialize(
          new NamedParameterSpec(kind), SeededRandom.exactly(Wire.bytes(privateKey)));
      byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
      return Wire.binary(Arrays.copyOfRange(spki, spki.length - KEY_BYTES, spki.length));
    } catch (GeneralSecurityException | IllegalStateException e) {
      return WebCrypto.failure("DataError", kind + ": " + e.getMessage());
    }
  }

  private static PublicKey publicKey(String kind, String raw) throws GeneralSecurityException {
    byte[] prefix = spkiPrefix(kind);
    byte[] spki = Arrays.copyOf(prefix, prefix.length + KEY_BYTES);
    byte[] key = Wire.bytes(raw);
    if (key.length != KEY_BYTES) {
      throw new GeneralSecurityException("a " + kind + " public key is 32 bytes");
    }
    System.arraycopy(key, 0, spki, prefix.length, KEY_BYTES);
    return KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(spki));
  }

  static Object sign(String privateKey, String data) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Wire.bytes(privateKey))));
      signer.update(Wire.bytes(data));
      return Wire.binary(signer.sign());
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "Ed25519: " + e.getMessage());
    }
  }

  static Object verify(String publicKey, String signature, String data) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey("Ed25519", publicKey));
      verifier.update(Wire.bytes(data));
      return verifier.verify(Wire.bytes(signature));
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "Ed25519: " + e.getMessage());
    }
  }

  /** The X25519 shared secret (32 bytes). */
  static Object x25519(String privateKey, String publicKey) {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("X25519");
      agreement.init(
          KeyFactory.getInstance("X25519")
              .generatePrivate(
                  new XECPrivateKeySpec(NamedParameterSpec.X25519, Wire.bytes(privateKey))));
      agreement.doPhase(publicKey("X25519", publicKey), true);
      return Wire.binary(agreement.generateSecret());
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "X25519: " + e.getMessage());
    }
  }
}
