package dev.w9y.core.d1;

import java.util.List;

/**
 * D1's answer to one request: the results of its statements, or why it failed.
 *
 * @param results one result per statement (empty if the request failed)
 * @param error null if the request succeeded; else SQLite's or D1's message, as workerd words it
 *     without its {@code D1_ERROR: } prefix ({@code no such table: t: SQLITE_ERROR})
 * @param transport whether the error is the platform's (a failed or lost request) rather than the
 *     statement's: {@code exec} reports those as {@code D1_ERROR}, not {@code D1_EXEC_ERROR}
 * @param bookmark the database's bookmark after the request (sessions API), null if it failed
 */
public record D1Reply(List<D1Result> results, String error, boolean transport, String bookmark) {
  static D1Reply ok(List<D1Result> results, String bookmark) {
    return new D1Reply(results, null, false, bookmark);
  }

  static D1Reply failed(String error, boolean transport) {
    return new D1Reply(List.of(), error, transport, null);
  }

  public boolean succeeded() {
    return error == null;
  }
}
