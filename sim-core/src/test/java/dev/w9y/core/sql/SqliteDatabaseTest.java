package dev.w9y.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.SqlResult;
import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SqliteDatabaseTest {
  private static final long EPOCH = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static SqliteDatabase open(long seed) {
    return SqliteDatabase.open(RandomStream.root(seed).child("sql"), () -> EPOCH + 1234);
  }

  private static List<List<Object>> rows(SqlResult result) {
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] row : result.rows()) {
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  @Test
  void createInsertSelectWithTypes() {
    try (SqliteDatabase db = open(1)) {
      SqliteDatabase.Outcome created =
          db.exec(
              "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)",
              List.of());
      assertThat(created.changed()).isTrue();
      SqliteDatabase.Outcome inserted =
          db.exec(
              "INSERT INTO t (name, score, data) VALUES (?, ?, ?), ('b', 2.5, NULL)",
              Arrays.asList("a", 1.0, new byte[] {1, 2}));
      assertThat(inserted.changed()).isTrue();
      assertThat(inserted.result().rowsWritten()).isEqualTo(2);
      SqlResult selected =
          db.exec("SELECT id, name, score, data FROM t ORDER BY id", List.of()).result();
      assertThat(selected.columnNames()).containsExactly("id", "name", "score", "data");
      assertThat(selected.rows()).hasSize(2);
      assertThat(selected.rows().get(0)[0]).isEqualTo(1L);
      assertThat(selected.rows().get(0)[2]).isEqualTo(1.0);
      assertThat((byte[]) selected.rows().get(0)[3]).containsExactly(1, 2);
      assertThat(selected.rows().get(1)[3]).isNull();
      assertThat(db.exec("SELECT * FROM t", List.of()).changed()).isFalse();
    }
  }

  @Test
  void errorsReadAsWorkerdShowsThem() {
    try (SqliteDatabase db = open(1)) {
      assertThatThrownBy(() -> db.exec("SELECT * FROM foo", List.of()))
          .isInstanceOf(GuestException.class)
          .hasMessage("no such table: foo: SQLITE_ERROR");
      assertThatThrownBy(() -> db.exec("SELEC 1", List.of()))
          .hasMessage("near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
      db.exec("CREATE TABLE u (k TEXT PRIMARY KEY)", List.of());
      db.exec("INSERT INTO u VALUES ('x')", List.of());
      assertThatThrownBy(() -> db.exec("INSERT INTO u VALUES ('x')", List.of()))
          .hasMessage(
              "UNIQUE constraint failed: u.k: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)");
      assertThatThrownBy(() -> db.exec("SELECT ?", List.of()))
          .hasMessage("Wrong number of parameter bindings for SQL query.");
      assertThatThrownBy(() -> db.exec("BEGIN TRANSACTION", List.of()))
          .hasMessageStartingWith("To execute a transaction, please use");
      assertThatThrownBy(() -> db.exec("SELECT * FROM _cf_KV", List.of()))
          .hasMessage("no such table: _cf_KV: SQLITE_ERROR"); // as workerd before any KV write
      TreeMap<String, byte[]> kv = new TreeMap<>();
      kv.put("k", new byte[] {1});
      db.kvApply(false, kv);
      assertThatThrownBy(() -> db.exec("SELECT * FROM _cf_KV", List.of()))
          .hasMessage("not authorized: SQLITE_AUTH");
      db.exec("CREATE TABLE w (a UNIQUE, b)", List.of());
      assertThat(db.exec("INSERT INTO w VALUES (1, 2)", List.of()).result().rowsWritten())
          .as("the row and its unique index's row, as workerd counts")
          .isEqualTo(2);
    }
  }

  @Test
  void severalStatementsRunInOrderAndTheLastIsTheResult() {
    try (SqliteDatabase db = open(1)) {
      SqlResult result =
          db.exec(
                  "CREATE TABLE a (x); INSERT INTO a VALUES (';'); -- a; comment\n"
                      + "CREATE TRIGGER tr AFTER INSERT ON a BEGIN INSERT INTO a VALUES ('t'); END;"
                      + " SELECT count(*) AS n FROM a",
                  List.of())
              .result();
      assertThat(rows(result)).containsExactly(List.of(1L));
    }
  }

  @Test
  void randomAndNowComeFromTheSimulation() {
    String sql =
        "SELECT random() AS r, hex(randomblob(12)) AS b, datetime('now') AS d,"
            + " CURRENT_TIMESTAMP AS c, unixepoch() AS u, strftime('%Y', 'now') AS y,"
            + " datetime('now', 'localtime') AS l, date('2020-02-03', '+1 day') AS plain,"
            + " unixepoch('subsec') AS s, timediff('now', '2025-12-31') AS t";
    List<List<Object>> first;
    try (SqliteDatabase db = open(7)) {
      first = rows(db.exec(sql, List.of()).result());
    }
    try (SqliteDatabase db = open(7)) {
      assertThat(rows(db.exec(sql, List.of()).result())).isEqualTo(first);
    }
    try (SqliteDatabase db = open(8)) {
      assertThat(rows(db.exec(sql, List.of()).result()).get(0).get(0))
          .isNotEqualTo(first.get(0).get(0));
    }
    assertThat(first.get(0).subList(2, 10))
        .containsExactly(
            "2026-01-01 00:00:01",
            "2026-01-01 00:00:01",
            1_767_225_601L,
            "2026",
            "2026-01-01 00:00:01",
            "2020-02-04",
            1_767_225_601.234,
            "+0000-00-01 00:00:01.234");
  }

  @Test
  void imageRestoresTheDatabaseAndKeyValueTable() {
    try (SqliteDatabase db = open(1)) {
      db.exec("CREATE TABLE t (v)", List.of());
      db.exec("INSERT INTO t VALUES (1)", List.of());
      TreeMap<String, byte[]> kv = new TreeMap<>();
      kv.put("k", new byte[] {9});
      db.kvApply(false, kv);
      byte[] image = db.image();
      db.exec("INSERT INTO t VALUES (2)", List.of());
      db.kvApply(true, new TreeMap<>());
      db.restore(image);
      assertThat(rows(db.exec("SELECT v FROM t", List.of()).result())).containsExactly(List.of(1L));
      assertThat(db.kvGet("k")).containsExactly(9);
      db.exec("INSERT INTO t VALUES (3)", List.of()); // a restored database is writable
      db.restore(null);
      assertThatThrownBy(() -> db.exec("SELECT v FROM t", List.of()))
          .hasMessage("no such table: t: SQLITE_ERROR");
    }
  }

  @Test
  void transactionRollsBackSqlAndKeyValueWrites() {
    try (SqliteDatabase db = open(1)) {
      db.exec("CREATE TABLE t (v)", List.of());
      db.begin();
      db.exec("INSERT INTO t VALUES (1)", List.of());
      TreeMap<String, byte[]> kv = new TreeMap<>();
      kv.put("k", new byte[] {1});
      db.kvApply(false, kv);
      db.rollback();
      assertThat(db.exec("SELECT * FROM t", List.of()).result().rows()).isEmpty();
      assertThat(db.kvGet("k")).isNull();
      assertThat(db.size()).isPositive();
    }
  }

  @Test
  void statementsOverWorkerdsLimitsAreRefusedWithSqlitesWords() {
    try (SqliteDatabase db = open(1)) {
      assertThatThrownBy(() -> db.exec("SELECT '" + "x".repeat(100_001) + "'", List.of()))
          .hasMessage("statement too long: SQLITE_TOOBIG");
      assertThat(db.exec("SELECT '" + "x".repeat(99_980) + "' AS v", List.of()).result().rows())
          .hasSize(1);
      List<Object> many = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        many.add(1.0);
      }
      String params = "?,".repeat(100) + "?";
      assertThatThrownBy(() -> db.exec("SELECT " + params, many))
          .hasMessage("too many SQL variables at offset 207: SQLITE_ERROR");
      assertThatThrownBy(() -> db.exec("SELECT ?101 AS a", List.of()))
          .hasMessage("variable number must be between ?1 and ?100 at offset 7: SQLITE_ERROR");
      StringBuilder columns = new StringBuilder();
      for (int i = 0; i <= 100; i++) {
        columns.append(i == 0 ? "" : ",").append('c').append(i);
      }
      assertThatThrownBy(() -> db.exec("CREATE TABLE wide (" + columns + ")", List.of()))
          .hasMessage("too many columns on wide: SQLITE_ERROR");
      assertThat(
              db.exec("SELECT length(zeroblob(2200000)) AS v", List.of()).result().rows().get(0)[0])
          .isEqualTo(2_200_000L);
      assertThatThrownBy(() -> db.exec("SELECT length(zeroblob(2200001))", List.of()))
          .hasMessage("string or blob too big: SQLITE_TOOBIG");
    }
  }

  @Test
  void bookmarksHaveWorkerdsFormatAndParseBack() {
    assertThat(Bookmarks.format(3))
        .isEqualTo("00000000-00000003-00000000-00000000000000000000000000000000");
    assertThat(Bookmarks.parse(Bookmarks.format(0x1234))).isEqualTo(0x1234);
    assertThat(Bookmarks.parse("nonsense")).isEqualTo(-1);
    assertThat(Bookmarks.parse("0000007b-0000b26e-00001538-0c3e87bb37b3db5cc52eedb93cd3b96b"))
        .isEqualTo(-1);
    assertThat(Bookmarks.format(9).compareTo(Bookmarks.format(10))).isNegative();
  }
}
