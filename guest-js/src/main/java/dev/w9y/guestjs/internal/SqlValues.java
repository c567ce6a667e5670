package dev.w9y.guestjs.internal;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * SQL values across the host↔guest bridge, shared by SQLite-backed objects (SqlBridge, prelude
 * sql.js) and D1 (D1Bridge, prelude d1.js). Values travel as a kinds string, one char per value —
 * {@code n} number, {@code s} string, {@code b} blob as a binary string, {@code 0} null — beside an
 * array of the values, so the prelude rebuilds them without a host object per cell.
 */
final class SqlValues {
  private SqlValues() {}

  /** Bound parameters from the prelude's {@code kinds} string and {@code values} array. */
  static List<Object> decode(String kinds, Value values) {
    List<Object> decoded = new ArrayList<>(kinds.length());
    for (int i = 0; i < kinds.length(); i++) {
      Value value = values.getArrayElement(i);
      decoded.add(
          switch (kinds.charAt(i)) {
            case 'n' -> value.asDouble();
            case 's' -> value.asString();
            case 'b' -> Wire.bytes(value.asString());
            default -> null;
          });
    }
    return decoded;
  }

  /** Result rows' cells, row after row: their kinds string and the cells as a guest array. */
  record Cells(String kinds, ProxyArray values) {}

  static Cells encode(List<Object[]> rows) {
    StringBuilder kinds = new StringBuilder();
    List<Object> cells = new ArrayList<>();
    for (Object[] row : rows) {
      for (Object cell : row) {
        if (cell == null) {
          kinds.append('0');
          cells.add(null);
        } else if (cell instanceof Number number) {
          // workerd: integers become doubles (not BigInt).
          kinds.append('n');
          cells.add(number.doubleValue());
        } else if (cell instanceof byte[] bytes) {
          kinds.append('b');
          cells.add(Wire.binary(bytes));
        } else {
          kinds.append('s');
          cells.add(cell.toString());
        }
      }
    }
    return new Cells(kinds.toString(), ProxyArray.fromList(cells));
  }
}
