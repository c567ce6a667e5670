package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

class JsServiceTest {
  @Test
  void aFetchHandlerAnswersWithItsResponse() {
    JsWorld world =
        JsWorld.serve(
            """
            export default {
              async fetch(request, env, ctx) {
                const url = new URL(request.url);
                return new Response(`hello ${url.searchParams.get("name")} via ${request.method}`,
                  { status: 201, headers: { "x-served-by": "js" } });
              },
            };
            """,
            Request.get("http://api/greet?name=ada"));

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("201 hello ada via GET");
  }

  @Test
  void jsonBodiesRoundTrip() {
    JsWorld world =
        JsWorld.serve(
            """
            export default {
              async fetch(request) {
                const body = await request.json();
                return Response.json({ sum: body.a + body.b, type: request.headers.get("content-type") });
              },
            };
            """,
            Request.post("http://api/add", "{\"a\": 2, \"b\": 40}")
                .withHeader("content-type", "application/json"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 {\"sum\":42,\"type\":\"application/json\"}");
  }

  @Test
  void servicesCallEachOtherByBindingAndByUrlAndVarsAreInEnv() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "front",
                        JsGuest.fromSource(
                            "front.js",
                            """
                            export default {
                              async fetch(request, env) {
                                const viaBinding = await env.BACK.fetch("http://whatever/x");
                                const viaUrl = await fetch("http://back/y");
                                return new Response(`${env.GREETING}: ${await viaBinding.text()} ${await viaUrl.text()}`);
                              },
                            };
                            """))
                    .withBinding("BACK", "back")
                    .withVar("GREETING", "hi")
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "back",
                    JsGuest.fromSource(
                        "back.js",
                        "export default { fetch: (r) => new Response(new URL(r.url).pathname) };")))
            .build();

    JsWorld world = JsWorld.run(topology, 5, Request.get("http://front/"));

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 hi: /x /y");
  }

  @Test
  void aFormWithAFileCrossesTheNetworkAsMultipartWithASeededBoundary() {
    Topology topology =
        JsWorld.frontAndBack(
            """
            export default {
              async fetch(request, env) {
                const form = new FormData();
                form.append("caption", "a cat");
                form.append("photo", new File(["meow"], "cat.txt", { type: "text/plain" }));
                const answer = await env.BACK.fetch("http://back/upload", { method: "POST", body: form });
                return new Response(await answer.text());
              },
            };
            """,
            """
            export default {
              async fetch(request) {
                const type = request.headers.get("content-type");
                const form = await request.formData();
                const photo = form.get("photo");
                return new Response(`${form.get("caption")} ${photo.name} ${photo.type}`
                  + ` ${await photo.text()} ${type.startsWith("multipart/form-data; boundary=")}`);
              },
            };
            """);

    JsWorld first = JsWorld.run(topology, 7, Request.get("http://front/"));
    JsWorld again = JsWorld.run(topology, 7, Request.get("http://front/"));

    assertThat(first.outcomes)
        .as(first.records("guest.error").toString())
        .containsExactly("200 a cat cat.txt text/plain meow true");
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
  }

  @Test
  void fetchingAnUnknownHostRejectsWithATypeError() {
    JsWorld world =
        JsWorld.serve(
            """
            export default {
              async fetch() {
                try {
                  await fetch("http://nowhere/");
                  return new Response("reached");
                } catch (e) {
                  return new Response(`${e.constructor.name}: ${e instanceof TypeError}`);
                }
              },
            };
            """,
            Request.get("http://api/"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 TypeError: true");
  }

  @Test
  void modulesImportEachOtherByRelativePathAndTheW9yModule() {
    JsGuest guest =
        JsGuest.fromSource(
                "src/index.js",
                """
                import { double } from "./lib/math.js";
                import { assertSometimes } from "w9y";
                export default {
                  fetch() {
                    assertSometimes(true, "handled");
                    return new Response(String(double(21)));
                  },
                };
                """)
            .withFile("src/lib/math.js", "export const double = (x) => x * 2;");
    JsWorld world =
        JsWorld.run(
            Topology.builder().service(ServiceSpec.of("api", guest).asPublic()).build(),
            1,
            Request.get("http://api/"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 42");
    assertThat(world.result.sometimes()).containsEntry("handled", 1L);
  }
}
