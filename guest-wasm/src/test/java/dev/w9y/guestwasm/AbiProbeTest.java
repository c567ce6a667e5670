package dev.w9y.guestwasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every ABI v1 import and WASI function, called by the C fixture src/test/c/probe.c (built with the
 * C SDK) and checked by what it answers. The other fixtures cover the rest: echo (log,
 * respond_header), ticker (random_u64, random_get, clock_time_get, now_ms, fd_write), misbehave
 * (proc_exit, memory growth), and samples' C key-value store (storage get, put, delete, list).
 */
class AbiProbeTest {
  static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "api", WasmGuest.fromBytes("probe.wasm", WasmServiceTest.fixture("probe")))
                .withVar("GREETING", "hello")
                .withDurableObject("PROBES", "Probe")
                .asPublic())
        .service(
            ServiceSpec.of(
                "peer",
                JavaGuest.handler(
                    (request, host) ->
                        Promise.resolved(
                            Response.ok(
                                "peer saw x-probe="
                                    + request.headers().get("x-probe").orElse("none"))))))
        .build();
  }

  private static WasmServiceTest.Run probe(String... paths) {
    List<String> outcomes = new ArrayList<>();
    return WasmServiceTest.run(
        topology(),
        1,
        driver -> {
          for (int i = 0; i < paths.length; i++) {
            String path = paths[i];
            driver.after(
                Duration.ofSeconds(2L * i),
                () -> WasmServiceTest.send(driver, Request.get("http://api" + path), outcomes));
          }
        },
        outcomes);
  }

  @Test
  void wasiFunctionsAnswerAsTheVirtualSystemDefinesThem() {
    WasmServiceTest.Run run = probe("/wasi");

    assertThat(run.outcomes())
        .containsExactly(
            "200 failures=0 argc=1 argv0=api envc=1 env0=GREETING=hello res=1 read=0/0 close=8"
                + " seek=70 type=2 prestat=8/8 flags=0 yield=0 poll=1/77");
    assertThat(run.result().passed()).isTrue();
  }

  @Test
  void timersCancelAndFireChecksAndBuggifyAndFetchHeaders() {
    WasmServiceTest.Run run = probe("/timers", "/checks", "/fetch");

    assertThat(run.outcomes())
        .containsExactly(
            "200 fired=2 cancel=10", "200 buggify=0 mono=1", "200 peer saw x-probe=42");
    assertThat(run.result().sometimes()).containsEntry("probe reached", 1L);
    assertThat(run.records("check.eventually"))
        .singleElement()
        .asString()
        .contains("probe settles")
        .contains("\"holds\":true");
    assertThat(run.result().passed()).isTrue();
  }

  @Test
  void aFailedAlwaysFailsTheRun() {
    WasmServiceTest.Run run = probe("/broken");

    assertThat(run.result().passed()).isFalse();
    assertThat(run.result().failure().orElseThrow().getMessage()).contains("probe broken");
  }

  @Test
  void durableObjectAlarmsAndAllOrNothingTransactions() {
    WasmServiceTest.Run run =
        probe(
            "/do/alarm",
            "/do/list",
            "/do/alarm-cancelled",
            "/do/txn",
            "/do/list",
            "/do/bad-txn",
            "/do/list");

    assertThat(run.outcomes())
        .containsExactly(
            "200 alarm set",
            "200 alarmed=yes;", // the alarm fired a second later and wrote
            "200 alarm set and deleted",
            "200 committed",
            "200 alarmed=yes;b=2;", // put a, put b, delete a: the last op on a key wins
            "500 transaction failed: storage key of 3000 bytes is longer than the maximum of 2048",
            "200 alarmed=yes;b=2;"); // c was not written: all or nothing
    assertThat(run.records("alarm.fired")).hasSize(1);
  }
}
