package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.RequestCf;
import org.junit.jupiter.api.Test;

/**
 * {@code request.cf}: placeholders for a request from the workload (fields the workload sets over
 * them), the sender's cf through a binding or stub, none on a request a Worker makes without one.
 */
class JsRequestCfTest {
  static final String FRONT =
      """
      import { DurableObject } from "cloudflare:workers";
      export class Echo extends DurableObject {
        fetch(request) { return new Response(JSON.stringify(request.cf ?? null)); }
      }
      export default {
        async fetch(request, env) {
          const op = new URL(request.url).pathname;
          if (op === "/cf") return Response.json([request.cf.country, request.cf.colo, request.cf.asn,
            Object.keys(request.cf).length, [...request.headers.keys()]]);
          if (op === "/forward") return env.BACK.fetch(request);
          if (op === "/fresh") return env.BACK.fetch("http://back/");
          if (op === "/given") return env.BACK.fetch("http://back/", { cf: { country: "JP" } });
          if (op === "/object") return env.ECHO.getByName("a").fetch(request);
          if (op === "/url") return fetch("http://back/");
          return new Response("?", { status: 404 });
        },
      };
      """;
  static final String BACK =
      """
      export default {
        fetch(request) {
          return new Response(request.cf === undefined ? "none" : request.cf.country);
        },
      };
      """;

  static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of("front", JsGuest.fromSource("front.js", FRONT))
                .withBinding("BACK", "back")
                .withDurableObject("ECHO", "Echo")
                .asPublic())
        .service(ServiceSpec.of("back", JsGuest.fromSource("back.js", BACK)))
        .build();
  }

  @Test
  void aWorkloadRequestHasThePlaceholderCfAndTheReservedHeadersAreNotShown() {
    JsWorld world =
        JsWorld.run(
            topology(),
            1,
            Request.get("http://front/cf").withHeader(RequestCf.EDGE, "{\"country\":\"DE\"}"));
    assertThat(world.outcomes).containsExactly("200 [\"DE\",\"DFW\",395747,22,[]]");
    JsWorld plain = JsWorld.run(topology(), 1, Request.get("http://front/cf"));
    assertThat(plain.outcomes).containsExactly("200 [\"US\",\"DFW\",395747,23,[]]");
  }

  @Test
  void aBindingCarriesTheSendersCfAndAFetchByUrlIsAnEdgeRequest() {
    JsWorld world =
        JsWorld.oneASecond(
            topology(),
            Request.get("http://front/forward").withHeader(RequestCf.EDGE, "{\"country\":\"FR\"}"),
            Request.get("http://front/fresh"),
            Request.get("http://front/given"),
            Request.get("http://front/url"));
    assertThat(world.outcomes).containsExactly("200 FR", "200 none", "200 JP", "200 US");
  }

  @Test
  void aStubCarriesTheForwardedRequestsCfWhichTheTraceLeavesOutAndTheSameSeedGivesTheSameHash() {
    Request request =
        Request.get("http://front/object").withHeader(RequestCf.EDGE, "{\"city\":\"Lyon\"}");
    JsWorld first = JsWorld.run(topology(), 3, request);
    JsWorld second = JsWorld.run(topology(), 3, request);
    assertThat(first.outcomes).singleElement().asString().contains("\"city\":\"Lyon\"");
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
    String trace = String.join("\n", first.result.fullTrace());
    assertThat(trace).doesNotContain(RequestCf.CARRIED).contains("[\"w9y-cf\",\"{\\\"city\\\"");
  }

  @Test
  void aWorkloadCfHeaderThatIsNotAJsonObjectIsAGuestErrorNamingTheHeader() {
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.values())
            .run(topology(), 1, Request.get("http://front/cf").withHeader(RequestCf.EDGE, "[1]"));
    assertThat(world.outcomes).singleElement().asString().startsWith("500");
    assertThat(world.records("guest.error"))
        .anyMatch(r -> r.contains("w9y-cf header") && r.contains("must be a JSON object"));
  }
}
