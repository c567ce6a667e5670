package dev.w9y.core.d1;

import java.util.List;

/**
 * What one statement of a D1 request returned, with the {@code meta} D1 reports.
 *
 * @param columns the result's column names (duplicates kept)
 * @param rows the rows: {@code Long}, {@code Double}, {@code String}, {@code byte[]} or null cells
 * @param durationMs how long the statement took at the database, in virtual milliseconds
 * @param changes rows the statement changed ({@code total_changes()} before and after)
 * @param lastRowId SQLite's {@code last_insert_rowid()} afterwards
 * @param changedDb whether the statement changed the database (rows, last row id or size)
 * @param sizeAfter the database's size in bytes afterwards
 * @param rowsRead rows read, as W9Y counts them (see docs/JS-GUESTS.md)
 * @param rowsWritten rows written, as W9Y counts them
 */
public record D1Result(
    List<String> columns,
    List<Object[]> rows,
    long durationMs,
    long changes,
    long lastRowId,
    boolean changedDb,
    long sizeAfter,
    long rowsRead,
    long rowsWritten) {}
