package dev.w9y.core.guest;

import java.util.List;

/**
 * What one {@code sql.exec} returned, read to the end: the column names of its last statement, its
 * rows (each cell a {@code Long}, {@code Double}, {@code String}, {@code byte[]} or null, as SQLite
 * typed it), and the rows read and written by all its statements.
 */
public record SqlResult(
    List<String> columnNames, List<Object[]> rows, long rowsRead, long rowsWritten) {
  public SqlResult {
    columnNames = List.copyOf(columnNames);
    rows = List.copyOf(rows);
  }
}
