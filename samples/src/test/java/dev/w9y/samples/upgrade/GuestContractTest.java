package dev.w9y.samples.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.contracts.OpenApiContract;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Json;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.guestjs.JsGuest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code w9y.contract(service)} from a JavaScript guest: a probe service parses the accounts
 * service's responses (one of which breaks its contract), validates values and requests, and
 * answers with what it saw. The checks run on the host with the topology's compiled contract, so
 * the guest's error says what the network check says.
 */
class GuestContractTest {
  static final Contract ACCOUNTS =
      OpenApiContract.load(Upgrade.SOURCES.resolve("accounts-v1.openapi.yaml"));

  /** Version 1 of the accounts service, except that a deposit of 13 answers its balance as text. */
  static final String ACCOUNTS_JS =
      """
      export default {
        async fetch(request) {
          const { amount, currency } = await request.json();
          if (amount === 0) return Response.json({ error: "zero" }, { status: 422 });
          const balance = amount === 13 ? "13" : amount;
          return Response.json({ account: "a1", balance, currency }, { status: 201 });
        },
      };
      """;

  static final String PROBE_JS =
      """
      import * as w9y from "w9y";
      const failure = (e) => ({ typeError: e instanceof TypeError, message: e.message,
        pointer: e.pointer, expected: e.expected, actual: e.actual,
        violations: e.violations?.length });
      async function attempt(f) {
        try { return { value: await f() }; } catch (e) { return { error: failure(e) }; }
      }
      const deposit = (amount) => fetch("http://accounts/accounts/a1/deposits", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ amount, currency: "EUR" }) });
      const DEPOSITS = { method: "POST", path: "/accounts/a1/deposits" };
      export default {
        async fetch() {
          const accounts = w9y.contract("accounts");
          const cloned = await deposit(6);
          return Response.json({
            good: await attempt(async () => accounts.parse(await deposit(5))),
            clone: await attempt(async () => accounts.parse(cloned.clone())),
            refused: await attempt(async () => accounts.parse(await deposit(0))),
            bad: await attempt(async () => accounts.parse(await deposit(13))),
            explicit: await attempt(() => accounts.parse(
              Response.json({ account: "a1", balance: 1, currency: "EUR" }, { status: 201 }), DEPOSITS)),
            undeclaredStatus: await attempt(() => accounts.parse(new Response("x", { status: 500 }), DEPOSITS)),
            noRequest: await attempt(() => accounts.parse(Response.json({}))),
            validRequestBody: await attempt(() => accounts.validate("deposit", { amount: 5, currency: "EUR" })),
            invalidRequestBody: await attempt(() => accounts.validate("deposit", { amount: 5, currency: "GBP" })),
            invalidResponseBody: await attempt(() =>
              accounts.validate({ ...DEPOSITS, status: 201 }, { account: "a1" })),
            badRequest: await attempt(() => accounts.parseRequest(new Request(
              "http://accounts/accounts/a1/deposits", { method: "POST",
                headers: { "content-type": "application/json" }, body: JSON.stringify({ amount: 2 }) }))),
            unknownService: await attempt(() => w9y.contract("nope")),
            noContract: await attempt(() => w9y.contract("probe")),
          });
        },
      };
      """;

  static Simulation simulation(long seed, AtomicReference<String> answer) {
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("probe", JsGuest.fromSource("probe.js", PROBE_JS)).asPublic())
            .service(
                ServiceSpec.of("accounts", JsGuest.fromSource("accounts.js", ACCOUNTS_JS))
                    .withContract(ACCOUNTS))
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        // The network records the bad balance and lets it through, so the guest's parse sees it.
        .contracts(ContractMode.REPORT)
        .workload(
            () ->
                clients ->
                    clients
                        .fetch(Request.get("http://probe/"))
                        .whenComplete((response, error) -> answer.set(response.body().text())))
        .eventually("the probe answered", world -> answer.get() != null)
        .build();
  }

  @Test
  void aGuestValidatesWhatItReceivesWithTheServicesContract() {
    AtomicReference<String> text = new AtomicReference<>();
    SimulationResult result = simulation(3, text).run();
    assertThat(result.passed()).as("%s", result.failure()).isTrue();
    JsonNode answer = Json.MAPPER.readTree(text.get());

    assertThat(answer.at("/good/value").toString())
        .isEqualTo("{\"account\":\"a1\",\"balance\":5,\"currency\":\"EUR\"}");
    assertThat(answer.at("/clone/value/balance").asInt()).isEqualTo(6);
    assertThat(answer.at("/refused/value/error").asString()).isEqualTo("zero");
    assertThat(answer.at("/explicit/value/balance").asInt()).isEqualTo(1);
    assertThat(answer.at("/validRequestBody/value/amount").asInt()).isEqualTo(5);

    // The broken response: a TypeError in the network check's words, computed by the same
    // compiled contract on the host.
    String expected =
        ACCOUNTS
            .checkResponse(
                Request.post("http://accounts/accounts/a1/deposits", "{}"),
                new Response(
                    201,
                    Headers.of("content-type", "application/json"),
                    Body.ofText("{\"account\":\"a1\",\"balance\":\"13\",\"currency\":\"EUR\"}")))
            .get(0)
            .describe();
    assertThat(answer.at("/bad/error/typeError").asBoolean()).isTrue();
    assertThat(answer.at("/bad/error/message").asString())
        .isEqualTo("contract of 'accounts' violated by the response: " + expected);
    assertThat(answer.at("/bad/error/pointer").asString()).isEqualTo("/body/balance");
    assertThat(answer.at("/bad/error/actual").asString()).isEqualTo("\"13\"");
    assertThat(answer.at("/bad/error/expected").asString()).contains("integer");
    // The network saw it too (report mode counts it), beside the deposit of 0 (minimum: 1).
    assertThat(result.contractViolations()).isEqualTo(2);

    assertThat(answer.at("/undeclaredStatus/error/message").asString())
        .isEqualTo(
            "contract of 'accounts' violated by the response: response-status POST"
                + " /accounts/{id}/deposits at /status: expected one of [201, 422], was 500");
    assertThat(answer.at("/noRequest/error/message").asString())
        .startsWith("w9y.contract('accounts').parse: this response did not come from fetch()");
    assertThat(answer.at("/invalidRequestBody/error/message").asString())
        .startsWith(
            "contract of 'accounts' violated by the request body: request-body POST"
                + " /accounts/{id}/deposits at /body/currency: expected enum:");
    assertThat(answer.at("/invalidResponseBody/error/message").asString())
        .startsWith(
            "contract of 'accounts' violated by the response body: response-body POST"
                + " /accounts/{id}/deposits at /body: expected required:")
        .contains("(and 1 more)");
    assertThat(answer.at("/invalidResponseBody/error/violations").asInt()).isEqualTo(2);
    assertThat(answer.at("/badRequest/error/message").asString())
        .startsWith(
            "contract of 'accounts' violated by the request: request-body POST"
                + " /accounts/{id}/deposits at /body: expected required:")
        .contains("currency");
    assertThat(answer.at("/unknownService/error/message").asString())
        .isEqualTo(
            "w9y.contract: no service named 'nope' in the topology (services: [probe,"
                + " accounts])");
    assertThat(answer.at("/noContract/error/message").asString())
        .isEqualTo("w9y.contract: service 'probe' declares no contract");
  }

  @Test
  void theSameSeedGivesTheSameTrace() {
    SimulationResult first = simulation(11, new AtomicReference<>()).run();
    SimulationResult second = simulation(11, new AtomicReference<>()).run();
    assertThat(first.passed()).isTrue();
    assertThat(second.traceSha256()).isEqualTo(first.traceSha256());
  }
}
