package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.topology.TopologyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code generation from strings is refused as workerd refuses it, unless a service allows it. */
class CodeGenerationTest {
  private static final String ATTEMPTS =
      """
      const attempts = {
        "eval": () => eval("1 + 1"),
        "indirect eval": () => (0, eval)("1 + 1"),
        "new Function": () => new Function("return 1")(),
        "Function": () => Function("return 1")(),
        "AsyncFunction": () => typeof (async function () {}).constructor("return 1"),
        "GeneratorFunction": () => typeof (function* () {}).constructor("yield 1"),
        "AsyncGeneratorFunction": () => typeof new (async function* () {}).constructor("yield 1"),
        "eval of a non-string": () => eval(42),
      };
      export default {
        fetch() {
          const lines = Object.entries(attempts).map(([what, attempt]) => {
            try {
              return `${what}: ran ${attempt()}`;
            } catch (e) {
              return `${what}: ${e instanceof EvalError} ${e.name}: ${e.message}`;
            }
          });
          return new Response(lines.join("\\n"));
        },
      };
      """;

  private static final String REFUSED =
      "true EvalError: Code generation from strings disallowed for this context";

  @Test
  void evalAndEveryFunctionConstructorThrowWorkerdsEvalError() {
    JsWorld world = JsWorld.serve(ATTEMPTS, Request.get("http://api/"));

    assertThat(world.outcomes)
        .containsExactly(
            "200 eval: "
                + REFUSED
                + "\nindirect eval: "
                + REFUSED
                + "\nnew Function: "
                + REFUSED
                + "\nFunction: "
                + REFUSED
                + "\nAsyncFunction: "
                + REFUSED
                + "\nGeneratorFunction: "
                + REFUSED
                + "\nAsyncGeneratorFunction: "
                + REFUSED
                + "\neval of a non-string: ran 42");
  }

  @Test
  void aServiceAllowedEvalGeneratesCode() {
    JsWorld world =
        JsWorld.run(
            JsWorld.publicApi(JsGuest.fromSource("index.js", ATTEMPTS).allowingEval()),
            1,
            Request.get("http://api/"));

    assertThat(world.outcomes).containsExactly(ALLOWED);
  }

  @Test
  void aTopologyFileAllowsEvalPerService(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("index.js"), ATTEMPTS);
    Topology topology =
        TopologyFile.parse(
                "services:\n  api: {kind: js, entry: index.js, public: true, allowEval: true}\n",
                "w9y.yaml",
                directory)
            .topology();

    assertThat(JsWorld.run(topology, 1, Request.get("http://api/")).outcomes)
        .containsExactly(ALLOWED);
  }

  private static final String ALLOWED =
      "200 eval: ran 2\nindirect eval: ran 2\nnew Function: ran 1\nFunction: ran 1"
          + "\nAsyncFunction: ran function\nGeneratorFunction: ran function"
          + "\nAsyncGeneratorFunction: ran function\neval of a non-string: ran 42";
}
