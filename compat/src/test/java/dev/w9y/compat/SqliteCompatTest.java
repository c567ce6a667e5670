package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/** SQLite-backed durable objects (ctx.storage.sql and friends), in W9Y and in workerd. */
class SqliteCompatTest {
  private static final Probe SQL = Probe.ofResource("sqlite.js", "SQL", "Sql").sqlite();

  @Test
  void createInsertSelectAndTheCursorAnswerAsInWorkerd() {
    Differential.run(
            SQL.gets(
                "cursor",
                "create",
                "insert",
                "insertBlob",
                "selectAll",
                "selectRaw",
                "selectBlob",
                "iterate",
                "types",
                "oneRow",
                "multi"))
        .assertSame();
  }

  @Test
  void errorsCarrySqlitesMessagesAsInWorkerd() {
    Differential.run(
            SQL.gets(
                "errors",
                "create",
                "insert",
                "oneNone",
                "oneMany",
                "duplicate",
                "syntax",
                "noTable",
                "wrongBindings",
                "begin",
                "kvTable"))
        .assertSame();
  }

  @Test
  void transactionSyncAndTheKeyValueApisOnTheSameDatabaseAnswerAsInWorkerd() {
    Differential.run(
            SQL.gets("txn", "create", "txnRollback", "txnCommit", "kvAsync", "kvSync", "sizeGrows"))
        .assertSame();
  }

  @Test
  void bookmarksHaveWorkerdsFormatAndOrderAndArgumentChecks() {
    Differential.run(SQL.gets("bookmarks", "create", "bookmarks", "bookmarkBadArguments"))
        .assertSame();
  }
}
