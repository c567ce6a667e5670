package dev.w9y.guestjs.internal;

import dev.w9y.core.guest.DurableStorage;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.SqlResult;
import dev.w9y.core.guest.SqlStorage;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host functions behind {@code ctx.storage.sql}, {@code transactionSync} and {@code
 * ctx.storage.kv} of a SQLite-backed object (prelude: sql.js). Synchronous, as in workerd. A SQL
 * error comes back as its message (the prelude throws it as an {@code Error}), not as a host
 * exception, so the guest sees SQLite's words and nothing of Java.
 */
final class SqlBridge {
  private SqlBridge() {}

  static void define(SqlStorage sql, BiConsumer<String, ProxyExecutable> define) {
    // sqlExec(query, kinds, values) -> [error] or [null, names, kinds, cells, rowsRead,
    // rowsWritten]
    define.accept(
        "sqlExec",
        args -> {
          SqlResult result;
          try {
            result = sql.exec(args[0].asString(), SqlValues.decode(args[1].asString(), args[2]));
          } catch (GuestException e) {
            return ProxyArray.fromArray(e.getMessage());
          }
          return encode(result);
        });
    define.accept("sqlDatabaseSize", args -> (double) sql.databaseSize());
    define.accept("transactionSync", args -> sql.transactionSync(() -> args[0].execute()));
    define.accept(
        "kvGet",
        args -> {
          byte[] value = sql.kvGet(args[0].asString());
          return value == null ? null : Wire.binary(value);
        });
    define.accept(
        "kvPut",
        args -> {
          sql.kvPut(args[0].asString(), Wire.bytes(args[1].asString()));
          return null;
        });
    define.accept("kvDelete", args -> sql.kvDelete(args[0].asString()));
    define.accept(
        "kvList",
        args -> {
          DurableStorage.ListOptions options =
              new DurableStorage.ListOptions(
                  string(args[0]),
                  string(args[1]),
                  string(args[2]),
                  args[3].asBoolean(),
                  args[4].asInt());
          return HostBridge.entries(sql.kvList(options));
        });
  }

  private static String string(Value value) {
    return value.isNull() ? null : value.asString();
  }

  private static Object encode(SqlResult result) {
    SqlValues.Cells cells = SqlValues.encode(result.rows());
    return ProxyArray.fromArray(
        null,
        ProxyArray.fromArray(result.columnNames().toArray()),
        cells.kinds(),
        cells.values(),
        (double) result.rowsRead(),
        (double) result.rowsWritten());
  }
}
