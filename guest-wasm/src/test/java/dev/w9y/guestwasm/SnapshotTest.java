package dev.w9y.guestwasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.guestwasm.internal.StandaloneHost;
import dev.w9y.guestwasm.internal.WasmInstances;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  @Test
  void snapshotThenRestoreThenReRunGivesTheSameResultAndTrace() {
    StandaloneHost host = new StandaloneHost();
    WasmInstances.Handle echo =
        WasmInstances.start(
            WasmGuest.fromBytes("echo.wasm", WasmServiceTest.fixture("echo")), "api", host);
    echo.deliver(Request.get("http://api/warm")).get();
    Object before = echo.snapshot();

    Response first = echo.deliver(Request.get("http://api/one")).get();
    List<String> firstTrace = new ArrayList<>(host.trace);
    String after = WasmInstances.Handle.digest(echo.snapshot());
    assertThat(after).isNotEqualTo(WasmInstances.Handle.digest(before)); // the call wrote memory
    echo.restore(before);
    assertThat(WasmInstances.Handle.digest(echo.snapshot()))
        .isEqualTo(WasmInstances.Handle.digest(before));
    host.trace.clear();
    host.trace.addAll(firstTrace.subList(0, 1));
    Response again = echo.deliver(Request.get("http://api/one")).get();

    assertThat(again.body().text()).isEqualTo(first.body().text()).isEqualTo("GET http://api/one");
    assertThat(host.trace).isEqualTo(firstTrace);
    assertThat(WasmInstances.Handle.digest(echo.snapshot())).isEqualTo(after);
  }

  @Test
  void memoryThatGrewSinceTheSnapshotCannotBeRestored() {
    StandaloneHost host = new StandaloneHost();
    WasmInstances.Handle guest =
        WasmInstances.start(
            WasmGuest.fromBytes("misbehave.wasm", WasmServiceTest.fixture("misbehave"))
                .withMaxMemoryPages(3),
            "api",
            host);
    Object small = guest.snapshot();
    guest
        .deliver(
            new Request(
                "GROW",
                "http://api/",
                dev.w9y.core.http.Headers.EMPTY,
                dev.w9y.core.http.Body.EMPTY))
        .get();

    assertThat(guest.memoryPages()).isEqualTo(3);
    assertThatThrownBy(() -> guest.restore(small))
        .hasMessageContaining("memory grew from 1 to 3 pages");
  }
}
