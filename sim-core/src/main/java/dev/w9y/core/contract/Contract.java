package dev.w9y.core.contract;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.List;

/**
 * A service's declared interface, compiled: the world checks every request delivered to the service
 * and every response it sends against it. Implementations (OpenAPI, JSON Schema routes, protobuf
 * JSON) live in the {@code contracts} module; sim-core only calls them, so it depends on no
 * validator library. A contract is compiled once when it is loaded and then shared by every run and
 * seed: implementations must be immutable and must not keep state between calls.
 */
public interface Contract {
  /**
   * How the trace header names this contract: its format, its file relative to its root and a
   * content hash ({@code openapi:orders.yaml sha256:...}), never an absolute path, so traces stay
   * location-independent.
   */
  String identity();

  /**
   * The violations of {@code request} as the service receives it (route, method, parameters, body),
   * in a stable order; empty if it conforms.
   */
  List<ContractViolation> checkRequest(Request request);

  /**
   * The violations of {@code response}, sent by the service as its answer to {@code request}
   * (declared status, content type, body), in a stable order; empty if it conforms or if the
   * request matched no operation (that was reported when it arrived).
   */
  List<ContractViolation> checkResponse(Request request, Response response);

  /**
   * The response this service declares for {@code status} on the operation {@code request} matched
   * (its example body and content type), or null when it declares none: injected HTTP faults use it
   * so that a caller sees the errors the contract promises. A 5xx or 4xx the operation does not
   * declare may be answered with another declared status of the same class, so that faults never
   * invent statuses the contract rules out.
   */
  default Response declaredError(Request request, int status) {
    return null;
  }

  /**
   * Makes requests from this contract for a contract-driven workload ({@link
   * dev.w9y.core.Workloads#fromContract}).
   *
   * @throws UnsupportedOperationException when this contract cannot make requests
   */
  default RequestGenerator requestGenerator() {
    throw new UnsupportedOperationException("contract " + identity() + " cannot generate requests");
  }

  /**
   * The success response this contract declares for the operation {@code request} matches (its
   * lowest 2xx status with the example body, or the smallest body the schema accepts), or null when
   * no operation matches or it declares no such body: an {@linkplain dev.w9y.core.ExternalHost
   * external host} without code of its own answers with it.
   */
  default Response declaredResponse(Request request) {
    return null;
  }

  /**
   * The violations of {@code body} (JSON) as the request body of {@code operation} ({@code status}
   * 0) or as the body of its response with {@code status}: how guest code validates a value it
   * holds against a declared type ({@code w9y.contract(service).validate} in JavaScript).
   *
   * @param operation an OpenAPI {@code operationId}, or {@code METHOD /path} (a concrete path or a
   *     declared template)
   */
  default List<ContractViolation> checkBody(String operation, int status, Body body) {
    throw new UnsupportedOperationException(identity() + " cannot check a value alone");
  }
}
