package dev.w9y.guestjs.internal;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The URL Standard's "domain to ASCII" (§3.3): UTS #46 processing with CheckHyphens false,
 * CheckBidi true, CheckJoiners true, UseSTD3ASCIIRules false, Transitional_Processing false and
 * VerifyDnsLength false, on ICU4J — the mapping table (width and compatibility folding, ignored
 * code points, disallowed ones) is Unicode's, not something to approximate in JavaScript. url.js
 * calls it only for domains with a non-ASCII character (an ASCII domain is only lower-cased).
 */
public final class Idna {
  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII
              | IDNA.NONTRANSITIONAL_TO_UNICODE
              | IDNA.CHECK_BIDI
              | IDNA.CHECK_CONTEXTJ);

  /** ICU reports these, but the URL Standard turns their checks off (hyphens, DNS lengths). */
  private static final Set<IDNA.Error> NOT_CHECKED_BY_URLS =
      EnumSet.of(
          IDNA.Error.LEADING_HYPHEN,
          IDNA.Error.TRAILING_HYPHEN,
          IDNA.Error.HYPHEN_3_4,
          IDNA.Error.EMPTY_LABEL,
          IDNA.Error.LABEL_TOO_LONG,
          IDNA.Error.DOMAIN_NAME_TOO_LONG);

  private Idna() {}

  /** The ASCII form of {@code domain}, or null where the URL Standard says failure. */
  public static String domainToAscii(String domain) {
    StringBuilder ascii = new StringBuilder(domain.length() + 8);
    IDNA.Info info = new IDNA.Info();
    UTS46.nameToASCII(domain, ascii, info);
    for (IDNA.Error error : info.getErrors()) {
      if (!NOT_CHECKED_BY_URLS.contains(error)) {
        return null;
      }
    }
    return ascii.length() == 0 ? null : ascii.toString();
  }

  /** The host functions url.js needs (the host bridge and prelude tests install them). */
  public static Map<String, ProxyExecutable> hostFunctions() {
    Map<String, ProxyExecutable> functions = new LinkedHashMap<>();
    functions.put("domainToAscii", args -> domainToAscii(args[0].asString()));
    return functions;
  }
}
