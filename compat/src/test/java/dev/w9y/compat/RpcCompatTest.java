package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * JS RPC as a caller sees it, in W9Y and in workerd: WorkerEntrypoint methods over a service
 * binding and Durable Object methods through stubs — results, structured-cloned values, RpcTarget
 * stubs, pipelining, callbacks, returned functions, and the errors of throwing, missing methods and
 * values that cannot be sent.
 */
class RpcCompatTest {
  private static final Probe RPC =
      Probe.ofResource("rpc-front.js", "OBJ", "Room")
          .withService("BACK", "back", "rpc-back.js")
          .withService("ADMIN", "back", "rpc-back.js", "Admin")
          .withService("PLAIN", "back", "rpc-back.js", "Plain")
          .withService("HANDLERS", "back", "rpc-back.js", "Handlers");

  @Test
  void entrypointMethodsAnswerAsInWorkerd() {
    Differential.run(
            RPC.gets(
                "-",
                "add",
                "values",
                "undefinedResult",
                "counter",
                "pipelined",
                "callback",
                "functionValue"))
        .assertSame();
  }

  @Test
  void entrypointErrorsReachTheCallerAsInWorkerd() {
    Differential.run(RPC.gets("-", "thrown", "thrownCustom", "missing")).assertSame();
  }

  @Test
  void namedEntrypointsTakeCallsAndFetchesAsInWorkerd() {
    Differential.run(
            RPC.gets(
                "-",
                "namedCall",
                "namedFetch",
                "namedThrown",
                "namedMissing",
                "namedReserved",
                "defaultStillDefault",
                "handlersCall",
                "handlersFetch",
                "handlersMissing"))
        .assertSame();
  }

  @Test
  void aNamedExportThatIsAClassButNotAWorkerEntrypointIsAnInternalErrorAsInWorkerd() {
    Differential differential = Differential.run(RPC.gets("-", "plainCall", "plainFetch"));
    differential.assertSame();
    assertThat(differential.w9y(0).toString())
        .contains("internal error; reference = <id>")
        .contains("\"threw\":\"Error\"");
  }

  @Test
  void aBindingToAnEntrypointTheWorkerDoesNotExportStopsBothRuntimesAtStartup() {
    Probe missing =
        Probe.ofResource("rpc-front.js", "OBJ", "Room")
            .withService("NOPE", "back", "rpc-back.js", "Nope")
            .gets("-", "add");
    assertThatThrownBy(() -> Workerd.shared().run(missing))
        .hasMessageContaining("could not run probe");
    assertThatThrownBy(() -> W9y.run(missing))
        .hasMessageContaining(
            "Worker \"api\"'s binding \"NOPE\" refers to service \"back\" with a named entrypoint"
                + " \"Nope\", but \"back\" has no such named entrypoint.");
  }

  @Test
  void valuesThatCannotBeSentAreRefusedAsInWorkerd() {
    Differential.run(RPC.gets("-", "unserializable", "classInstance")).assertSame();
  }

  @Test
  void durableObjectMethodsAnswerAsInWorkerd() {
    Differential.run(
            RPC.gets("room-1", "objectHello", "objectIncr", "objectIncr", "objectThrows")
                .gets("room-2", "objectIncr", "objectMissing"))
        .assertSame();
  }
}
