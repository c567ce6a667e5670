package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/**
 * JS RPC as a caller sees it, in W9Y and in workerd: WorkerEntrypoint methods over a service
 * binding and Durable Object methods through stubs — results, structured-cloned values, RpcTarget
 * stubs, pipelining, callbacks, returned functions, and the errors of throwing, missing methods and
 * values that cannot be sent.
 */
class RpcCompatTest {
  private static final Probe RPC =
      Probe.ofResource("rpc-front.js", "OBJ", "Room").withService("BACK", "back", "rpc-back.js");

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
