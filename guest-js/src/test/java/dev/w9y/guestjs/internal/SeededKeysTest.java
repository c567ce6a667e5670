package dev.w9y.guestjs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Generated keys, ECDSA nonces, PSS salts and OAEP seeds are a function of the seed alone, on any
 * JDK: the digests below were the same on JDK 17 and Temurin 25 (run {@link #main} under each with
 * guest-js's test class path). A change to the prime search, the scalar reduction or the seed
 * expansion changes them and fails here, which would change every recorded seed that generates
 * keys.
 */
class SeededKeysTest {
  private static final String SEED = Wire.binary(new byte[32]);

  static String digests() throws Exception {
    StringBuilder out = new StringBuilder();
    out.append(digest(RsaKeys.generate(1024, "\u0001\u0000\u0001", SEED))).append(' ');
    out.append(digest(RsaKeys.generate(2048, "\u0003", SEED))).append(' ');
    for (String curve : new String[] {"P-256", "P-384", "P-521"}) {
      out.append(digest(EcKeys.generate(curve, SEED))).append(' ');
    }
    out.append(digest(OkpKeys.publicOf("Ed25519", SEED))).append(' ');
    out.append(digest(OkpKeys.publicOf("X25519", SEED))).append(' ');
    // What the JDK draws from the seeded source: an ECDSA nonce, a PSS salt, an OAEP seed.
    Object[] ec = (Object[]) EcKeys.generate("P-256", SEED);
    out.append(digest(EcKeys.sign("P-256", "SHA-256", (String) ec[2], "m", SEED))).append(' ');
    String[] rsa = strings((Object[]) RsaKeys.generate(1024, "\u0001\u0000\u0001", SEED));
    out.append(digest(RsaKeys.pssSign("SHA-256", 32, rsa, "m", SEED))).append(' ');
    out.append(digest(RsaKeys.oaep("SHA-256", rsa, "", "m", SEED)));
    return out.toString();
  }

  private static String[] strings(Object[] parts) {
    String[] out = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (String) parts[i];
    }
    return out;
  }

  private static String digest(Object result) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    if (result instanceof Object[] parts) {
      for (Object part : parts) {
        sha.update(((String) part).getBytes(StandardCharsets.ISO_8859_1));
        sha.update((byte) '|');
      }
    } else {
      sha.update(((String) result).getBytes(StandardCharsets.ISO_8859_1));
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
  }

  @Test
  void aSeedGivesTheseKeysOnEveryJdk() throws Exception {
    assertThat(digests())
        .isEqualTo(
            "357050e0ef0f f648af53a960 9f381d6d7a7c 0306be33fbd9 ff7cb0b41592 139e3940e64b"
                + " 233ced774423 ca8b24e28763 421924229c1e 6daa18152a91");
  }

  @Test
  void generatedKeysWorkAndKnownKeysGiveTheirVectors() throws Exception {
    String[] parts = strings((Object[]) RsaKeys.generate(1024, "\u0001\u0000\u0001", SEED));
    assertThat(Wire.bytes(parts[0])).hasSize(128);
    String sealed = (String) RsaKeys.oaep("SHA-256", parts, "", "hello", SEED);
    assertThat(RsaKeys.oaep("SHA-256", parts, "", sealed, null)).isEqualTo("hello");
    // Ed25519 with RFC 8032 §7.1's first test key: its public key and signature of "".
    String secret =
        Wire.binary(
            HexFormat.of()
                .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(HexFormat.of().formatHex(Wire.bytes((String) OkpKeys.publicOf("Ed25519", secret))))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(HexFormat.of().formatHex(Wire.bytes((String) OkpKeys.sign(secret, ""))))
        .startsWith("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155");
  }

  public static void main(String[] args) throws Exception {
    System.out.println(System.getProperty("java.version") + " " + digests());
  }
}
