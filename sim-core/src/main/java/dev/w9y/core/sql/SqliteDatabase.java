package dev.w9y.core.sql;

import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.SqlResult;
import dev.w9y.scheduler.RandomStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One durable object's SQLite database: real SQLite (the sqlite-jdbc driver), in memory, with its
 * clock and randomness taken from the simulation ({@link VirtualFunctions}). The durable copy is a
 * serialized image ({@link #image()}), taken at the point a write becomes durable and loaded again
 * ({@link #restore}) when the object restarts after a crash.
 *
 * <p>The key-value API of a SQLite-backed object lives in the same database, in workerd's table
 * {@code _cf_KV}, which the guest's SQL may not touch (names starting {@code _cf_} are reserved).
 */
public final class SqliteDatabase implements AutoCloseable {
  private static final Set<String> TRANSACTION_KEYWORDS =
      new TreeSet<>(List.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"));

  /** Statements that change the schema (or settings) without counting as changed rows. */
  private static final Set<String> SCHEMA_KEYWORDS =
      new TreeSet<>(List.of("CREATE", "DROP", "ALTER", "REINDEX", "VACUUM", "ANALYZE", "PRAGMA"));

  private static final String TRANSACTION_ERROR =
      "To execute a transaction, please use the state.storage.transaction() or"
          + " state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or"
          + " SAVEPOINT statements. The JavaScript API is safer because it will automatically roll"
          + " back on exceptions, and because it interacts correctly with Durable Objects'"
          + " automatic atomic write coalescing.";

  /**
   * workerd's limits on a SQLite database (measured in workerd 2026-04-26 and matching Cloudflare's
   * documented limits): a statement of at most 100,000 bytes, at most 100 bound parameters and 100
   * columns per table, strings and blobs of at most 2,200,000 bytes (Cloudflare documents 2 MB per
   * row; workerd refuses a value over 2,200,000 bytes with "string or blob too big").
   */
  public static final int MAX_STATEMENT_BYTES = 100_000;

  public static final int MAX_BOUND_PARAMETERS = 100;
  public static final int MAX_COLUMNS = 100;
  public static final int MAX_VALUE_BYTES = 2_200_000;

  private final RandomStream random;
  private final LongSupplier epochMillis;
  private SQLiteConnection connection;
  private SQLiteConnection plain;
  private boolean kvTable;
  private int transactionDepth;

  private SqliteDatabase(RandomStream random, LongSupplier epochMillis) {
    this.random = random;
    this.epochMillis = epochMillis;
  }

  /**
   * An empty database whose {@code random()} draws from {@code random} and whose {@code 'now'} is
   * {@code epochMillis}.
   */
  public static SqliteDatabase open(RandomStream random, LongSupplier epochMillis) {
    SqliteDatabase database = new SqliteDatabase(random, epochMillis);
    database.restore(null);
    return database;
  }

  // ---------------------------------------------------------------- SQL

  /** The result of {@link #exec}, and whether it changed the database. */
  public record Outcome(SqlResult result, boolean changed) {}

  /**
   * Runs the statements of {@code query}; bindings apply to the last one.
   *
   * @throws GuestException with the message workerd gives
   */
  public Outcome exec(String query, List<Object> bindings) {
    if (query.length() > MAX_STATEMENT_BYTES / 3
        && query.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_STATEMENT_BYTES) {
      // SQLite checks the length of the whole text workerd passes to prepare.
      throw new GuestException("statement too long: SQLITE_TOOBIG");
    }
    List<String> statements = SqlStatements.split(query);
    if (statements.isEmpty()) {
      return new Outcome(new SqlResult(List.of(), List.of(), 0, 0), false);
    }
    for (String statement : statements) {
      checkAllowed(statement);
    }
    long rowsRead = 0;
    long rowsWritten = 0;
    boolean changed = false;
    SqlResult last = null;
    current = 0;
    try {
      for (int i = 0; i < statements.size(); i++) {
        current = i;
        boolean isLast = i == statements.size() - 1;
        String statement = statements.get(i);
        long changesBefore = connection.getDatabase().total_changes();
        last = run(statement, isLast ? bindings : List.of(), statements.size() > 1);
        long written =
            rowsWritten(statement, connection.getDatabase().total_changes() - changesBefore);
        rowsRead += last.rowsRead();
        rowsWritten += written;
        changed |= written > 0 || SCHEMA_KEYWORDS.contains(SqlStatements.firstKeyword(statement));
      }
    } catch (SQLException e) {
      throw guestError(e, statements.get(current));
    }
    return new Outcome(
        new SqlResult(last.columnNames(), last.rows(), rowsRead, rowsWritten), changed);
  }

  /** The statement of the running exec that is executing (for error offsets). */
  private int current;

  /** A single-table write: its table, to count the index rows it also wrote. */
  private static final java.util.regex.Pattern WRITE_TARGET =
      java.util.regex.Pattern.compile(
          "^\\s*(?:INSERT|REPLACE|DELETE)\\s+(?:OR\\s+\\w+\\s+)?(?:INTO|FROM)\\s+"
              + "(?:\"([^\"]+)\"|`([^`]+)`|\\[([^\\]]+)\\]|([\\w$]+))",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Rows written as workerd counts them: every row an INSERT or DELETE changed also writes one row
   * in each of its table's indexes. (UPDATEs count changed rows only; see docs/JS-GUESTS.md.)
   */
  private long rowsWritten(String statement, long changed) throws SQLException {
    if (changed == 0) {
      return 0;
    }
    java.util.regex.Matcher target = WRITE_TARGET.matcher(statement);
    if (!target.find()) {
      return changed;
    }
    String table = null;
    for (int g = 1; g <= 4 && table == null; g++) {
      table = target.group(g);
    }
    try (PreparedStatement indexes =
        connection.prepareStatement("SELECT count(*) FROM pragma_index_list(?)")) {
      indexes.setString(1, table);
      try (ResultSet rows = indexes.executeQuery()) {
        return changed * (1 + (rows.next() ? rows.getLong(1) : 0));
      }
    }
  }

  private SqlResult run(String statement, List<Object> bindings, boolean several)
      throws SQLException {
    try (PreparedStatement prepared = connection.prepareStatement(statement)) {
      int parameters = prepared.getParameterMetaData().getParameterCount();
      if (parameters != bindings.size()) {
        if (several && !bindings.isEmpty()) {
          throw new GuestException(
              "When executing multiple SQL statements in a single call, only the last statement"
                  + " can have parameters.");
        }
        throw new GuestException("Wrong number of parameter bindings for SQL query.");
      }
      for (int i = 0; i < bindings.size(); i++) {
        bind(prepared, i + 1, bindings.get(i));
      }
      List<String> names = new ArrayList<>();
      List<Object[]> rows = new ArrayList<>();
      if (prepared.execute()) {
        try (ResultSet results = prepared.getResultSet()) {
          ResultSetMetaData meta = results.getMetaData();
          int columns = meta.getColumnCount();
          for (int c = 1; c <= columns; c++) {
            names.add(meta.getColumnLabel(c));
          }
          while (results.next()) {
            Object[] row = new Object[columns];
            for (int c = 0; c < columns; c++) {
              Object value = results.getObject(c + 1);
              row[c] = value instanceof Integer small ? Long.valueOf(small) : value;
            }
            rows.add(row);
          }
        }
      }
      return new SqlResult(names, rows, rows.size(), 0);
    }
  }

  private static void bind(PreparedStatement prepared, int index, Object value)
      throws SQLException {
    if (value == null) {
      prepared.setNull(index, java.sql.Types.NULL);
    } else if (value instanceof Double number) {
      prepared.setDouble(index, number); // workerd binds every number as a double
    } else if (value instanceof Long number) {
      prepared.setLong(index, number);
    } else if (value instanceof String text) {
      prepared.setString(index, text);
    } else if (value instanceof byte[] bytes) {
      prepared.setBytes(index, bytes);
    } else {
      throw new GuestException("unsupported SQL binding of type " + value.getClass().getName());
    }
  }

  private void checkAllowed(String statement) {
    if (TRANSACTION_KEYWORDS.contains(SqlStatements.firstKeyword(statement))) {
      throw new GuestException(TRANSACTION_ERROR);
    }
    if (kvTable && SqlStatements.mentionsReservedName(statement)) {
      // workerd's authorizer refuses the names starting _cf_ to the guest's SQL (before the
      // key-value API made its table, SQLite itself answers "no such table").
      throw new GuestException("not authorized: SQLITE_AUTH");
    }
  }

  /**
   * As {@link #guestError(SQLException)}, with the offset workerd adds to a syntax error ({@code
   * near "SELEC": syntax error at offset 0: SQLITE_ERROR}); the driver cannot ask SQLite for it, so
   * it is where the quoted token first appears in the statement.
   */
  private static GuestException guestError(SQLException e, String statement) {
    GuestException plain = guestError(e);
    Integer variable = variableErrorOffset(plain.getMessage(), statement);
    if (variable != null) {
      String message = plain.getMessage();
      int colon = message.lastIndexOf(": SQLITE_");
      return new GuestException(
          message.substring(0, colon) + " at offset " + variable + message.substring(colon));
    }
    java.util.regex.Matcher near =
        java.util.regex.Pattern.compile("^near \"(.*)\": syntax error(: .*)$")
            .matcher(plain.getMessage());
    if (near.matches() && statement.indexOf(near.group(1)) >= 0) {
      return new GuestException(
          "near \""
              + near.group(1)
              + "\": syntax error at offset "
              + statement.indexOf(near.group(1))
              + near.group(2));
    }
    return plain;
  }

  /**
   * Where SQLite's tokenizer stopped for "too many SQL variables" (the first parameter over the
   * limit) and "variable number must be between ?1 and ?100" (the offending parameter), which
   * workerd adds as {@code at offset N}; null for other messages.
   */
  private static Integer variableErrorOffset(String message, String statement) {
    boolean tooMany = message.startsWith("too many SQL variables:");
    boolean badNumber = message.startsWith("variable number must be between");
    if (!tooMany && !badNumber) {
      return null;
    }
    int count = 0;
    int i = 0;
    int n = statement.length();
    while (i < n) {
      char c = statement.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = statement.indexOf(c, i + 1);
        i = end < 0 ? n : end + 1;
      } else if (c == '?' || c == ':' || c == '@' || c == '$') {
        int end = i + 1;
        while (end < n && Character.isLetterOrDigit(statement.charAt(end))) {
          end++;
        }
        count++;
        if (tooMany && count > MAX_BOUND_PARAMETERS) {
          return i;
        }
        if (badNumber && c == '?' && end > i + 1) {
          long number = Long.parseLong(statement.substring(i + 1, Math.min(end, i + 19)));
          if (number < 1 || number > MAX_BOUND_PARAMETERS) {
            return i;
          }
        }
        i = end;
      } else {
        i++;
      }
    }
    return null;
  }

  /** SQLite's message as workerd shows it: {@code no such table: foo: SQLITE_ERROR}. */
  private static GuestException guestError(SQLException e) {
    if (e instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      String message = sqlite.getMessage();
      // The driver writes "[NAME] description (sqlite3_errmsg)"; keep sqlite3_errmsg.
      String prefix = "[" + code.name() + "] " + code.message + " (";
      if (message.startsWith(prefix) && message.endsWith(")")) {
        message = message.substring(prefix.length(), message.length() - 1);
      }
      String primary = primaryName(code);
      // workerd names an extended code too: "...: SQLITE_CONSTRAINT (extended:
      // SQLITE_CONSTRAINT_UNIQUE)"
      String extended = primary.equals(code.name()) ? "" : " (extended: " + code.name() + ")";
      return new GuestException(message + ": " + primary + extended);
    }
    return new GuestException(e.getMessage() + ": SQLITE_ERROR");
  }

  /** SQLITE_CONSTRAINT for SQLITE_CONSTRAINT_UNIQUE and the like, as workerd names codes. */
  private static String primaryName(SQLiteErrorCode code) {
    for (SQLiteErrorCode candidate : SQLiteErrorCode.values()) {
      if (candidate.code == (code.code & 0xFF)) {
        return candidate.name();
      }
    }
    return code.name();
  }

  /** SQLite's {@code total_changes()}: rows changed since the database was opened or restored. */
  public long totalChanges() {
    try {
      return connection.getDatabase().total_changes();
    } catch (SQLException e) {
      throw guestError(e);
    }
  }

  /** SQLite's {@code last_insert_rowid()} of this connection. */
  public long lastInsertRowId() {
    return longQuery("SELECT last_insert_rowid()");
  }

  /** Bytes in use: pages not on the free list times the page size (workerd's databaseSize). */
  public long size() {
    return longQuery(
        "select ((select * from pragma_page_count) - (select * from pragma_freelist_count))"
            + " * (select * from pragma_page_size)");
  }

  // ---------------------------------------------------------------- transactions

  /** Opens a (nested) transaction for {@code transactionSync}. */
  public void begin() {
    execute("SAVEPOINT _cf_sync_" + (++transactionDepth));
  }

  public void commit() {
    execute("RELEASE _cf_sync_" + (transactionDepth--));
  }

  public void rollback() {
    String name = "_cf_sync_" + (transactionDepth--);
    execute("ROLLBACK TO " + name);
    execute("RELEASE " + name);
    refreshKvTable(); // the rollback may have undone its creation
  }

  public boolean inTransaction() {
    return transactionDepth > 0;
  }

  // ---------------------------------------------------------------- key-value (_cf_KV)

  public byte[] kvGet(String key) {
    if (!kvTable) {
      return null;
    }
    try (PreparedStatement get =
        connection.prepareStatement("SELECT value FROM _cf_KV WHERE key = ?")) {
      get.setString(1, key);
      try (ResultSet rows = get.executeQuery()) {
        return rows.next() ? rows.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw guestError(e);
    }
  }

  /** Every key and value, in Java string order (the order the key-value API lists in). */
  public TreeMap<String, byte[]> kvAll() {
    TreeMap<String, byte[]> all = new TreeMap<>();
    if (!kvTable) {
      return all;
    }
    try (Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT key, value FROM _cf_KV")) {
      while (rows.next()) {
        all.put(rows.getString(1), rows.getBytes(2));
      }
    } catch (SQLException e) {
      throw guestError(e);
    }
    return all;
  }

  /** Clears the table first if asked, then writes each change (a null value deletes the key). */
  public void kvApply(boolean deleteAll, Map<String, byte[]> changes) {
    if (deleteAll && kvTable) {
      execute("DELETE FROM _cf_KV");
    }
    if (changes.isEmpty()) {
      return;
    }
    if (!kvTable) {
      // workerd creates the table on the first write, so a database without KV use has none.
      execute("CREATE TABLE IF NOT EXISTS _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID");
      kvTable = true;
    }
    try (PreparedStatement put =
            connection.prepareStatement("INSERT OR REPLACE INTO _cf_KV VALUES (?, ?)");
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM _cf_KV WHERE key = ?")) {
      for (Map.Entry<String, byte[]> change : changes.entrySet()) {
        if (change.getValue() == null) {
          delete.setString(1, change.getKey());
          delete.executeUpdate();
        } else {
          put.setString(1, change.getKey());
          put.setBytes(2, change.getValue());
          put.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw guestError(e);
    }
  }

  /** Deletes every table, index, view and trigger ({@code deleteAll()} of a SQLite object). */
  public void clear() {
    List<String> drops = new ArrayList<>();
    try (Statement select = connection.createStatement();
        ResultSet rows =
            select.executeQuery(
                "SELECT type, name FROM sqlite_schema WHERE type IN ('table','view')"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY rowid DESC")) {
      while (rows.next()) {
        drops.add(
            "DROP "
                + rows.getString(1)
                + " IF EXISTS \""
                + rows.getString(2).replace("\"", "\"\"")
                + "\"");
      }
    } catch (SQLException e) {
      throw guestError(e);
    }
    execute("PRAGMA foreign_keys = OFF");
    drops.forEach(this::execute);
    execute("PRAGMA foreign_keys = ON");
    kvTable = false;
  }

  // ---------------------------------------------------------------- durability

  /** The whole database as bytes (SQLite's serialize), for the durable copy. */
  public byte[] image() {
    if (transactionDepth > 0) {
      throw new IllegalStateException("image of a database inside a transaction");
    }
    try {
      return connection.serialize("main");
    } catch (SQLException e) {
      throw new IllegalStateException("serializing the database failed: " + e.getMessage(), e);
    }
  }

  /** Replaces the database by {@code image} (an empty database if null): the object restarts. */
  public void restore(byte[] image) {
    close();
    try {
      connection = connect();
      plain = connect();
      VirtualFunctions.install(connection, plain, random, epochMillis);
      if (image != null) {
        connection.deserialize("main", image.clone());
      }
      // workerd's defaults: foreign keys enforced.
      execute("PRAGMA foreign_keys = ON");
      refreshKvTable();
      transactionDepth = 0;
    } catch (SQLException e) {
      throw new IllegalStateException("opening an in-memory SQLite database failed", e);
    }
  }

  private void refreshKvTable() {
    kvTable =
        longQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_cf_KV'")
            > 0;
  }

  @Override
  public void close() {
    for (Connection open : new Connection[] {connection, plain}) {
      if (open != null) {
        try {
          open.close();
        } catch (SQLException e) {
          // Closing an in-memory database frees memory only; nothing to report.
        }
      }
    }
    connection = null;
    plain = null;
  }

  private static SQLiteConnection connect() throws SQLException {
    SQLiteConnection connection =
        (SQLiteConnection)
            org.sqlite.JDBC.createConnection("jdbc:sqlite::memory:", new Properties());
    connection.setLimit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH, MAX_STATEMENT_BYTES);
    connection.setLimit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_VARIABLE_NUMBER, MAX_BOUND_PARAMETERS);
    connection.setLimit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_COLUMN, MAX_COLUMNS);
    connection.setLimit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
    return connection;
  }

  private void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw guestError(e);
    }
  }

  private long longQuery(String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw guestError(e);
    }
  }
}
