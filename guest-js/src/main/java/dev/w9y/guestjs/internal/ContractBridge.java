package dev.w9y.guestjs.internal;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host functions behind {@code w9y.contract(service)} (prelude: contracts.js): a message or
 * value the guest holds is checked on the host by the service's compiled contract, the one the
 * network checks use, so there is no second validator in JavaScript. Each answers [error text] when
 * the service has no contract, else [null, then kind, operation, pointer, expected, actual for each
 * violation]; the prelude throws the TypeError. Pure functions of their arguments: nothing is
 * recorded and no event is scheduled.
 */
final class ContractBridge {
  private ContractBridge() {}

  static void define(ServiceHost host, BiConsumer<String, ProxyExecutable> define) {
    // contractProblem(service): why w9y.contract(service) cannot be had, or null
    define.accept(
        "contractProblem",
        args -> {
          try {
            host.contract(args[0].asString());
            return null;
          } catch (GuestException e) {
            return e.getMessage();
          }
        });
    // contractRequest(service, [method, url, headers, body])
    define.accept(
        "contractRequest",
        args ->
            check(
                host,
                args[0].asString(),
                contract -> contract.checkRequest(Wire.request(args[1]))));
    // contractResponse(service, method, url, [status, headers, body])
    define.accept(
        "contractResponse",
        args ->
            check(
                host,
                args[0].asString(),
                contract ->
                    contract.checkResponse(
                        new Request(
                            args[1].asString(), args[2].asString(), Headers.EMPTY, Body.EMPTY),
                        Wire.response(args[3]))));
    // contractValue(service, operation, status (0: the request body), JSON text)
    define.accept(
        "contractValue",
        args ->
            check(
                host,
                args[0].asString(),
                contract ->
                    contract.checkBody(
                        args[1].asString(), args[2].asInt(), Body.ofText(args[3].asString()))));
  }

  private interface Check {
    List<ContractViolation> run(Contract contract);
  }

  private static Object check(ServiceHost host, String service, Check check) {
    Contract contract;
    try {
      contract = host.contract(service);
    } catch (GuestException e) {
      return ProxyArray.fromArray(e.getMessage());
    }
    List<Object> flat = new ArrayList<>();
    flat.add(null);
    for (ContractViolation violation : check.run(contract)) {
      flat.add(violation.kind());
      flat.add(violation.operation());
      flat.add(violation.pointer());
      flat.add(violation.expected());
      flat.add(violation.actual());
    }
    return ProxyArray.fromList(flat);
  }
}
