package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import dev.w9y.scheduler.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small plain-Java system used by the sim-core tests: a public gateway, a private accounts
 * service (balances in memory) and a private ledger (an append-only log in memory).
 *
 * <pre>
 * workload -> gateway  --env.ACCOUNTS-->  accounts  --http://ledger/append-->  ledger
 * </pre>
 */
final class ThreeServices {
  private ThreeServices() {}

  static Topology topology() {
    return topology(Topology.DEFAULT_LATENCY);
  }

  static Topology topology(Distribution latency) {
    return Topology.builder()
        .latency(latency)
        .service(
            ServiceSpec.of("gateway", JavaGuest.of("Gateway", Gateway::new))
                .asPublic()
                .withBinding("ACCOUNTS", "accounts"))
        .service(ServiceSpec.of("accounts", JavaGuest.of("Accounts", Accounts::new)))
        .service(ServiceSpec.of("ledger", JavaGuest.of("Ledger", Ledger::new)))
        .build();
  }

  /** Forwards everything to the accounts service through its binding. */
  static final class Gateway implements JavaService {
    int forwarded;

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      forwarded++;
      String path = request.parsedUrl().pathAndQuery();
      return host.fetchBinding("ACCOUNTS", request.withUrl("http://accounts" + path));
    }
  }

  /** Balances in memory; a transfer is logged in the ledger before it is applied. */
  static final class Accounts implements JavaService {
    final Map<String, Long> balances = new LinkedHashMap<>();

    Accounts() {
      balances.put("alice", 100L);
      balances.put("bob", 100L);
    }

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      Map<String, String> query = query(request);
      String path = request.parsedUrl().path();
      if (path.equals("/balance")) {
        return Promise.resolved(Response.ok(String.valueOf(balances.get(query.get("account")))));
      }
      if (path.equals("/transfer")) {
        String from = query.get("from");
        String to = query.get("to");
        long amount = Long.parseLong(query.get("amount"));
        return host.fetch(Request.post("http://ledger/append", from + "->" + to + ":" + amount))
            .then(
                logged -> {
                  balances.merge(from, -amount, Long::sum);
                  balances.merge(to, amount, Long::sum);
                  host.sometimes("transfer applied", true);
                  return Response.ok("ok");
                });
      }
      return Promise.resolved(Response.text(404, "no such path"));
    }
  }

  /** An append-only log. */
  static final class Ledger implements JavaService {
    final List<String> entries = new ArrayList<>();

    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      entries.add(request.body().text());
      host.log("info", "appended " + request.body().text());
      return Promise.resolved(Response.status(204));
    }
  }

  static Map<String, String> query(Request request) {
    Map<String, String> values = new LinkedHashMap<>();
    String pathAndQuery = request.parsedUrl().pathAndQuery();
    int mark = pathAndQuery.indexOf('?');
    if (mark >= 0) {
      for (String pair : pathAndQuery.substring(mark + 1).split("&")) {
        int equals = pair.indexOf('=');
        values.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
    return values;
  }
}
