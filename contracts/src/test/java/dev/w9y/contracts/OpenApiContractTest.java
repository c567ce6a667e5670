package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each violation kind, on OpenAPI 3.0 (YAML, $refs across files) and 3.1 (JSON) documents. */
class OpenApiContractTest {
  static final Path ORDERS = Path.of("src/test/resources/contracts/openapi30/orders.yaml");
  static final Path ACCOUNTS = Path.of("src/test/resources/contracts/openapi31/accounts.json");
  static final Contract orders = OpenApiContract.load(ORDERS);
  static final Contract accounts = OpenApiContract.load(ACCOUNTS);

  static Request newOrder(String json) {
    return Request.post("http://orders/orders", Body.ofText(json))
        .withHeader("content-type", "application/json")
        .withHeader("x-request-id", "abc-1");
  }

  static Response json(int status, String json) {
    return new Response(status, Headers.of("content-type", "application/json"), Body.ofText(json));
  }

  @Test
  void aConformingExchangeHasNoViolations() {
    Request request = newOrder("{\"item\":\"tea\",\"qty\":2,\"note\":null}");
    assertThat(orders.checkRequest(request)).isEmpty();
    assertThat(orders.checkResponse(request, json(201, "{\"id\":7,\"item\":\"tea\",\"qty\":2}")))
        .isEmpty();
    assertThat(orders.checkRequest(Request.get("http://orders/orders?limit=10"))).isEmpty();
    assertThat(orders.checkRequest(Request.get("http://x/orders/42"))).isEmpty();
  }

  @Test
  void unknownRouteAndMethod() {
    assertThat(orders.checkRequest(Request.get("http://orders/customers")))
        .containsExactly(
            new ContractViolation(
                "unknown-route", "GET /customers", "/path", "a declared path", "/customers"));
    assertThat(
            orders.checkRequest(
                new Request("DELETE", "http://orders/orders", Headers.EMPTY, Body.EMPTY)))
        .containsExactly(
            new ContractViolation(
                "method-not-allowed", "DELETE /orders", "/method", "one of [GET, POST]", "DELETE"));
  }

  @Test
  void missingAndIllTypedParameters() {
    Request noHeader =
        Request.post("http://orders/orders", Body.ofText("{\"item\":\"tea\",\"qty\":2}"))
            .withHeader("content-type", "application/json");
    assertThat(orders.checkRequest(noHeader))
        .containsExactly(
            new ContractViolation(
                "parameter", "POST /orders", "/header/x-request-id", "required", "absent"));
    List<ContractViolation> limit =
        orders.checkRequest(Request.get("http://orders/orders?limit=ten"));
    assertThat(limit).hasSize(1);
    assertThat(limit.get(0).pointer()).isEqualTo("/query/limit");
    assertThat(limit.get(0).expected()).contains("type").contains("integer");
    assertThat(limit.get(0).actual()).isEqualTo("\"ten\"");
    assertThat(orders.checkRequest(Request.get("http://orders/orders?limit=500")).get(0).expected())
        .contains("maximum");
    List<ContractViolation> id = orders.checkRequest(Request.get("http://orders/orders/seven"));
    assertThat(id).extracting(ContractViolation::pointer).containsExactly("/path/id");
  }

  @Test
  void concretePathWinsOverTemplate() {
    Request mine = Request.get("http://orders/orders/mine");
    assertThat(orders.checkRequest(mine)).isEmpty(); // not /orders/{id} with id "mine"
    assertThat(orders.checkResponse(mine, new Response(204, Headers.EMPTY, Body.EMPTY))).isEmpty();
  }

  @Test
  void requestBodyAgainstASchemaInAnotherFile() {
    List<ContractViolation> found =
        orders.checkRequest(newOrder("{\"item\":\"tea\",\"qty\":\"2\"}"));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).kind()).isEqualTo("request-body");
    assertThat(found.get(0).pointer()).isEqualTo("/body/qty");
    assertThat(found.get(0).expected()).contains("integer");
    assertThat(found.get(0).actual()).isEqualTo("\"2\"");
    // Two problems come in pointer order, whatever order the validator found them in.
    assertThat(orders.checkRequest(newOrder("{\"qty\":0,\"note\":5}")))
        .extracting(ContractViolation::pointer)
        .containsExactly("/body", "/body/note", "/body/qty");
    assertThat(orders.checkRequest(newOrder("{not json")))
        .extracting(
            ContractViolation::kind, ContractViolation::pointer, ContractViolation::expected)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("request-body", "/body", "JSON"));
    Request asText =
        Request.post("http://orders/orders", Body.ofText("item=tea"))
            .withHeader("content-type", "text/plain")
            .withHeader("x-request-id", "abc");
    assertThat(orders.checkRequest(asText))
        .containsExactly(
            new ContractViolation(
                "request-content-type",
                "POST /orders",
                "/header/content-type",
                "one of [application/json]",
                "text/plain"));
    Request empty =
        Request.post("http://orders/orders", Body.EMPTY).withHeader("x-request-id", "abc");
    assertThat(orders.checkRequest(empty))
        .containsExactly(
            new ContractViolation("request-body", "POST /orders", "/body", "a body", "empty"));
  }

  @Test
  void responsesByStatusContentTypeAndBody() {
    Request request = newOrder("{\"item\":\"tea\",\"qty\":2}");
    assertThat(orders.checkResponse(request, json(200, "{}")))
        .containsExactly(
            new ContractViolation(
                "response-status", "POST /orders", "/status", "one of [201, 409, 503]", "200"));
    assertThat(orders.checkResponse(request, Response.text(201, "ok")))
        .extracting(ContractViolation::kind)
        .containsExactly("response-content-type");
    assertThat(
            orders.checkResponse(request, json(201, "{\"id\":7,\"item\":\"tea\",\"quantity\":2}")))
        .extracting(ContractViolation::kind, ContractViolation::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("response-body", "/body"));
    assertThat(orders.checkResponse(request, json(409, "{\"code\":\"taken\",\"message\":\"m\"}")))
        .isEmpty();
  }

  @Test
  void openApi31UsesJsonSchema2020AndStatusRanges() {
    Request put =
        new Request(
            "PUT",
            "http://accounts/accounts/alice",
            Headers.of("content-type", "application/json"),
            Body.ofText("{\"balance\":5,\"owner\":null}"));
    assertThat(accounts.checkRequest(put)).isEmpty();
    assertThat(accounts.checkRequest(put.withBody(Body.ofText("{\"balance\":5,\"extra\":1}"))))
        .extracting(ContractViolation::pointer)
        .containsExactly("/body");
    assertThat(accounts.checkRequest(put.withUrl("http://accounts/accounts/Alice")))
        .extracting(ContractViolation::pointer)
        .containsExactly("/path/name");
    Response problem =
        new Response(
            503,
            Headers.of("content-type", "application/problem+json"),
            Body.ofText("{\"title\":\"down\",\"status\":503}"));
    assertThat(accounts.checkResponse(put, problem)).isEmpty();
    assertThat(accounts.checkResponse(put, json(404, "{}")))
        .extracting(ContractViolation::kind)
        .containsExactly("response-status");
    assertThat(accounts.identity()).startsWith("openapi3.1:accounts.json sha256:");
  }

  @Test
  void declaredErrorsGiveInjectedFaultsTheirBody() {
    Request request = newOrder("{\"item\":\"tea\",\"qty\":2}");
    Response declared = orders.declaredError(request, 503);
    assertThat(declared.status()).isEqualTo(503);
    assertThat(declared.body().json().get("code").asString()).isEqualTo("unavailable");
    // A 500 the operation does not declare becomes the 5xx it does.
    assertThat(orders.declaredError(request, 500).status()).isEqualTo(503);
    // No 429 declared: the fault keeps its own.
    assertThat(orders.declaredError(request, 429)).isNull();
    // 3.1's 5XX range with no example: the smallest body the schema accepts.
    Request put =
        new Request("PUT", "http://accounts/accounts/alice", Headers.EMPTY, Body.ofText("{}"));
    Response range = accounts.declaredError(put, 502);
    assertThat(range.status()).isEqualTo(502);
    assertThat(range.headers().get("content-type")).contains("application/problem+json");
    assertThat(accounts.checkResponse(put, range)).isEmpty();
    assertThat(range.body().text()).isEqualTo("{\"title\":\"Service Unavailable\",\"status\":500}");
  }

  @Test
  void validatorMessagesDoNotDependOnTheMachinesLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.GERMAN);
      Contract german = OpenApiContract.load(ORDERS);
      assertThat(german.checkRequest(newOrder("{\"item\":\"tea\",\"qty\":\"2\"}")))
          .isEqualTo(orders.checkRequest(newOrder("{\"item\":\"tea\",\"qty\":\"2\"}")));
      assertThat(
              german.checkRequest(newOrder("{\"item\":\"tea\",\"qty\":\"2\"}")).get(0).expected())
          .isEqualTo("type: string found, integer expected");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }
}
