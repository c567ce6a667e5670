package dev.w9y.core;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.contract.GeneratedRequest;
import dev.w9y.core.contract.RequestGenerator;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A workload generated from a public service's contract ({@link Workloads#fromContract}): requests
 * to its operations (each operation once first, then at random), every draw from the run's seeded
 * stream {@code workload/contract/<service>}. Most are valid — generated from the declared schemas,
 * often at their boundaries — and some are near misses, valid but for exactly one thing ({@link
 * RequestGenerator#nearMiss}). What fails the seed, as a {@code workload} check quoting the request
 * and the response:
 *
 * <ul>
 *   <li>a near miss answered with anything but a 4xx the operation declares (exactly, as {@code
 *       4XX}, or under {@code default}) with a body that fits the contract: a 500, a 2xx, an
 *       undeclared 4xx. The world does not check a near miss's exchange against the contract (it
 *       breaks it on purpose); this verdict replaces that check;
 *   <li>a valid request answered with a 5xx while no fault has been injected in the run yet. Once a
 *       fault was injected, a 5xx may be the honest answer (a dependency failed), and the world's
 *       contract checks still hold it to a declared status and body.
 * </ul>
 *
 * An answer an injected fault put in the service's place (a replaced response) is not judged and
 * not counted; a request that gets no answer (a network error) is not judged either. Each
 * operation's answers are counted by status for the sweep summary ({@code inventory: operation POST
 * /orders returned 201 and 409, never 422}). Immutable: one object serves every run.
 */
public final class ContractWorkload implements Workload {
  private static final int QUOTED_CHARS = 300;

  private final String service;
  private final int requests;
  private final Ratio nearMisses;
  private final long withinNanos;

  ContractWorkload(String service, int requests) {
    this(service, requests, Ratio.of(1, 4), Duration.ofSeconds(1).toNanos());
  }

  private ContractWorkload(String service, int requests, Ratio nearMisses, long withinNanos) {
    this.service = Objects.requireNonNull(service, "service");
    if (requests < 1) {
      throw new IllegalArgumentException(
          "fromContract(" + service + "): requests must be at least 1, was " + requests);
    }
    if (withinNanos < 1) {
      throw new IllegalArgumentException(
          "fromContract(" + service + "): the window must be positive");
    }
    this.requests = requests;
    this.nearMisses = Objects.requireNonNull(nearMisses, "nearMisses");
    this.withinNanos = withinNanos;
  }

  /** The share of requests that are near misses (default 1/4; 0 for valid requests only). */
  public ContractWorkload nearMisses(Ratio share) {
    return new ContractWorkload(service, requests, share, withinNanos);
  }

  /** Requests go at moments drawn in {@code [0, window)} of virtual time (default 1 s). */
  public ContractWorkload within(Duration window) {
    return new ContractWorkload(service, requests, nearMisses, window.toNanos());
  }

  public String service() {
    return service;
  }

  public int requests() {
    return requests;
  }

  @Override
  public void start(WorkloadDriver driver) {
    World world = driver.world();
    Contract contract = contractOf(world.topology());
    RequestGenerator generator = contract.requestGenerator();
    RandomStream random = world.scheduler().random("workload/contract/" + service);
    List<String> operations = generator.operations();
    if (operations.isEmpty()) {
      throw new IllegalArgumentException(
          "fromContract(" + service + "): its contract declares no operation");
    }
    List<List<String>> declared = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      declared.add(generator.declaredStatuses(i));
      for (String status : declared.get(i)) {
        if (status.matches("[1-5][0-9][0-9]")) {
          world.cover(subject(operations.get(i)), status, false);
        }
      }
    }
    String origin = "http://" + service;
    int count = driver.scaled(requests);
    for (int i = 0; i < count; i++) {
      int operation = i < operations.size() ? i : random.nextInt(operations.size());
      GeneratedRequest request =
          random.chance(nearMisses) ? generator.nearMiss(operation, origin, random) : null;
      if (request == null) {
        request = generator.valid(operation, origin, random);
      }
      GeneratedRequest sent = request;
      List<String> statuses = declared.get(operation);
      driver.after(
          Duration.ofNanos(random.nextLong(withinNanos)),
          () -> send(driver, world, contract, sent, statuses));
    }
  }

  private Contract contractOf(Topology topology) {
    ServiceSpec spec =
        topology.services().stream()
            .filter(s -> s.name().equals(service))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "fromContract(" + service + "): the topology has no such service"));
    if (!spec.isPublic()) {
      throw new IllegalArgumentException(
          "fromContract(" + service + "): the service is not public; the workload cannot reach it");
    }
    if (spec.contract() == null) {
      throw new IllegalArgumentException(
          "fromContract("
              + service
              + "): the service has no contract (ServiceSpec.withContract, or contract: in a"
              + " topology file)");
    }
    return spec.contract();
  }

  private String subject(String operation) {
    return service + ": operation " + operation;
  }

  private void send(
      WorkloadDriver driver,
      World world,
      Contract contract,
      GeneratedRequest generated,
      List<String> statuses) {
    if (generated.isNearMiss()) {
      driver.note("near miss " + generated.operation() + ": " + generated.mistake());
    }
    World.ContractExchange exchange =
        world.sendContractRequest(generated.request(), generated.isNearMiss());
    exchange
        .answer()
        .onSuccess(
            response -> {
              if (world.answerInjected(exchange.id())) {
                return; // a fault answered, not the service
              }
              world.cover(subject(generated.operation()), String.valueOf(response.status()), true);
              String why = verdict(world, contract, generated, statuses, response);
              if (why != null) {
                driver.fail(
                    why
                        + "\n  request:  "
                        + quote(generated.request())
                        + "\n  response: "
                        + quote(response));
              }
            });
  }

  /** Why the answer fails the seed, or null. */
  private static String verdict(
      World world,
      Contract contract,
      GeneratedRequest generated,
      List<String> statuses,
      Response response) {
    int status = response.status();
    if (!generated.isNearMiss()) {
      if (status >= 500 && world.faultsInjected() == 0) {
        return "valid request "
            + generated.operation()
            + " answered "
            + status
            + " with no fault injected";
      }
      return null;
    }
    String nearMiss =
        "near miss " + generated.operation() + " (" + generated.mistake() + ") answered " + status;
    if (!declares4xx(statuses, status)) {
      return nearMiss + ", expected a 4xx the contract declares (declared: " + statuses + ")";
    }
    List<ContractViolation> violations = contract.checkResponse(generated.request(), response);
    if (!violations.isEmpty()) {
      return nearMiss + ", which breaks the contract: " + violations.get(0).describe();
    }
    return null;
  }

  private static boolean declares4xx(List<String> statuses, int status) {
    if (status < 400 || status > 499) {
      return false;
    }
    for (String declared : statuses) {
      if (declared.equals(String.valueOf(status))
          || declared.equalsIgnoreCase("4XX")
          || declared.equals("default")) {
        return true;
      }
    }
    return false;
  }

  private static String quote(Request request) {
    StringBuilder out = new StringBuilder(request.method()).append(' ').append(request.url());
    request
        .headers()
        .entries()
        .forEach(h -> out.append(" [").append(h.name()).append(": ").append(h.value()).append(']'));
    if (!request.body().isEmpty()) {
      out.append(' ').append(text(request.body()));
    }
    return out.toString();
  }

  private static String quote(Response response) {
    return response.status() + (response.body().isEmpty() ? "" : " " + text(response.body()));
  }

  private static String text(dev.w9y.core.http.Body body) {
    String text = body.strictText().orElse("<" + body.size() + " bytes>");
    return text.length() > QUOTED_CHARS ? text.substring(0, QUOTED_CHARS) + "..." : text;
  }
}
