package dev.w9y.core.d1;

import dev.w9y.core.async.Promise;
import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One guest's handle on a D1 database ({@code env.DB}). D1 is remote: a request leaves through the
 * guest's output gate, travels the network (the topology's latency), runs at the database as an
 * event of its own ({@code d1.query}, by the database's actor {@code d1:<name>}), and its answer
 * travels back ({@code d1.reply}, by the guest) and reaches the guest through its input gate — or
 * never, if the guest crashed or restarted meanwhile.
 */
public final class D1Client {
  /** Most characters of SQL the trace quotes. */
  static final int TRACED_SQL_CHARS = 80;

  private final PlatformAccess access;
  private final D1Database database;

  D1Client(PlatformAccess access, D1Database database) {
    this.access = access;
    this.database = database;
  }

  /** The binding's database name. */
  public String databaseName() {
    return database.binding().databaseName();
  }

  /**
   * Sends one request: {@code queries} run in one transaction at the database. {@code op} names the
   * API call in the trace ({@code all}, {@code batch}, {@code exec}...). The promise always
   * resolves: a failure is a {@link D1Reply} with an error.
   */
  public Promise<D1Reply> send(String op, List<D1Query> queries) {
    PlatformAccess.Operation operation = access.operation();
    Promise.Deferred<D1Reply> reply = Promise.deferred();
    List<D1Query> copy = new ArrayList<>(queries);
    operation.emit(() -> travel(op, copy, operation, reply));
    return reply.promise();
  }

  private void travel(
      String op,
      List<D1Query> queries,
      PlatformAccess.Operation operation,
      Promise.Deferred<D1Reply> reply) {
    PlatformContext platform = access.platform();
    long slow = database.extraLatencyNanos();
    long there = platform.random("d1/latency").sampleNanos(platform.topology().latency()) + slow;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("database", databaseName());
    details.put("op", op);
    details.put("sql", traced(queries));
    if (queries.size() > 1) {
      details.put("statements", (long) queries.size());
    }
    details.put("service", access.serviceName());
    details.put("by", access.actor());
    platform.schedule(
        there,
        database.actor(),
        "d1.query",
        details,
        () -> {
          D1Database.Outcome outcome = database.run(queries, slow / 1_000_000);
          long back = platform.random("d1/latency").sampleNanos(platform.topology().latency());
          platform.schedule(
              back,
              access.actor(),
              "d1.reply",
              replyDetails(op, outcome),
              () -> operation.complete(() -> reply.resolve(outcome.reply())));
        });
  }

  private Map<String, Object> replyDetails(String op, D1Database.Outcome outcome) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("database", databaseName());
    details.put("op", op);
    D1Reply reply = outcome.reply();
    if (reply.succeeded()) {
      long rows = 0;
      long changes = 0;
      for (D1Result result : reply.results()) {
        rows += result.rows().size();
        changes += result.changes();
      }
      details.put("rows", rows);
      details.put("changes", changes);
    } else {
      details.put("error", reply.error());
      if (outcome.failedSql() != null) {
        // The statement and the service, for the report; the guest sees SQLite's message only.
        details.put("statement", traced(outcome.failedSql()));
        details.put("service", access.serviceName());
      }
    }
    return details;
  }

  private static String traced(List<D1Query> queries) {
    StringBuilder all = new StringBuilder();
    for (D1Query query : queries) {
      if (all.length() > 0) {
        all.append(" | ");
      }
      all.append(query.sql());
    }
    return traced(all.toString());
  }

  static String traced(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= TRACED_SQL_CHARS
        ? oneLine
        : oneLine.substring(0, TRACED_SQL_CHARS) + "...";
  }
}
