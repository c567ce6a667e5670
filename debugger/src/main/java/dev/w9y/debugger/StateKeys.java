package dev.w9y.debugger;

import java.util.Comparator;

/** Key orders for the state's maps: text with its numbers compared as numbers (m2 before m10). */
final class StateKeys {
  private StateKeys() {}

  static final Comparator<Object> NATURAL = (a, b) -> compareNatural(a.toString(), b.toString());

  /** Compares digit runs by value and everything else by character: deterministic and total. */
  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (isDigit(x) && isDigit(y)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int byLength = Integer.compare(endA - i, endB - j);
        if (byLength != 0 && !hasLeadingZero(a, i) && !hasLeadingZero(b, j)) {
          return byLength;
        }
        int byDigits = a.substring(i, endA).compareTo(b.substring(j, endB));
        if (byDigits != 0) {
          return byDigits;
        }
        i = endA;
        j = endB;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    int byRest = Integer.compare(a.length() - i, b.length() - j);
    return byRest != 0 ? byRest : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean hasLeadingZero(String s, int at) {
    return s.charAt(at) == '0';
  }

  private static int digitsEnd(String s, int from) {
    int end = from;
    while (end < s.length() && isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }
}
