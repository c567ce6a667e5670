package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** JSON Schema 2020-12 and draft-07 documents mapped to routes by a routes file. */
class JsonSchemaContractTest {
  static final Path ROUTES = Path.of("src/test/resources/contracts/jsonschema/routes.yaml");
  static final Contract payments = JsonSchemaContract.load(ROUTES);

  static Request pay(String url, String json) {
    return Request.post(url, Body.ofText(json))
        .withHeader("content-type", "application/json")
        .withHeader("idempotency-key", "k1");
  }

  @Test
  void routesParametersAndA202012Body() {
    assertThat(
            payments.checkRequest(
                pay(
                    "http://p/payments/p1?dryRun=true",
                    "{\"amount\":5,\"currency\":\"EUR\",\"tags\":[\"a\"]}")))
        .isEmpty();
    assertThat(
            payments.checkRequest(
                pay("http://p/payments/x1?dryRun=maybe", "{\"amount\":5,\"currency\":\"GBP\"}")))
        .extracting(ContractViolation::kind, ContractViolation::pointer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("parameter", "/path/id"),
            org.assertj.core.groups.Tuple.tuple("parameter", "/query/dryRun"),
            org.assertj.core.groups.Tuple.tuple("request-body", "/body/currency"));
    // prefixItems with items:false is 2020-12: a second tag is one too many.
    assertThat(
            payments.checkRequest(
                pay(
                    "http://p/payments/p1",
                    "{\"amount\":5,\"currency\":\"EUR\",\"tags\":[\"a\",\"b\"]}")))
        .extracting(ContractViolation::pointer)
        .containsExactly("/body/tags");
    Request noKey =
        Request.post("http://p/payments/p1", Body.ofText("{\"amount\":5,\"currency\":\"EUR\"}"))
            .withHeader("content-type", "application/json");
    assertThat(payments.checkRequest(noKey))
        .extracting(ContractViolation::pointer)
        .containsExactly("/header/idempotency-key");
    assertThat(payments.checkRequest(Request.get("http://p/payments/p1")))
        .extracting(ContractViolation::kind)
        .containsExactly("method-not-allowed");
  }

  @Test
  void aDraft07DocumentIsReadAsDraft07() {
    // Draft-07's tuple form of items: a 2020-12 reading would not check positions.
    assertThat(payments.checkRequest(pay("http://p/legacy/pairs", "[\"a\",1]"))).isEmpty();
    assertThat(payments.checkRequest(pay("http://p/legacy/pairs", "[\"a\",\"b\"]")))
        .extracting(ContractViolation::pointer)
        .containsExactly("/body/1");
    assertThat(
            payments.checkResponse(pay("http://p/legacy/pairs", "[\"a\",1]"), Response.status(204)))
        .isEmpty();
  }

  @Test
  void responsesAndDeclaredErrors() {
    Request request = pay("http://p/payments/p1", "{\"amount\":5,\"currency\":\"EUR\"}");
    Response created =
        new Response(
            201,
            Headers.of("content-type", "application/json"),
            Body.ofText("{\"id\":\"p1\",\"amount\":\"5\"}"));
    assertThat(payments.checkResponse(request, created))
        .extracting(ContractViolation::kind, ContractViolation::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("response-body", "/body/amount"));
    Response busy = payments.declaredError(request, 500);
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.body().text()).isEqualTo("{\"error\":\"busy\",\"retry\":true}");
    assertThat(payments.checkResponse(request, busy)).isEmpty();
    assertThat(payments.identity()).startsWith("jsonschema:routes.yaml sha256:");
  }
}
