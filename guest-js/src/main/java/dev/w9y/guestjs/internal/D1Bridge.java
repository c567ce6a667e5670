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
 * reject)}, whose queries are {@code [sql, kinds, values]} triples (kinds as SqlBridge's: one char
 * per value, n number, s string, b blob as a binary string, 0 null). The answer is {@code [error,
 * transport, bookmark, ...results]}, each result {@code [columns, kinds, cells, duration, changes,
 * lastRowId, changedDb, sizeAfter, rowsRead, rowsWritten]}.
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
                    params(query.getArrayElement(1).asString(), query.getArrayElement(2))));
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

  private static List<Object> params(String kinds, Value values) {
    List<Object> params = new ArrayList<>(kinds.length());
    for (int i = 0; i < kinds.length(); i++) {
      Value value = values.getArrayElement(i);
      params.add(
          switch (kinds.charAt(i)) {
            case 'n' -> value.asDouble();
            case 's' -> value.asString();
            case 'b' -> Wire.bytes(value.asString());
            default -> null;
          });
    }
    return params;
  }

  private static Object encode(D1Reply reply) {
    List<Object> parts = new ArrayList<>();
    parts.add(reply.error());
    parts.add(reply.transport());
    parts.add(reply.bookmark());
    for (D1Result result : reply.results()) {
      StringBuilder kinds = new StringBuilder();
      List<Object> cells = new ArrayList<>();
      for (Object[] row : result.rows()) {
        for (Object cell : row) {
          if (cell == null) {
            kinds.append('0');
            cells.add(null);
          } else if (cell instanceof Number number) {
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
      parts.add(
          ProxyArray.fromArray(
              ProxyArray.fromArray(result.columns().toArray()),
              kinds.toString(),
              ProxyArray.fromList(cells),
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
