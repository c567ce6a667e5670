package dev.w9y.guestwasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.http.Request;
import dev.w9y.core.trace.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class WasmServiceTest {
  static byte[] fixture(String name) {
    try (InputStream in = WasmServiceTest.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Run(SimulationResult result, List<String> outcomes) {
    List<String> records(String kind) {
      List<String> found = new ArrayList<>();
      for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
        if (kind.equals(record.path("kind").asString(""))) {
          found.add(record.toString());
        }
      }
      return found;
    }
  }

  static Run run(
      Topology topology, long seed, Consumer<WorkloadDriver> workload, List<String> outcomes) {
    SimulationResult result =
        Simulation.builder(topology)
            .seed(seed)
            .workload(() -> workload::accept)
            .safetyPhase(Duration.ofMinutes(1))
            .build()
            .retainingTrace()
            .run();
    return new Run(result, outcomes);
  }

  static void send(WorkloadDriver driver, Request request, List<String> outcomes) {
    driver
        .fetch(request)
        .whenComplete(
            (response, error) ->
                outcomes.add(
                    error != null
                        ? "failed: " + ((FetchFailed) error).reason()
                        : response.status()
                            + " "
                            + response.body().text()
                            + response
                                .headers()
                                .get("x-echo")
                                .map(v -> " [x-echo " + v + "]")
                                .orElse("")));
  }

  static Topology single(WasmGuest guest) {
    return Topology.builder().service(ServiceSpec.of("api", guest).asPublic()).build();
  }

  @Test
  void theTraceNamesTheModuleByFileNameAndContentNotByWhereItLies(@TempDir Path directory)
      throws IOException {
    Path here = Files.createDirectories(directory.resolve("one")).resolve("echo.wasm");
    Path there = Files.createDirectories(directory.resolve("two/deeper")).resolve("echo.wasm");
    Files.write(here, fixture("echo"));
    Files.write(there, fixture("echo"));
    List<String> outcomes = new ArrayList<>();
    Consumer<WorkloadDriver> workload =
        driver -> send(driver, Request.get("http://api/hello"), outcomes);
    Run fromHere = run(single(WasmGuest.fromFile(here)), 3, workload, outcomes);
    Run fromThere = run(single(WasmGuest.fromFile(there)), 3, workload, outcomes);

    assertThat(fromHere.result().passed()).as(fromHere.result().summary()).isTrue();
    assertThat(fromThere.result().traceSha256()).isEqualTo(fromHere.result().traceSha256());
    String header = fromHere.result().fullTrace().get(0);
    assertThat(header).doesNotContain(directory.toString()).contains("wasm:echo.wasm sha256:");
    // Other bytes under the same name are other code: the header tells them apart.
    Run otherCode =
        run(single(WasmGuest.fromBytes("echo.wasm", fixture("misbehave"))), 3, d -> {}, outcomes);
    assertThat(otherCode.result().fullTrace().get(0)).isNotEqualTo(header);
  }

  @Test
  void aModuleAnswersRequestsThroughTheAbiAndLogsIntoTheTrace() {
    List<String> outcomes = new ArrayList<>();
    Run run =
        run(
            single(WasmGuest.fromBytes("echo.wasm", fixture("echo"))),
            1,
            driver -> {
              send(driver, Request.get("http://api/hello?x=1"), outcomes);
              send(driver, Request.post("http://api/p", "body"), outcomes);
            },
            outcomes);

    assertThat(run.result().passed()).as(run.result().summary()).isTrue();
    assertThat(outcomes)
        .containsExactlyInAnyOrder(
            "200 GET http://api/hello?x=1 [x-echo yes]", "200 POST http://api/p [x-echo yes]");
    assertThat(run.records("console"))
        .anySatisfy(r -> assertThat(r).contains("GET http://api/hello?x=1"));
  }

  private Run misbehave(WasmGuest guest, String... methods) {
    List<String> outcomes = new ArrayList<>();
    return run(
        single(guest),
        1,
        driver -> {
          for (int i = 0; i < methods.length; i++) {
            String method = methods[i];
            driver.after(
                Duration.ofSeconds(i),
                () ->
                    send(
                        driver,
                        new Request(
                            method,
                            "http://api/",
                            dev.w9y.core.http.Headers.EMPTY,
                            dev.w9y.core.http.Body.EMPTY),
                        outcomes));
          }
        },
        outcomes);
  }

  @Test
  void aTrapLosesTheInstanceWhichRestartsWithFreshMemory() {
    Run run =
        misbehave(WasmGuest.fromBytes("misbehave.wasm", fixture("misbehave")), "OK", "TRAP", "OK");

    assertThat(run.outcomes()).hasSize(3);
    assertThat(run.outcomes().get(0)).isEqualTo("200 ok");
    assertThat(run.outcomes().get(1)).startsWith("failed: connection reset");
    assertThat(run.outcomes().get(2)).isEqualTo("200 ok");
    assertThat(run.records("instance.crashed"))
        .singleElement()
        .asString()
        .contains("trap")
        .contains("unreachable")
        .contains("(in export 'w9y_on_request', function 5)");
    assertThat(run.result().passed()).isTrue();
  }

  @Test
  void anEndlessLoopStopsAtTheSameInstructionOnEveryRun() {
    WasmGuest guest =
        WasmGuest.fromBytes("misbehave.wasm", fixture("misbehave")).withInstructionLimit(100_000);
    Run first = misbehave(guest, "SPIN", "OK");
    Run second = misbehave(guest, "SPIN", "OK");

    assertThat(first.outcomes().get(0)).startsWith("failed: connection reset");
    assertThat(first.outcomes().get(1)).isEqualTo("200 ok");
    assertThat(first.records("instance.crashed"))
        .singleElement()
        .asString()
        .contains("ran more than 100000 instructions in one event");
    assertThat(second.result().traceSha256()).isEqualTo(first.result().traceSha256());
  }

  @Test
  void anOutOfBoundsPointerIsAGuestErrorNotAHostException() {
    Run run =
        misbehave(WasmGuest.fromBytes("misbehave.wasm", fixture("misbehave")), "BADPTR", "OK");

    assertThat(run.outcomes().get(0)).startsWith("failed: connection reset");
    assertThat(run.outcomes().get(1)).isEqualTo("200 ok");
    assertThat(run.records("instance.crashed"))
        .singleElement()
        .asString()
        .contains("respond got an out-of-bounds pointer 2147483000 with length 4096");
  }

  @Test
  void memoryGrowsOnlyToTheNamedMaximumAndProcExitEndsTheInstance() {
    Run run =
        misbehave(
            WasmGuest.fromBytes("misbehave.wasm", fixture("misbehave")).withMaxMemoryPages(5),
            "GROW",
            "EXIT",
            "OK");

    assertThat(run.outcomes().get(0)).isEqualTo("200 \u0005");
    assertThat(run.outcomes().get(1)).startsWith("failed: connection reset");
    assertThat(run.outcomes().get(2)).isEqualTo("200 ok");
    assertThat(run.records("instance.crashed")).singleElement().asString().contains("proc_exit(3)");
  }

  @Test
  void badModulesAreNamedAtLoad() {
    HexFormat hex = HexFormat.of();
    byte[] notWasm = "not a module".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] onlyMemory =
        hex.parseHex("0061736d01000000" + "0503010001" + "070a01066d656d6f72790200");
    byte[] foreignImport =
        hex.parseHex("0061736d01000000" + "01040160" + "0000" + "020b0103656e7603666f6f0000");

    assertThatThrownBy(() -> WasmGuest.fromBytes("junk.wasm", notWasm).load("api"))
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("service 'api': junk.wasm is not a valid WebAssembly module");
    assertThatThrownBy(() -> WasmGuest.fromBytes("bare.wasm", onlyMemory).load("api"))
        .hasMessageContaining("does not export 'w9y_alloc'");
    assertThatThrownBy(() -> WasmGuest.fromBytes("foreign.wasm", foreignImport).load("api"))
        .hasMessageContaining("imports env.foo, which the W9Y host does not provide");
  }

  @Test
  void aModuleThatDoesNotLoadFailsTheRunAtBootLikeAnyGuestInsteadOfThrowing() {
    byte[] notWasm = "not a module".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("api", WasmGuest.fromBytes("junk.wasm", notWasm)).asPublic())
            .build();

    SimulationResult result = Simulation.builder(topology).seed(4).build().run();

    assertThat(result.failure()).get().isInstanceOf(dev.w9y.core.UncaughtGuestError.class);
    dev.w9y.core.UncaughtGuestError failure =
        (dev.w9y.core.UncaughtGuestError) result.failure().get();
    assertThat(failure.kind()).isEqualTo(dev.w9y.core.GuestErrorKind.BOOT_FAILURE);
    assertThat(failure.getMessage())
        .contains("seed 4, event #0")
        .contains("junk.wasm is not a valid WebAssembly module");
  }

  @Test
  void theCompilerOptInAnswersAlikeSaysTheBudgetIsOffAndStillRestartsOnTraps() {
    WasmGuest interpreted = WasmGuest.fromBytes("misbehave.wasm", fixture("misbehave"));
    Run compiled = misbehave(interpreted.withCompiler(), "OK", "TRAP", "GROW", "OK");
    Run counted = misbehave(interpreted, "OK", "TRAP", "GROW", "OK");

    assertThat(compiled.outcomes()).isEqualTo(counted.outcomes());
    assertThat(compiled.outcomes().get(1)).startsWith("failed: connection reset");
    assertThat(compiled.records("console"))
        .anySatisfy(r -> assertThat(r).contains("the instruction budget is not enforced"));
    assertThat(counted.records("console")).noneSatisfy(r -> assertThat(r).contains("budget"));
    assertThat(
            misbehave(interpreted.withCompiler(), "OK", "TRAP", "GROW", "OK")
                .result()
                .traceSha256())
        .isEqualTo(compiled.result().traceSha256());
  }

  @Test
  void outOfBoundsMemoryAccessAndRunawayRecursionAreTrapsThatRestartTheInstance() {
    WasmGuest guest = WasmGuest.fromBytes("misbehave.wasm", fixture("misbehave"));
    Run first = misbehave(guest, "LOAD", "DEEP", "OK");
    Run second = misbehave(guest, "LOAD", "DEEP", "OK");

    assertThat(first.outcomes().get(0)).startsWith("failed: connection reset");
    assertThat(first.outcomes().get(1)).startsWith("failed: connection reset");
    assertThat(first.outcomes().get(2)).isEqualTo("200 ok");
    assertThat(first.records("instance.crashed"))
        .hasSize(2)
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("out of bounds")
                    .contains("(in export 'w9y_on_request', function 5)"))
        // The name section's name for the function the recursion overflowed in.
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains(
                        "call stack exhausted (in export 'w9y_on_request', function 3 'deep')"));
    assertThat(second.result().traceSha256()).isEqualTo(first.result().traceSha256());
  }
}
