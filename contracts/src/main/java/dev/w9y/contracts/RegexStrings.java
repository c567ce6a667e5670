package dev.w9y.contracts;

import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Strings matching a {@code pattern}, for the regular expressions contracts usually hold: literals,
 * {@code .}, classes ({@code [a-z0-9_]}, {@code [^,]}, {@code \d \w \s}), groups with alternatives,
 * quantifiers ({@code ? * + {n} {n,} {n,m}}, lazy or not) and anchors. Anything else
 * (backreferences, lookaround, {@code \b}) is unsupported: {@link #generate} gives null and the
 * schema's example is used instead. Unbounded repetition draws at most {@value #MAX_EXTRA} more.
 */
final class RegexStrings {
  private static final int MAX_EXTRA = 4;
  private static final String WORD =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  private static final String DIGITS = "0123456789";
  // What a negated class or '.' draws from.
  private static final String PRINTABLE = WORD + "-.";

  private final String pattern;
  private int at;

  private RegexStrings(String pattern) {
    this.pattern = pattern;
  }

  /** A string {@code pattern} finds a match in, or null when the pattern is not supported. */
  static String generate(String pattern, RandomStream random) {
    RegexStrings parser = new RegexStrings(pattern);
    Node node;
    try {
      node = parser.alternation();
      if (parser.at != pattern.length()) {
        return null;
      }
    } catch (Unsupported e) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    node.emit(out, random);
    return out.toString();
  }

  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private interface Node {
    void emit(StringBuilder out, RandomStream random);
  }

  private Node alternation() {
    List<Node> choices = new ArrayList<>();
    choices.add(sequence());
    while (at < pattern.length() && pattern.charAt(at) == '|') {
      at++;
      choices.add(sequence());
    }
    return choices.size() == 1
        ? choices.get(0)
        : (out, random) -> choices.get(random.nextInt(choices.size())).emit(out, random);
  }

  private Node sequence() {
    List<Node> parts = new ArrayList<>();
    while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
      parts.add(quantified(atom()));
    }
    return (out, random) -> parts.forEach(part -> part.emit(out, random));
  }

  private Node atom() {
    char c = pattern.charAt(at++);
    switch (c) {
      case '^', '$':
        return (out, random) -> {};
      case '(':
        if (pattern.startsWith("?:", at)) {
          at += 2;
        } else if (at < pattern.length() && pattern.charAt(at) == '?') {
          throw new Unsupported(); // lookaround, named groups
        }
        Node inner = alternation();
        expect(')');
        return inner;
      case '[':
        return chars(characterClass());
      case '.':
        return chars(PRINTABLE);
      case '\\':
        return chars(escape(false));
      case '*', '+', '?', '{', ')', '|':
        throw new Unsupported();
      default:
        return chars(String.valueOf(c));
    }
  }

  private static Node chars(String from) {
    if (from.isEmpty()) {
      throw new Unsupported();
    }
    return (out, random) -> out.append(from.charAt(random.nextInt(from.length())));
  }

  /** The characters an escape stands for (inside a class, {@code \b} is not a word boundary). */
  private String escape(boolean inClass) {
    if (at >= pattern.length()) {
      throw new Unsupported();
    }
    char c = pattern.charAt(at++);
    return switch (c) {
      case 'd' -> DIGITS;
      case 'w' -> WORD;
      case 's' -> " ";
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'D',
          'W',
          'S',
          'b',
          'B',
          'p',
          'P',
          'u',
          'x',
          'k',
          'c',
          '0',
          '1',
          '2',
          '3',
          '4',
          '5',
          '6',
          '7',
          '8',
          '9' -> {
        if (inClass && c == 'b') {
          yield "\b";
        }
        throw new Unsupported();
      }
      default -> String.valueOf(c);
    };
  }

  /** The characters of a class: its members, or for {@code [^...]} printable ones not in it. */
  private String characterClass() {
    boolean negated = at < pattern.length() && pattern.charAt(at) == '^';
    if (negated) {
      at++;
    }
    StringBuilder members = new StringBuilder();
    boolean first = true;
    while (at < pattern.length() && (pattern.charAt(at) != ']' || first)) {
      first = false;
      char c = pattern.charAt(at++);
      String single;
      if (c == '\\') {
        single = escape(true);
      } else if (c == '[') {
        throw new Unsupported(); // POSIX classes, nested classes
      } else {
        single = String.valueOf(c);
      }
      if (single.length() == 1
          && at + 1 < pattern.length()
          && pattern.charAt(at) == '-'
          && pattern.charAt(at + 1) != ']') {
        at++;
        char end = pattern.charAt(at++);
        if (end == '\\') {
          String escaped = escape(true);
          if (escaped.length() != 1) {
            throw new Unsupported();
          }
          end = escaped.charAt(0);
        }
        for (char x = single.charAt(0); x <= end && x >= single.charAt(0); x++) {
          members.append(x);
        }
      } else {
        members.append(single);
      }
    }
    expect(']');
    if (!negated) {
      return members.toString();
    }
    StringBuilder rest = new StringBuilder();
    for (char c : PRINTABLE.toCharArray()) {
      if (members.indexOf(String.valueOf(c)) < 0) {
        rest.append(c);
      }
    }
    return rest.toString();
  }

  private Node quantified(Node node) {
    if (at >= pattern.length()) {
      return node;
    }
    int min;
    int max;
    char c = pattern.charAt(at);
    if (c == '?' || c == '*' || c == '+') {
      at++;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : min + MAX_EXTRA;
    } else if (c == '{'
        && pattern.indexOf('}', at) > 0
        && pattern.substring(at + 1, pattern.indexOf('}', at)).matches("\\d+(,\\d*)?")) {
      String[] bounds = pattern.substring(at + 1, pattern.indexOf('}', at)).split(",", -1);
      at = pattern.indexOf('}', at) + 1;
      min = Integer.parseInt(bounds[0]);
      max =
          bounds.length == 1
              ? min
              : bounds[1].isEmpty() ? min + MAX_EXTRA : Integer.parseInt(bounds[1]);
    } else {
      return node;
    }
    if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
      at++; // lazy or possessive: the same strings match
    }
    int low = min;
    int high = Math.max(min, max);
    return (out, random) -> {
      long times = random.nextLong(low, high);
      for (long i = 0; i < times; i++) {
        node.emit(out, random);
      }
    };
  }

  private void expect(char c) {
    if (at >= pattern.length() || pattern.charAt(at) != c) {
      throw new Unsupported();
    }
    at++;
  }
}
