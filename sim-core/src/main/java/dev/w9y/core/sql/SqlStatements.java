package dev.w9y.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a {@code sql.exec} string into its statements, as SQLite's tokenizer would: semicolons
 * inside string literals, quoted identifiers, comments and a trigger's BEGIN ... END body do not
 * end a statement. The JDBC driver prepares only the first statement of a string, so the splitting
 * is ours.
 */
final class SqlStatements {
  private SqlStatements() {}

  /** The non-blank statements of {@code sql}, each without its terminating semicolon. */
  static List<String> split(String sql) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else if (c == '[') {
        int end = sql.indexOf(']', i + 1);
        i = end < 0 ? n : end + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == ';') {
        String statement = sql.substring(start, i);
        if (isTrigger(statement) && !endsWithEnd(statement)) {
          i++; // a semicolon inside the trigger's body
          continue;
        }
        addIfNotBlank(statements, statement);
        i++;
        start = i;
      } else {
        i++;
      }
    }
    addIfNotBlank(statements, sql.substring(start));
    return statements;
  }

  /** The statement's first keyword, upper case ("" if none). */
  static String firstKeyword(String statement) {
    String text = stripLeadingComments(statement);
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end).toUpperCase(Locale.ROOT);
  }

  private static int skipQuoted(String sql, int at, char quote) {
    int i = at + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // a doubled quote stands for itself
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return i;
  }

  private static boolean isTrigger(String statement) {
    String[] words = stripLeadingComments(statement).toUpperCase(Locale.ROOT).split("\\s+", 4);
    if (words.length < 2 || !words[0].equals("CREATE")) {
      return false;
    }
    return words[1].equals("TRIGGER")
        || (words.length > 2
            && (words[1].equals("TEMP") || words[1].equals("TEMPORARY"))
            && words[2].equals("TRIGGER"));
  }

  private static boolean endsWithEnd(String statement) {
    String text = statement.stripTrailing().toUpperCase(Locale.ROOT);
    return text.endsWith("END")
        && (text.length() == 3 || !Character.isLetterOrDigit(text.charAt(text.length() - 4)));
  }

  private static String stripLeadingComments(String statement) {
    String text = statement.stripLeading();
    while (true) {
      if (text.startsWith("--")) {
        int end = text.indexOf('\n');
        text = end < 0 ? "" : text.substring(end + 1).stripLeading();
      } else if (text.startsWith("/*")) {
        int end = text.indexOf("*/");
        text = end < 0 ? "" : text.substring(end + 2).stripLeading();
      } else {
        return text;
      }
    }
  }

  private static void addIfNotBlank(List<String> statements, String statement) {
    if (!stripLeadingComments(statement).isBlank()) {
      statements.add(statement);
    }
  }

  /**
   * Whether {@code statement} names anything starting {@code _cf_} outside string literals and
   * comments: workerd reserves those names for its own tables.
   */
  static boolean mentionsReservedName(String statement) {
    String lower = statement.toLowerCase(Locale.ROOT);
    int i = 0;
    int n = lower.length();
    while (i < n) {
      char c = lower.charAt(i);
      if (c == '\'') {
        i = skipQuoted(lower, i, c);
      } else if (c == '-' && i + 1 < n && lower.charAt(i + 1) == '-') {
        int end = lower.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && lower.charAt(i + 1) == '*') {
        int end = lower.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (lower.startsWith("_cf_", i)
          && (i == 0 || !isIdentifierPart(lower.charAt(i - 1)))) {
        return true;
      } else {
        i++;
      }
    }
    return false;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
