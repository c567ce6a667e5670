package dev.w9y.guestjs.internal;

import dev.w9y.core.d1.D1Client;
import dev.w9y.core.d1.D1Query;
import dev.w9y.core.d1.D1Reply;
import dev.w9y.core.d1.D1Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host side of a D1 binding (prelude: d1.js): one function, {@code send(op, queries, resolve,
 * reject)}, whose queries are {@code [sql, kinds, values]} triples (values as SqlValues encodes
 * them). The answer is {@code [error, transport, bookmark, ...results]}, each result {@code
 * [columns, kinds, cells, duration, changes, lastRowId, changedDb, sizeAfter, rowsRead,
 * rowsWritten]}.
 */
final class D1Bridge implements PlatformBridge {
  @Override
  public String kind() {
    return "d1";
  }

  @Override
  public void define(
      Object handle, JsInstance instance, BiConsumer<String, ProxyExecutable> define) {
    D1Client client = (D1Client) handle;
    define.accept(
        "send",
        args -> {
          String op = args[0].asString();
          Value queries = args[1];
          List<D1Query> list = new ArrayList<>();
          for (long i = 0; i < queries.getArraySize(); i++) {
            Value query = queries.getArrayElement(i);
            list.add(
                new D1Query(
                    query.getArrayElement(0).asString(),
                    SqlValues.decode(
                        query.getArrayElement(1).asString(), query.getArrayElement(2))));
          }
          instance.settleLater(
              "env." + client.databaseName() + "." + op,
              client.send(op, list),
              args[2],
              args[3],
              D1Bridge::encode);
          return null;
        });
  }

  private static Object encode(D1Reply reply) {
    List<Object> parts = new ArrayList<>();
    parts.add(reply.error());
    parts.add(reply.transport());
    parts.add(reply.bookmark());
    for (D1Result result : reply.results()) {
      SqlValues.Cells cells = SqlValues.encode(result.rows());
      parts.add(
          ProxyArray.fromArray(
              ProxyArray.fromArray(result.columns().toArray()),
              cells.kinds(),
              cells.values(),
              (double) result.durationMs(),
              (double) result.changes(),
              (double) result.lastRowId(),
              result.changedDb(),
              (double) result.sizeAfter(),
              (double) result.rowsRead(),
              (double) result.rowsWritten()));
    }
    return ProxyArray.fromList(parts);
  }
}
