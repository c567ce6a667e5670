package dev.w9y.core.platform;

import java.util.Comparator;

/** How platform stores order keys: by their UTF-8 bytes, as KV and R2 list them. */
public final class KeyOrder {
  /** Keys sorted by their UTF-8 bytes (code point order is the same order). */
  public static final Comparator<String> UTF8 =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private KeyOrder() {}
}
