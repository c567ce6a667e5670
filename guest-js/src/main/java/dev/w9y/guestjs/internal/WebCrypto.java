package dev.w9y.guestjs.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The primitives behind {@code crypto.subtle}, on the JDK's own providers (RSA, EC, Ed25519/X25519
 * and the AES modes the JDK lacks in their own classes). Every operation here is a pure function of
 * its inputs: what needs randomness (key generation, signature nonces, PSS salts, OAEP seeds) takes
 * a seed the prelude drew from the instance's seeded stream ({@link SeededRandom}), so a run stays
 * the same on every JVM.
 *
 * <p>Bytes cross as binary strings ({@link Wire#binary}). A failure is returned, not thrown, as a
 * {@link Failure}, which the guest sees as {@code {error: DOMException name, message}} and rejects
 * with.
 */
public final class WebCrypto {
  private WebCrypto() {}

  /**
   * The host functions subtle.js calls, by name (the simulation's host bridge and the prelude's
   * unit tests install the same ones).
   */
  public static Map<String, ProxyExecutable> hostFunctions() {
    Map<String, ProxyExecutable> functions = new LinkedHashMap<>();
    BiConsumer<String, ProxyExecutable> define = functions::put;
    define.accept("digest", args -> guestValue(digest(args[0].asString(), args[1].asString())));
    define.accept(
        "hmac",
        args -> guestValue(hmac(args[0].asString(), args[1].asString(), args[2].asString())));
    define.accept(
        "aesGcm",
        args ->
            guestValue(
                aesGcm(
                    args[0].asBoolean(),
                    args[1].asString(),
                    args[2].asString(),
                    args[3].isNull() ? null : args[3].asString(),
                    args[4].asInt(),
                    args[5].asString())));
    define.accept(
        "aesCbc",
        args ->
            guestValue(
                aesCbc(
                    args[0].asBoolean(),
                    args[1].asString(),
                    args[2].asString(),
                    args[3].asString())));
    define.accept(
        "pbkdf2",
        args ->
            guestValue(
                pbkdf2(
                    args[0].asString(),
                    args[1].asString(),
                    args[2].asString(),
                    args[3].asInt(),
                    args[4].asInt())));
    define.accept(
        "scrypt",
        args ->
            guestValue(
                Scrypt.derive(
                    args[0].asString(),
                    args[1].asString(),
                    args[2].asInt(),
                    args[3].asInt(),
                    args[4].asInt(),
                    args[5].asInt(),
                    args[6].asLong())));
    define.accept(
        "hkdf",
        args ->
            guestValue(
                hkdf(
                    args[0].asString(),
                    args[1].asString(),
                    args[2].asString(),
                    args[3].asString(),
                    args[4].asInt())));
    define.accept(
        "publicKeyParts",
        args -> guestValue(publicKeyParts(args[0].asString(), args[1].asString())));
    define.accept("rsaPrivateKeyParts", args -> guestValue(rsaPrivateKeyParts(args[0].asString())));
    define.accept("spki", args -> guestValue(spki(args[0].asString(), parts(args[1]))));
    define.accept(
        "rsaSign",
        args -> guestValue(rsaSign(args[0].asString(), parts(args[1]), args[2].asString())));
    define.accept(
        "verify",
        args ->
            guestValue(
                verify(
                    args[0].asString(),
                    args[1].asString(),
                    parts(args[2]),
                    args[3].asString(),
                    args[4].asString())));
    define.accept(
        "aesCtr",
        args ->
            guestValue(
                AesModes.ctr(
                    args[0].asString(), args[1].asString(), args[2].asInt(), args[3].asString())));
    define.accept(
        "aesKw",
        args ->
            guestValue(
                AesModes.keyWrap(args[0].asBoolean(), args[1].asString(), args[2].asString())));
    define.accept(
        "rsaGenerate",
        args ->
            guestValue(RsaKeys.generate(args[0].asInt(), args[1].asString(), args[2].asString())));
    define.accept("rsaPkcs8", args -> guestValue(RsaKeys.pkcs8(parts(args[0]))));
    define.accept(
        "pssSign",
        args ->
            guestValue(
                RsaKeys.pssSign(
                    args[0].asString(),
                    args[1].asInt(),
                    parts(args[2]),
                    args[3].asString(),
                    args[4].asString())));
    define.accept(
        "pssVerify",
        args ->
            guestValue(
                RsaKeys.pssVerify(
                    args[0].asString(),
                    args[1].asInt(),
                    parts(args[2]),
                    args[3].asString(),
                    args[4].asString())));
    define.accept(
        "oaep",
        args ->
            guestValue(
                RsaKeys.oaep(
                    args[0].asString(),
                    parts(args[1]),
                    args[2].asString(),
                    args[3].asString(),
                    args[4].isNull() ? null : args[4].asString())));
    define.accept(
        "ecGenerate", args -> guestValue(EcKeys.generate(args[0].asString(), args[1].asString())));
    define.accept(
        "ecPublicOf", args -> guestValue(EcKeys.publicOf(args[0].asString(), args[1].asString())));
    define.accept("ecPrivateParts", args -> guestValue(EcKeys.privateParts(args[0].asString())));
    define.accept("ecPkcs8", args -> guestValue(EcKeys.pkcs8(args[0].asString(), parts(args[1]))));
    define.accept(
        "ecdsaSign",
        args ->
            guestValue(
                EcKeys.sign(
                    args[0].asString(),
                    args[1].asString(),
                    args[2].asString(),
                    args[3].asString(),
                    args[4].asString())));
    define.accept(
        "ecdh",
        args -> guestValue(EcKeys.ecdh(args[0].asString(), args[1].asString(), parts(args[2]))));
    define.accept(
        "okpPublicOf",
        args -> guestValue(OkpKeys.publicOf(args[0].asString(), args[1].asString())));
    define.accept(
        "ed25519Sign", args -> guestValue(OkpKeys.sign(args[0].asString(), args[1].asString())));
    define.accept(
        "ed25519Verify",
        args ->
            guestValue(OkpKeys.verify(args[0].asString(), args[1].asString(), args[2].asString())));
    define.accept(
        "x25519", args -> guestValue(OkpKeys.x25519(args[0].asString(), args[1].asString())));
    return functions;
  }

  /** Arrays and failures cross as proxies (the sandbox gives guests no access to Java objects). */
  private static Object guestValue(Object result) {
    if (result instanceof Object[] array) {
      return ProxyArray.fromArray(array);
    }
    if (result instanceof Failure failure) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("error", failure.error());
      fields.put("message", failure.message());
      return ProxyObject.fromMap(fields);
    }
    return result;
  }

  /** A JavaScript array of binary strings (a key's parts). */
  private static String[] parts(Value array) {
    String[] parts = new String[(int) array.getArraySize()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = array.getArrayElement(i).asString();
    }
    return parts;
  }

  /** A failure the prelude turns into a rejected promise with a DOMException of this name. */
  record Failure(String error, String message) {}

  static Failure failure(String name, String message) {
    return new Failure(name, message);
  }

  private static String javaHash(String hash) {
    return switch (hash) {
      case "MD5" -> "MD5"; // node:crypto's createHash("md5"); subtle.js offers the SHAs only
      case "SHA-1" -> "SHA-1";
      case "SHA-256" -> "SHA-256";
      case "SHA-384" -> "SHA-384";
      case "SHA-512" -> "SHA-512";
      default -> throw new IllegalArgumentException("unknown hash " + hash);
    };
  }

  static Object digest(String hash, String data) {
    try {
      return Wire.binary(MessageDigest.getInstance(javaHash(hash)).digest(Wire.bytes(data)));
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "digest: " + e.getMessage());
    }
  }

  static Object hmac(String hash, String key, String data) {
    try {
      return Wire.binary(hmacOf(hash, Wire.bytes(key)).doFinal(Wire.bytes(data)));
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "HMAC: " + e.getMessage());
    }
  }

  // SecretKeySpec refuses an empty key; HMAC with an empty key is defined (RFC 2104 pads it).
  private static byte[] nonEmpty(byte[] key) {
    return key.length == 0 ? new byte[1] : key;
  }

  /**
   * AES-GCM (NIST SP 800-38D) as Web Crypto defines it: the tag is appended to the ciphertext.
   *
   * @param additionalData binary string, or null for none
   */
  static Object aesGcm(
      boolean encrypt, String key, String iv, String additionalData, int tagBits, String data) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
          new SecretKeySpec(Wire.bytes(key), "AES"),
          new GCMParameterSpec(tagBits, Wire.bytes(iv)));
      if (additionalData != null) {
        cipher.updateAAD(Wire.bytes(additionalData));
      }
      return Wire.binary(cipher.doFinal(Wire.bytes(data)));
    } catch (AEADBadTagException e) {
      return failure("OperationError", "AES-GCM: the data or its tag is not authentic");
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "AES-GCM: " + e.getMessage());
    }
  }

  /** Most PBKDF2 iterations one call may ask for (workerd's limit): the work is not counted. */
  static final int MAX_PBKDF2_ITERATIONS = 100_000;

  /** PBKDF2 (RFC 8018 §5.2) with HMAC; any password bytes (PBEKeySpec would take chars). */
  static Object pbkdf2(String hash, String password, String salt, int iterations, int bits) {
    try {
      Mac prf = hmacOf(hash, Wire.bytes(password));
      byte[] saltBytes = Wire.bytes(salt);
      byte[] out = new byte[bits / 8];
      int hashLength = prf.getMacLength();
      for (int block = 1, offset = 0; offset < out.length; block++, offset += hashLength) {
        prf.update(saltBytes);
        prf.update(
            new byte[] {
              (byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block
            });
        byte[] u = prf.doFinal();
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
          u = prf.doFinal(u);
          for (int j = 0; j < t.length; j++) {
            t[j] ^= u[j];
          }
        }
        System.arraycopy(t, 0, out, offset, Math.min(hashLength, out.length - offset));
      }
      return Wire.binary(out);
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "PBKDF2: " + e.getMessage());
    }
  }

  /** HKDF (RFC 5869): extract with the salt, expand with the info. */
  static Object hkdf(String hash, String key, String salt, String info, int bits) {
    try {
      int hashLength = hmacOf(hash, new byte[1]).getMacLength();
      byte[] saltBytes = Wire.bytes(salt);
      byte[] pseudoRandomKey =
          hmacOf(hash, saltBytes.length == 0 ? new byte[hashLength] : saltBytes)
              .doFinal(Wire.bytes(key));
      Mac expand = hmacOf(hash, pseudoRandomKey);
      byte[] out = new byte[bits / 8];
      byte[] previous = new byte[0];
      for (int block = 1, offset = 0; offset < out.length; block++, offset += hashLength) {
        expand.update(previous);
        expand.update(Wire.bytes(info));
        expand.update((byte) block);
        previous = expand.doFinal();
        System.arraycopy(previous, 0, out, offset, Math.min(hashLength, out.length - offset));
      }
      return Wire.binary(out);
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "HKDF: " + e.getMessage());
    }
  }

  private static Mac hmacOf(String hash, byte[] key) throws GeneralSecurityException {
    String algorithm = "Hmac" + javaHash(hash).replace("-", "");
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(nonEmpty(key), algorithm));
    return mac;
  }

  /** AES-CBC with PKCS#7 padding, as Web Crypto defines it. */
  static Object aesCbc(boolean encrypt, String key, String iv, String data) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
          new SecretKeySpec(Wire.bytes(key), "AES"),
          new javax.crypto.spec.IvParameterSpec(Wire.bytes(iv)));
      return Wire.binary(cipher.doFinal(Wire.bytes(data)));
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "AES-CBC: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- RSA and EC keys

  /** A public key's parts from its SubjectPublicKeyInfo DER: RSA [n, e] or EC [curve, x, y]. */
  static Object publicKeyParts(String kind, String spki) {
    try {
      PublicKey key =
          KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(Wire.bytes(spki)));
      if (key instanceof RSAPublicKey rsa) {
        return new Object[] {unsigned(rsa.getModulus()), unsigned(rsa.getPublicExponent())};
      }
      ECPublicKey ec = (ECPublicKey) key;
      String curve = curveName(ec.getParams());
      if (curve == null) {
        return failure("NotSupportedError", "the EC key is not on P-256, P-384 or P-521");
      }
      int size = fieldBytes(curve);
      return new Object[] {
        curve, fixed(ec.getW().getAffineX(), size), fixed(ec.getW().getAffineY(), size)
      };
    } catch (GeneralSecurityException | ClassCastException e) {
      return badKeyData(kind, Wire.bytes(spki), false);
    }
  }

  /**
   * workerd's DataError for key data that did not import: a key of another kind, by the DER's
   * algorithm identifier, or no key at all.
   */
  static Failure badKeyData(String kind, byte[] der, boolean pkcs8) {
    String found = keyKind(der, pkcs8);
    if (found != null && !found.equals(kind)) {
      return failure("DataError", "Input was not an " + kind + " key.");
    }
    return failure("DataError", "Invalid " + (pkcs8 ? "PKCS8" : "SPKI") + " input.");
  }

  /** RSA, EC or null: the algorithm OID of SubjectPublicKeyInfo or PrivateKeyInfo DER. */
  private static String keyKind(byte[] der, boolean pkcs8) {
    try {
      int at = header(der, 0, 0x30); // the outer SEQUENCE
      if (pkcs8) {
        int version = header(der, at, 0x02);
        at = version + der[version - 1]; // skip the version INTEGER (short)
      }
      at = header(der, at, 0x30); // AlgorithmIdentifier
      int oid = header(der, at, 0x06);
      String hex = HexFormat.of().formatHex(der, oid, oid + der[oid - 1]);
      return switch (hex) {
        case "2a864886f70d010101" -> "RSA";
        case "2a8648ce3d0201" -> "EC";
        default -> "another";
      };
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The offset of the content of the DER element at {@code at}, which must have this tag. */
  private static int header(byte[] der, int at, int tag) {
    if ((der[at] & 0xff) != tag) {
      throw new IllegalArgumentException("not the expected DER tag");
    }
    int length = der[at + 1] & 0xff;
    return length < 0x80 ? at + 2 : at + 2 + (length & 0x7f);
  }

  /** An RSA private key's parts from PKCS #8 DER: [n, e, d, p, q, dp, dq, qi]. */
  static Object rsaPrivateKeyParts(String pkcs8) {
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Wire.bytes(pkcs8)));
      if (!(key instanceof RSAPrivateCrtKey rsa)) {
        return failure("DataError", "the RSA private key has no CRT parameters");
      }
      return new Object[] {
        unsigned(rsa.getModulus()), unsigned(rsa.getPublicExponent()),
        unsigned(rsa.getPrivateExponent()), unsigned(rsa.getPrimeP()),
        unsigned(rsa.getPrimeQ()), unsigned(rsa.getPrimeExponentP()),
        unsigned(rsa.getPrimeExponentQ()), unsigned(rsa.getCrtCoefficient())
      };
    } catch (GeneralSecurityException e) {
      return badKeyData("RSA", Wire.bytes(pkcs8), true);
    }
  }

  /** The SubjectPublicKeyInfo DER of an RSA key [n, e] or an EC key [curve, x, y]. */
  static Object spki(String kind, String[] parts) {
    try {
      return Wire.binary(publicKey(kind, parts).getEncoded());
    } catch (GeneralSecurityException e) {
      return failure("DataError", "invalid " + kind + " public key: " + e.getMessage());
    }
  }

  /** RSASSA-PKCS1-v1_5 signature of data (deterministic by construction). */
  static Object rsaSign(String hash, String[] privateParts, String data) {
    try {
      PrivateKey key = RsaKeys.privateKey(privateParts);
      Signature signer = Signature.getInstance(javaHash(hash).replace("-", "") + "withRSA");
      signer.initSign(key);
      signer.update(Wire.bytes(data));
      return Wire.binary(signer.sign());
    } catch (GeneralSecurityException e) {
      return failure("OperationError", "RSASSA-PKCS1-v1_5: " + e.getMessage());
    }
  }

  /**
   * Verifies an RSASSA-PKCS1-v1_5 signature (kind RSA) or an ECDSA one (kind EC; Web Crypto's
   * signature is r ‖ s, IEEE P1363).
   */
  static Object verify(
      String kind, String hash, String[] publicParts, String signature, String data) {
    try {
      String algorithm =
          javaHash(hash).replace("-", "")
              + ("RSA".equals(kind) ? "withRSA" : "withECDSAinP1363Format");
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey(kind, publicParts));
      verifier.update(Wire.bytes(data));
      return verifier.verify(Wire.bytes(signature));
    } catch (java.security.SignatureException e) {
      return false; // a malformed signature does not verify; it is not an error (Web Crypto §20)
    } catch (GeneralSecurityException e) {
      return failure("OperationError", kind + " verify: " + e.getMessage());
    }
  }

  static PublicKey publicKey(String kind, String[] parts) throws GeneralSecurityException {
    if ("RSA".equals(kind)) {
      return RsaKeys.publicKey(parts);
    }
    ECParameterSpec params = curve(parts[0]);
    ECPoint point =
        new ECPoint(
            new BigInteger(1, Wire.bytes(parts[1])), new BigInteger(1, Wire.bytes(parts[2])));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
  }

  static ECParameterSpec curve(String name) throws GeneralSecurityException {
    String standard =
        switch (name) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default -> throw new GeneralSecurityException("unknown curve " + name);
        };
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(standard));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }

  static String curveName(ECParameterSpec params) throws GeneralSecurityException {
    for (String name : new String[] {"P-256", "P-384", "P-521"}) {
      ECParameterSpec known = curve(name);
      if (known.getCurve().equals(params.getCurve())
          && known.getGenerator().equals(params.getGenerator())
          && known.getOrder().equals(params.getOrder())) {
        return name;
      }
    }
    return null;
  }

  static int fieldBytes(String curve) {
    return switch (curve) {
      case "P-256" -> 32;
      case "P-384" -> 48;
      default -> 66;
    };
  }

  /** A non-negative integer as big-endian bytes without a sign byte (JWK's form). */
  static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Wire.binary(bytes);
  }

  /** A counter block: 16 bytes, big-endian. */
  static byte[] fixed16(BigInteger value) {
    return Wire.bytes(fixed(value, 16));
  }

  /** A coordinate padded to the curve's field size (JWK's x and y have a fixed length). */
  static String fixed(BigInteger value, int size) {
    byte[] bytes = Wire.bytes(unsigned(value));
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    return Wire.binary(out);
  }
}
