package dev.w9y.guestjs.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A small JavaScript lexer that answers, without running or fully parsing a file, what a bundler
 * needs to know about it: whether it has ES module syntax ({@code import}/{@code export}
 * declarations), whether it uses CommonJS ({@code require}, {@code module.exports}, {@code
 * exports.x}), which names a CommonJS module exports where that is statically visible (the patterns
 * Node's cjs-module-lexer recognises), which modules it re-exports, and which literal specifiers it
 * imports or requires. Deterministic: a pure function of the text.
 */
final class ModuleSniffer {
  /** What one file looks like. */
  record Facts(
      boolean moduleSyntax,
      boolean commonJs,
      Set<String> exportNames,
      List<String> reexports,
      List<String> specifiers) {}

  private enum Kind {
    NAME,
    STRING,
    NUMBER,
    PUNCT,
    TEMPLATE,
    REGEX
  }

  private record Token(Kind kind, String text) {}

  private final String src;
  private int pos;
  private final List<Token> tokens = new ArrayList<>();

  private ModuleSniffer(String src) {
    this.src = src;
  }

  static Facts sniff(String text) {
    ModuleSniffer sniffer = new ModuleSniffer(text);
    sniffer.tokenize();
    return sniffer.analyse();
  }

  // ---------------------------------------------------------------- tokens

  private void tokenize() {
    // Brace depths at which a template literal's ${ ... } continues the template.
    List<Integer> templateDepths = new ArrayList<>();
    int braceDepth = 0;
    int n = src.length();
    while (pos < n) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        pos++;
      } else if (c == '/' && pos + 1 < n && src.charAt(pos + 1) == '/') {
        while (pos < n && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < n && src.charAt(pos + 1) == '*') {
        int end = src.indexOf("*/", pos + 2);
        pos = end < 0 ? n : end + 2;
      } else if (c == '#' && pos == 0 && n > 1 && src.charAt(1) == '!') {
        while (pos < n && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '"' || c == '\'') {
        tokens.add(new Token(Kind.STRING, readString(c)));
      } else if (c == '`') {
        pos++;
        if (readTemplate()) {
          templateDepths.add(braceDepth);
          braceDepth++;
        }
        tokens.add(new Token(Kind.TEMPLATE, ""));
      } else if (Character.isJavaIdentifierStart(c) || c == '\\') {
        int start = pos;
        pos++;
        while (pos < n && Character.isJavaIdentifierPart(src.charAt(pos))) {
          pos++;
        }
        tokens.add(new Token(Kind.NAME, src.substring(start, pos)));
      } else if (Character.isDigit(c)
          || (c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1)))) {
        int start = pos;
        pos++;
        while (pos < n
            && (Character.isLetterOrDigit(src.charAt(pos))
                || src.charAt(pos) == '.'
                || src.charAt(pos) == '_')) {
          pos++;
        }
        tokens.add(new Token(Kind.NUMBER, src.substring(start, pos)));
      } else if (c == '/' && regexAllowed()) {
        readRegex();
        tokens.add(new Token(Kind.REGEX, ""));
      } else if (c == '{') {
        braceDepth++;
        pos++;
        tokens.add(new Token(Kind.PUNCT, "{"));
      } else if (c == '}') {
        braceDepth--;
        pos++;
        if (!templateDepths.isEmpty()
            && templateDepths.get(templateDepths.size() - 1) == braceDepth) {
          templateDepths.remove(templateDepths.size() - 1);
          if (readTemplate()) {
            templateDepths.add(braceDepth);
            braceDepth++;
          }
          tokens.add(new Token(Kind.TEMPLATE, ""));
        } else {
          tokens.add(new Token(Kind.PUNCT, "}"));
        }
      } else if ("()[];,:".indexOf(c) >= 0) {
        pos++;
        tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
      } else if (c == '.') {
        if (src.startsWith("...", pos)) {
          pos += 3;
          tokens.add(new Token(Kind.PUNCT, "..."));
        } else {
          pos++;
          tokens.add(new Token(Kind.PUNCT, "."));
        }
      } else {
        int start = pos;
        while (pos < n && "=!<>&|+-*%^~?/@".indexOf(src.charAt(pos)) >= 0) {
          if (src.charAt(pos) == '/' && pos > start) {
            break; // "=/re/" is an operator then a regex
          }
          pos++;
        }
        if (pos == start) {
          pos++; // anything else: skip one character
        }
        tokens.add(new Token(Kind.PUNCT, src.substring(start, pos)));
      }
    }
  }

  private static final List<String> KEYWORDS_BEFORE_EXPRESSION =
      List.of(
          "return",
          "typeof",
          "instanceof",
          "in",
          "of",
          "new",
          "delete",
          "void",
          "throw",
          "case",
          "do",
          "else",
          "yield",
          "await");

  private boolean regexAllowed() {
    if (tokens.isEmpty()) {
      return true;
    }
    Token last = tokens.get(tokens.size() - 1);
    return switch (last.kind()) {
      case NAME -> KEYWORDS_BEFORE_EXPRESSION.contains(last.text());
      case NUMBER, STRING, TEMPLATE, REGEX -> false;
      case PUNCT ->
          !last.text().equals(")") && !last.text().equals("]") && !last.text().equals("}");
    };
  }

  private String readString(char quote) {
    StringBuilder out = new StringBuilder();
    pos++;
    int n = src.length();
    while (pos < n) {
      char c = src.charAt(pos++);
      if (c == quote || c == '\n') {
        break;
      }
      if (c == '\\' && pos < n) {
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'u' -> {
            if (pos + 4 <= n && src.charAt(pos) != '{') {
              out.append((char) parseHex(src.substring(pos, pos + 4)));
              pos += 4;
            }
          }
          case 'x' -> {
            if (pos + 2 <= n) {
              out.append((char) parseHex(src.substring(pos, pos + 2)));
              pos += 2;
            }
          }
          case '\r', '\n' -> {}
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int parseHex(String hex) {
    try {
      return Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      return '?';
    }
  }

  /** Reads template text up to its end (false) or up to a {@code ${} (true). */
  private boolean readTemplate() {
    int n = src.length();
    while (pos < n) {
      char c = src.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '`') {
        return false;
      } else if (c == '$' && pos < n && src.charAt(pos) == '{') {
        pos++;
        return true;
      }
    }
    return false;
  }

  private void readRegex() {
    int n = src.length();
    pos++;
    boolean inClass = false;
    while (pos < n) {
      char c = src.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        break;
      } else if (c == '\n') {
        break;
      }
    }
    while (pos < n && Character.isJavaIdentifierPart(src.charAt(pos))) {
      pos++;
    }
  }

  // ---------------------------------------------------------------- analysis

  private Token at(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i) : new Token(Kind.PUNCT, "");
  }

  private boolean is(int i, String text) {
    Token token = at(i);
    return token.kind() != Kind.STRING && token.text().equals(text);
  }

  private boolean isName(int i, String name) {
    return at(i).kind() == Kind.NAME && at(i).text().equals(name) && !is(i - 1, ".");
  }

  private static final List<String> EXPORT_FOLLOWERS =
      List.of("{", "*", "default", "const", "let", "var", "function", "class", "async");

  private Facts analyse() {
    boolean moduleSyntax = false;
    boolean commonJs = false;
    Set<String> names = new LinkedHashSet<>();
    List<String> reexports = new ArrayList<>();
    List<String> specifiers = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() != Kind.NAME) {
        continue;
      }
      boolean member = is(i - 1, ".") || is(i - 1, "?.");
      if (member && !token.text().equals("defineProperty")) {
        continue;
      }
      switch (token.text()) {
        case "import" -> {
          if (is(i + 1, "(")) {
            if (at(i + 2).kind() == Kind.STRING && is(i + 3, ")")) {
              specifiers.add(at(i + 2).text());
            }
          } else if (!is(i + 1, ".") && !is(i + 1, ":") && !is(i + 1, "=")) {
            moduleSyntax = true;
            int from = declarationSpecifier(i + 1);
            if (from >= 0) {
              specifiers.add(at(from).text());
            }
          }
        }
        case "export" -> {
          if (at(i + 1).kind() == Kind.NAME || at(i + 1).kind() == Kind.PUNCT) {
            if (EXPORT_FOLLOWERS.contains(at(i + 1).text())) {
              moduleSyntax = true;
              if (is(i + 1, "{") || is(i + 1, "*")) {
                int from = declarationSpecifier(i + 1);
                if (from >= 0 && is(from - 1, "from")) {
                  specifiers.add(at(from).text());
                }
              }
            }
          }
        }
        case "require" -> {
          if (is(i + 1, "(") && at(i + 2).kind() == Kind.STRING && is(i + 3, ")")) {
            commonJs = true;
            specifiers.add(at(i + 2).text());
          }
        }
        case "exports" -> {
          if (is(i + 1, ".") || is(i + 1, "[")) {
            commonJs = true;
            exportName(i + 1, names);
          }
        }
        case "module" -> {
          if (is(i + 1, ".") && at(i + 2).text().equals("exports")) {
            commonJs = true;
            if (is(i + 3, "=")) {
              moduleExportsAssignment(i + 4, names, reexports);
            } else {
              exportName(i + 3, names);
            }
          }
        }
        case "defineProperty" -> {
          // Object.defineProperty(exports, "name", ...) / (module.exports, "name", ...)
          if (is(i + 1, "(")) {
            int j = i + 2;
            if (isName(j, "exports") && is(j + 1, ",") && at(j + 2).kind() == Kind.STRING) {
              names.add(at(j + 2).text());
            } else if (at(j).text().equals("module")
                && is(j + 1, ".")
                && at(j + 2).text().equals("exports")
                && is(j + 3, ",")
                && at(j + 4).kind() == Kind.STRING) {
              names.add(at(j + 4).text());
            }
          }
        }
        case "__exportStar", "__export" -> {
          // TypeScript's __exportStar(require("./x"), exports)
          if (is(i + 1, "(")
              && isName(i + 2, "require")
              && is(i + 3, "(")
              && at(i + 4).kind() == Kind.STRING) {
            reexports.add(at(i + 4).text());
          }
        }
        default -> {}
      }
    }
    return new Facts(moduleSyntax, commonJs, names, reexports, specifiers);
  }

  /** The index of the string after {@code from} (or a bare {@code import "x"}), or -1. */
  private int declarationSpecifier(int i) {
    if (at(i).kind() == Kind.STRING) {
      return i;
    }
    int depth = 0;
    for (int j = i; j < tokens.size() && j < i + 4096; j++) {
      Token token = tokens.get(j);
      if (token.kind() == Kind.PUNCT && token.text().equals("{")) {
        depth++;
      } else if (token.kind() == Kind.PUNCT && token.text().equals("}")) {
        depth--;
      } else if (depth == 0 && token.kind() == Kind.PUNCT && token.text().equals(";")) {
        return -1;
      } else if (depth == 0 && is(j, "from") && at(j + 1).kind() == Kind.STRING) {
        return j + 1;
      } else if (depth == 0
          && token.kind() == Kind.NAME
          && (token.text().equals("const")
              || token.text().equals("function")
              || token.text().equals("class"))) {
        return -1;
      }
    }
    return -1;
  }

  /** After {@code exports} or {@code module.exports}: {@code .name =} or {@code ["name"] =}. */
  private void exportName(int i, Set<String> names) {
    if (is(i, ".") && at(i + 1).kind() == Kind.NAME && is(i + 2, "=")) {
      names.add(at(i + 1).text());
    } else if (is(i, "[") && at(i + 1).kind() == Kind.STRING && is(i + 2, "]") && is(i + 3, "=")) {
      names.add(at(i + 1).text());
    }
  }

  /** {@code module.exports = ...}: an object literal's keys, or a re-exported require. */
  private void moduleExportsAssignment(int i, Set<String> names, List<String> reexports) {
    if (isName(i, "require") && is(i + 1, "(") && at(i + 2).kind() == Kind.STRING) {
      reexports.add(at(i + 2).text());
      return;
    }
    if (!is(i, "{")) {
      return;
    }
    int j = i + 1;
    while (j < tokens.size()) {
      Token key = at(j);
      if (is(j, "}")) {
        return;
      }
      if (is(j, "...")) {
        if (isName(j + 1, "require") && is(j + 2, "(") && at(j + 3).kind() == Kind.STRING) {
          reexports.add(at(j + 3).text());
        }
      } else if (key.kind() == Kind.NAME || key.kind() == Kind.STRING) {
        if (is(j + 1, ",") || is(j + 1, "}") || is(j + 1, ":") || is(j + 1, "(")) {
          names.add(key.text());
        }
      } else {
        return; // computed keys and the like: stop where the shape is no longer simple
      }
      // skip to the next top-level comma of the literal
      int depth = 0;
      while (j < tokens.size()) {
        Token t = at(j);
        if (t.kind() == Kind.PUNCT
            && ("{".equals(t.text()) || "(".equals(t.text()) || "[".equals(t.text()))) {
          depth++;
        } else if (t.kind() == Kind.PUNCT
            && ("}".equals(t.text()) || ")".equals(t.text()) || "]".equals(t.text()))) {
          if (depth == 0) {
            return;
          }
          depth--;
        } else if (depth == 0 && is(j, ",")) {
          j++;
          break;
        }
        j++;
      }
    }
  }
}
