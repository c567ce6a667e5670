package dev.w9y.core;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Response;
import dev.w9y.core.network.Message;
import dev.w9y.core.rpc.RpcEnvelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world's contract checks: each request delivered to a service with a contract and each
 * response it sends is checked, each violation is a {@code contract.violation} trace record, and in
 * {@link ContractMode#ENFORCE} the first one fails the run at the end of its event. Durable objects
 * and JS RPC calls are not HTTP operations of the service and are not checked.
 */
final class ContractChecks {
  private final World world;
  private final ContractMode mode;
  // Looked up by name only, never iterated into the trace.
  private final Map<String, Contract> byService = new LinkedHashMap<>();
  // External hosts by service name: their violations name the host, not an instance.
  private final Map<String, String> externalHosts = new LinkedHashMap<>();
  private long violations;
  // Near misses of a contract-driven workload: message ids whose exchange is not checked.
  private final java.util.Set<String> exempt = new java.util.TreeSet<>();

  ContractChecks(World world, Topology topology, ContractMode mode) {
    this.world = world;
    this.mode = mode;
    if (mode != ContractMode.OFF) {
      for (ServiceSpec spec : topology.services()) {
        if (spec.contract() != null) {
          byService.put(spec.name(), spec.contract());
        }
        if (spec.code() instanceof ExternalHost external) {
          externalHosts.put(spec.name(), external.host());
        }
      }
    }
  }

  /** Whether any contract is checked in this run (else the trace is as without contracts). */
  boolean isActive() {
    return !byService.isEmpty();
  }

  long violations() {
    return violations;
  }

  /**
   * The exchange {@code messageId} breaks its receiver's contract on purpose (a contract-driven
   * workload's near miss): neither its request nor its response is checked here.
   */
  void exempt(String messageId) {
    exempt.add(messageId);
  }

  /** A request was just delivered to {@code message.to()}. */
  void requestDelivered(Message message) {
    Contract contract = contractFor(message);
    if (contract != null) {
      report(
          message,
          "request",
          message.from(),
          message.to(),
          contract.checkRequest(message.request()));
    }
  }

  /** {@code server} (an instance of {@code message.to()}) sent {@code response}. */
  void responseSent(Message message, String server, Response response) {
    Contract contract = contractFor(message);
    if (contract != null && !RpcEnvelope.isAnswer(response)) {
      report(
          message,
          "response",
          server,
          message.from(),
          contract.checkResponse(message.request(), response));
    }
  }

  /**
   * The response an injected HTTP fault delivers instead of the service's: the error the contract
   * declares for it when there is one (keeping the fault's own headers such as Retry-After), else
   * the fault's as it was.
   */
  Response typedFault(Message message, Response injected) {
    Contract contract = contractFor(message);
    if (contract == null) {
      return injected;
    }
    Response declared = contract.declaredError(message.request(), injected.status());
    if (declared == null) {
      return injected;
    }
    Headers headers = declared.headers();
    for (Headers.Entry entry : injected.headers().entries()) {
      if (!headers.has(entry.name())) {
        headers = headers.with(entry.name(), entry.value());
      }
    }
    return new Response(declared.status(), headers, declared.body());
  }

  private Contract contractFor(Message message) {
    if (byService.isEmpty()
        || RpcEnvelope.method(message.request()).isPresent()
        || exempt.contains(message.id())) {
      return null;
    }
    return byService.get(message.to());
  }

  private void report(
      Message message,
      String direction,
      String sender,
      String receiver,
      List<ContractViolation> found) {
    String actor = direction.equals("request") ? receiver : sender;
    // An external host has no instances the user knows of: violations name its host.
    String host = externalHosts.get(message.to());
    String from = host != null && direction.equals("response") ? host : sender;
    String to = host != null && direction.equals("request") ? host : receiver;
    for (ContractViolation violation : found) {
      violations++;
      world.record(
          actor,
          "contract.violation",
          World.details(
              "id", message.id(),
              "service", message.to(),
              "direction", direction,
              "from", from,
              "to", to,
              "violation", violation.kind(),
              "operation", violation.operation(),
              "pointer", violation.pointer(),
              "expected", violation.expected(),
              "actual", violation.actual()));
      if (mode == ContractMode.ENFORCE) {
        world.failContract(message.to(), direction, from, to, violation);
      }
    }
  }
}
