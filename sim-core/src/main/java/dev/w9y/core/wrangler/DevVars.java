package dev.w9y.core.wrangler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local secrets as {@code wrangler dev} reads them: the {@code .dev.vars} file beside the
 * configuration, or without one the {@code .env} file, in dotenv syntax — {@code NAME=value} lines,
 * {@code #} comments, an optional {@code export } prefix, values in single, double or back quotes
 * (a double-quoted value may span lines and turns {@code \n} into a newline), an unquoted value's
 * {@code #} comment and surrounding spaces dropped. A later line wins over an earlier one, as in
 * dotenv. A line dotenv would skip is skipped too, and said in a note.
 */
final class DevVars {
  private DevVars() {}

  /** The file's variables in order, and notes on the lines skipped. */
  record Parsed(Map<String, String> values, List<String> notes) {}

  static Parsed parse(String file, String text) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> notes = new java.util.ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int equals = line.indexOf('=');
      String name = equals < 0 ? "" : line.substring(0, equals).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
        notes.add(file + ":" + lineNumber + ": not NAME=value; skipped, as wrangler skips it");
        continue;
      }
      String rest = line.substring(equals + 1).strip();
      char quote = rest.isEmpty() ? 0 : rest.charAt(0);
      if (quote == '"' || quote == '\'' || quote == '`') {
        StringBuilder value = new StringBuilder(rest.substring(1));
        int close = value.indexOf(String.valueOf(quote));
        // Only a double-quoted value may continue over the following lines.
        while (close < 0 && quote == '"' && i + 1 < lines.length) {
          value.append('\n').append(lines[++i]);
          close = value.indexOf(String.valueOf(quote));
        }
        if (close < 0) {
          notes.add(
              file
                  + ":"
                  + lineNumber
                  + ": "
                  + name
                  + ": no closing "
                  + quote
                  + "; value taken as is");
          values.put(name, rest);
          continue;
        }
        String inner = value.substring(0, close);
        values.put(name, quote == '"' ? inner.replace("\\n", "\n").replace("\\r", "\r") : inner);
      } else {
        int comment = rest.indexOf(" #");
        values.put(name, (comment < 0 ? rest : rest.substring(0, comment)).strip());
      }
    }
    return new Parsed(values, notes);
  }
}
