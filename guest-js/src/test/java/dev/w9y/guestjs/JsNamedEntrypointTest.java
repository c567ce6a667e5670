package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service bindings to named entrypoints ({@code services = [{binding, service, entrypoint}]}): the
 * export that takes the calls and fetches, workerd's errors for an export that is missing or not a
 * WorkerEntrypoint, the trace, wrangler projects.
 */
class JsNamedEntrypointTest {
  static final String USERS =
      """
      import { WorkerEntrypoint } from "cloudflare:workers";
      export class Admin extends WorkerEntrypoint {
        role(n) { return [n, this.env.REALM, JSON.stringify(this.ctx.props), typeof this.ctx.waitUntil]; }
        async fetch(request) { return new Response("admin " + new URL(request.url).pathname); }
      }
      export class Plain { role() { return "plain"; } fetch() { return new Response("plain"); } }
      export default class extends WorkerEntrypoint {
        role() { return "default"; }
        async fetch() { return new Response("default"); }
      }
      """;

  static final String FRONT =
      """
      export default {
        async fetch(request, env) {
          const op = new URL(request.url).pathname;
          try {
            if (op === "/admin") return Response.json([await env.ADMIN.role(1), await env.USERS.role(),
              await (await env.ADMIN.fetch("http://users/panel")).text(), await (await env.USERS.fetch("http://users/")).text()]);
            if (op === "/plain") return Response.json(await env.PLAIN.role());
            if (op === "/plain-fetch") return Response.json(await (await env.PLAIN.fetch("http://users/")).text());
            return new Response("?", { status: 404 });
          } catch (e) {
            return new Response(e.name + ": " + e.message, { status: 500 });
          }
        },
      };
      """;

  static Topology topology(String entrypointForPlain) {
    ServiceSpec front =
        ServiceSpec.of("front", JsGuest.fromSource("front.js", FRONT))
            .withBinding("ADMIN", "users", "Admin")
            .withBinding("USERS", "users")
            .withBinding("PLAIN", "users", entrypointForPlain)
            .asPublic();
    return Topology.builder()
        .service(front)
        .service(
            ServiceSpec.of("users", JsGuest.fromSource("users.js", USERS))
                .withVar("REALM", "staff"))
        .build();
  }

  @Test
  void aBindingToANamedEntrypointCallsAndFetchesThatClassWithItsEnvAndCtx() {
    JsWorld world = JsWorld.run(topology("Plain"), 1, Request.get("http://front/admin"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 [[1,\"staff\",\"{}\",\"function\"],\"default\",\"admin /panel\",\"default\"]");
  }

  @Test
  void theTraceNamesTheEntrypointOfEachCallAndFetchAndTheSameSeedGivesTheSameHash() {
    JsWorld first = JsWorld.run(topology("Plain"), 7, Request.get("http://front/admin"));
    JsWorld second = JsWorld.run(topology("Plain"), 7, Request.get("http://front/admin"));
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
    assertThat(first.records("request.sent"))
        .filteredOn(r -> r.contains("[\"w9y-entrypoint\",\"Admin\"]"))
        .hasSize(2) // role() and fetch()
        .anyMatch(r -> r.contains("[\"w9y-rpc\",\"role\"]"));
  }

  @Test
  void aNamedClassThatIsNotAWorkerEntrypointAnswersWorkerdsInternalError() {
    JsWorld world =
        JsWorld.run(
            topology("Plain"),
            1,
            Request.get("http://front/plain"),
            Request.get("http://front/plain-fetch"));
    String internal =
        "500 Error: internal error; reference = export \"Plain\" is a class that does not extend"
            + " WorkerEntrypoint";
    assertThat(world.outcomes).containsExactlyInAnyOrder(internal, internal);
  }

  @Test
  void aBindingToAnEntrypointTheServiceDoesNotExportStopsItFromStartingAsWorkerdDoes() {
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.BOOT_FAILURE)
            .run(topology("Nope"), 1, Request.get("http://front/admin"));
    assertThat(world.records("instance.start-failed"))
        .singleElement()
        .asString()
        .contains(
            "Worker \\\"front\\\"'s binding \\\"PLAIN\\\" refers to service \\\"users\\\" with a"
                + " named entrypoint \\\"Nope\\\", but \\\"users\\\" has no such named entrypoint.");
    assertThat(world.outcomes).singleElement().asString().startsWith("500 ");
  }

  @TempDir Path temp;

  @Test
  void aWranglerServiceBindingsEntrypointReachesThatExport() throws IOException {
    Files.writeString(temp.resolve("users.js"), USERS);
    Files.writeString(temp.resolve("front.js"), FRONT);
    Path users =
        Files.writeString(
            temp.resolve("users.toml"),
            "name = \"users\"\nmain = \"users.js\"\n[vars]\nREALM = \"staff\"\n");
    Path front =
        Files.writeString(
            temp.resolve("front.jsonc"),
            """
            { "name": "front", "main": "front.js",
              // the entrypoint is a class the users Worker exports
              "services": [{ "binding": "ADMIN", "service": "users", "entrypoint": "Admin" },
                           { "binding": "USERS", "service": "users" },
                           { "binding": "PLAIN", "service": "users", "entrypoint": "Plain" }] }
            """);
    Topology topology = Topology.fromWrangler(front, users);
    assertThat(topology.service("front").entrypoints())
        .containsEntry("ADMIN", "Admin")
        .doesNotContainKey("USERS");
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://front/admin"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 [[1,\"staff\",\"{}\",\"function\"],\"default\",\"admin /panel\",\"default\"]");
  }
}
