package dev.w9y.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.scheduler.Distribution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyFileTest {
  private static final Path DIR = Path.of("src/test/resources/topology");

  private static TopologyFileException failure(String yaml) {
    try {
      TopologyFile.parse(yaml, "w9y.yaml", DIR);
    } catch (TopologyFileException e) {
      return e;
    }
    throw new AssertionError("expected the topology to be rejected:\n" + yaml);
  }

  @Test
  void r2BucketsAreBindingsByName() {
    String yaml =
        "services:\n"
            + "  shop:\n"
            + "    kind: java\n"
            + "    entry: dev.w9y.core.topology.Echo\n"
            + "    r2: {UPLOADS: uploads}\n";
    ServiceSpec shop = TopologyFile.parse(yaml, "w9y.yaml", DIR).topology().service("shop");
    assertThat(shop.platformBindings())
        .containsExactly(Map.entry("UPLOADS", new dev.w9y.core.r2.R2BucketBinding("uploads")));
    assertThat(
            failure(
                "services:\n"
                    + "  shop:\n"
                    + "    kind: java\n"
                    + "    entry: dev.w9y.core.topology.Echo\n"
                    + "    r2: {UPLOADS: \" \"}\n"))
        .hasMessageContaining("w9y.yaml:5")
        .hasMessageContaining("an R2 bucket needs a non-empty bucket name");
  }

  @Test
  void kvNamespacesAndQueuesAreBindingsAndConsumers() {
    String yaml =
        "services:\n"
            + "  shop:\n"
            + "    kind: java\n"
            + "    entry: dev.w9y.core.topology.Echo\n"
            + "    kv: {FLAGS: flags, SESSIONS: {namespace: sessions, strict: true}}\n"
            + "    queues:\n"
            + "      producers: {JOBS: jobs, LATER: {queue: later, deliveryDelay: 30}}\n"
            + "      consumers:\n"
            + "        - {queue: jobs, maxBatchSize: 50, maxRetries: 0, deadLetterQueue: dead}\n"
            + "        - {queue: dead}\n";
    ServiceSpec shop = TopologyFile.parse(yaml, "w9y.yaml", DIR).topology().service("shop");
    assertThat(shop.platformBindings())
        .containsExactly(
            Map.entry("FLAGS", dev.w9y.core.kv.KvNamespaceBinding.of("flags")),
            Map.entry("SESSIONS", dev.w9y.core.kv.KvNamespaceBinding.strict("sessions")),
            Map.entry("JOBS", dev.w9y.core.queue.QueueProducerBinding.of("jobs")),
            Map.entry("LATER", new dev.w9y.core.queue.QueueProducerBinding("later", 30)));
    assertThat(shop.platformTriggers())
        .containsExactly(
            new dev.w9y.core.queue.QueueConsumer("jobs", 50, 5, 0, "dead", 0),
            dev.w9y.core.queue.QueueConsumer.of("dead"));
    assertThat(
            failure(
                "services:\n"
                    + "  shop:\n"
                    + "    kind: java\n"
                    + "    entry: dev.w9y.core.topology.Echo\n"
                    + "    queues: {consumers: [{queue: jobs, maxRetries: 101}]}\n"))
        .hasMessageContaining("w9y.yaml:5")
        .hasMessageContaining(
            "consumer of queue jobs: max_retries must be between 0 and 100, was 101");
  }

  @Test
  void aCompleteFileBuildsTheSameTopologyTheBuilderWould() {
    TopologyFile.TopologyDocument document = TopologyFile.read(DIR.resolve("good.yaml"));
    Topology topology = document.topology();

    assertThat(topology.epochMillis())
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    assertThat(topology.connectTimeoutNanos()).isEqualTo(Duration.ofSeconds(3).toNanos());
    assertThat(topology.latency()).isInstanceOf(Distribution.LongTail.class);
    assertThat(topology.storageReadLatency()).isEqualTo(new Distribution.Fixed(1_000_000));
    assertThat(topology.service("front").isPublic()).isTrue();
    assertThat(topology.service("front").hostnames()).containsExactly("front", "www.example.com");
    assertThat(topology.service("front").bindings()).containsEntry("BACKEND", "backend");
    assertThat(topology.service("front").crons()).containsExactly("@daily");
    assertThat(topology.service("backend").instances()).isEqualTo(2);
    assertThat(topology.service("backend").code().kind()).isEqualTo("java");
    assertThat(document.faults()).isInstanceOf(Map.class);
  }

  @Test
  void aLoadedTopologyRuns() {
    List<String> answers = new ArrayList<>();
    Simulation.builder(TopologyFile.load(DIR.resolve("good.yaml")))
        .seed(5)
        .workload(
            () ->
                driver ->
                    driver
                        .fetch(Request.get("http://www.example.com/"))
                        .onSuccess(r -> answers.add(r.body().text())))
        .build()
        .run()
        .orThrow();

    assertThat(answers).containsExactly("hello from a file via yaml");
  }

  private static final String WORKLOAD_TOPOLOGY =
      "services:\n"
          + "  front: {kind: java, entry: dev.w9y.core.topology.Echo, public: true,"
          + " bindings: {BACKEND: backend}, vars: {GREETING: yaml}}\n"
          + "  backend: {kind: static, entry: hello.txt}\n";

  private static Simulation workloadSimulation(String workload, long seed) {
    TopologyFile.TopologyDocument document =
        TopologyFile.parse(WORKLOAD_TOPOLOGY + workload, "w9y.yaml", DIR);
    return Simulation.builder(document.topology())
        .seed(seed)
        .workload(document.workload().orElseThrow()::newWorkload)
        .build()
        .retainingTrace();
  }

  private static List<String> sent(SimulationResult result) {
    List<String> urls = new ArrayList<>();
    for (String line : result.fullTrace()) {
      tools.jackson.databind.JsonNode record = dev.w9y.core.http.Json.MAPPER.readTree(line);
      if (record.path("kind").asString().equals("request.sent")
          && record.path("actor").asString().equals("workload")) {
        urls.add(record.path("url").asString());
      }
    }
    return urls;
  }

  @Test
  void aWorkloadSectionMakesTheFileARunnableSimulation() {
    String workload =
        "workload:\n"
            + "  requests:\n"
            + "    - {url: 'http://front/one', at: 10ms, expect: 200}\n"
            + "    - {url: 'http://front/buy?buyer={i}', count: 4, within: 200ms, expect: [200, 409]}\n"
            + "  afterHealed:\n"
            + "    settle: 2s\n"
            + "    requests: [{method: POST, url: 'http://front/check', body: x, expect: 200}]\n";
    TopologyWorkload parsed =
        TopologyFile.parse(WORKLOAD_TOPOLOGY + workload, "w9y.yaml", DIR).workload().orElseThrow();
    assertThat(parsed.requests()).hasSize(2);
    assertThat(parsed.requests().get(1).expect()).containsExactly(200, 409);
    assertThat(parsed.requests().get(1).withinNanos()).isEqualTo(200_000_000L);
    assertThat(parsed.afterHealed().orElseThrow().settleNanos()).isEqualTo(2_000_000_000L);
    assertThat(parsed.afterHealed().orElseThrow().requests().get(0).method()).isEqualTo("POST");
  }

  @Test
  void aWorkloadSendsItsRequestsScaledAndFailsTheSeedOnAnUnexpectedStatus() {
    String workload =
        "workload:\n"
            + "  requests:\n"
            + "    - {url: 'http://front/buy?buyer={i}', count: 4, within: 200ms, expect: [200, 409]}\n"
            + "  afterHealed:\n"
            + "    requests: [{url: 'http://front/check', expect: 200}]\n";
    SimulationResult passing = workloadSimulation(workload, 7).run();
    assertThat(passing.passed()).as(passing.summary()).isTrue();
    assertThat(passing.workloadSized()).isTrue();
    assertThat(sent(passing))
        .containsExactlyInAnyOrder(
            "http://front/buy?buyer=0",
            "http://front/buy?buyer=1",
            "http://front/buy?buyer=2",
            "http://front/buy?buyer=3",
            "http://front/check");
    // The shrinker's smaller workload sends fewer copies; a single request stays.
    assertThat(sent(workloadSimulation(workload, 7).withWorkloadPercent(50).run())).hasSize(3);
    // The same seed is the same run; another seed draws other moments.
    assertThat(workloadSimulation(workload, 7).run().traceSha256())
        .isEqualTo(passing.traceSha256());
    assertThat(workloadSimulation(workload, 8).run().traceSha256())
        .isNotEqualTo(passing.traceSha256());

    SimulationResult failing =
        workloadSimulation(workload.replace("expect: 200}", "expect: [201, 202]}"), 7).run();
    assertThat(failing.passed()).isFalse();
    assertThat(failing.failure().orElseThrow().getMessage())
        .contains("GET http://front/check answered 200, expected 201 or 202");
  }

  @Test
  void workloadMistakesNameTheirLineAndKey() {
    TopologyFileException e =
        failure(
            WORKLOAD_TOPOLOGY + "workload:\n  requests:\n    - {url: 'http://front/', cnt: 3}\n");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.key()).isEqualTo("workload.requests[0].cnt");
    assertThat(e).hasMessageContaining("unknown key (allowed here: method, url, body, at, count");
    assertThat(failure(WORKLOAD_TOPOLOGY + "workload:\n  requests: [{url: 'http://nowhere/'}]\n"))
        .hasMessageContaining(
            "workload.requests[0].url: no service of this topology answers host 'nowhere'");
    assertThat(
            failure(
                WORKLOAD_TOPOLOGY
                    + "workload:\n  requests: [{url: 'http://front/', expect: [200, 9000]}]\n"))
        .hasMessageContaining("workload.requests[0].expect: is not an HTTP status");
    assertThat(
            failure(
                WORKLOAD_TOPOLOGY
                    + "workload:\n  requests: [{url: 'http://front/', within: soon}]\n"))
        .hasMessageContaining("workload.requests[0].within: expected a duration");
    assertThat(
            failure(
                WORKLOAD_TOPOLOGY + "workload:\n  requests: [{url: 'http://front/', count: 0}]\n"))
        .hasMessageContaining("workload.requests[0].count: must be at least 1");
    assertThat(failure(WORKLOAD_TOPOLOGY + "workload:\n  requests: [{url: 'front'}]\n"))
        .hasMessageContaining("workload.requests[0].url:");
    assertThat(failure(WORKLOAD_TOPOLOGY + "workload:\n  afterHealed: {settle: 1s}\n"))
        .hasMessageContaining("workload.afterHealed.requests: is required");
    assertThat(failure(WORKLOAD_TOPOLOGY + "workload: {}\n"))
        .hasMessageContaining("workload: has no requests");
  }

  @Test
  void anUnknownKeyNamesTheFileLineAndKey() {
    TopologyFileException e =
        failure(
            "services:\n  a:\n    kind: java\n    entry: dev.w9y.core.topology.Echo\n    pubilc: true\n");

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.key()).isEqualTo("services.a.pubilc");
    assertThat(e)
        .hasMessageStartingWith(
            "w9y.yaml:5:5: services.a.pubilc: unknown key (allowed here: kind, entry, public");
  }

  @Test
  void allowEvalOnAGuestWithoutEvalIsAnErrorAtItsLine() {
    TopologyFileException e =
        failure("services:\n  a:\n    kind: static\n    entry: hello.txt\n    allowEval: true\n");

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.key()).isEqualTo("services.a.allowEval");
    assertThat(e.getMessage()).contains("allowEval applies to JavaScript guests only");
  }

  @Test
  void aMissingFileIsNamedWithItsPath() {
    TopologyFileException e =
        failure("services:\n  a:\n    kind: static\n    entry: nowhere.txt\n");

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.key()).isEqualTo("services.a.entry");
    assertThat(e.getMessage()).contains("file not found").contains("nowhere.txt");
  }

  @Test
  void aDuplicateServiceNameIsAnErrorAtTheSecondDefinition() {
    TopologyFileException e =
        failure(
            "services:\n  a:\n    kind: static\n    entry: hello.txt\n  a:\n    kind: static\n    entry: hello.txt\n");

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.getMessage()).contains("services.a: duplicate key (first defined at line 2)");
  }

  @Test
  void aDanglingBindingNamesTheMissingService() {
    TopologyFileException e =
        failure(
            "services:\n  a:\n    kind: static\n    entry: hello.txt\n    bindings: {USERS: users}\n");

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.key()).isEqualTo("services.a.bindings.USERS");
    assertThat(e.getMessage())
        .contains("binds to service 'users', which the topology does not define");
  }

  @Test
  void badValuesAreNamedPrecisely() {
    assertThat(
            failure(
                "network: {latency: 10 ms later}\nservices: {a: {kind: static, entry: hello.txt}}\n"))
        .hasMessageContaining("network.latency: expected a duration like 250ms");
    assertThat(failure("services: {a: {kind: static, entry: hello.txt, crons: ['0 25 * * *']}}\n"))
        .hasMessageContaining("services.a.crons: cron '0 25 * * *': hour value 25 is outside 0-23");
    assertThat(failure("services: {a: {kind: cobol, entry: x}}\n"))
        .hasMessageContaining("unknown guest kind 'cobol'");
    assertThat(failure("services: {a: {kind: java, entry: com.example.Missing}}\n"))
        .hasMessageContaining("class com.example.Missing is not on the classpath");
    assertThat(failure("services: {a: {kind: static, entry: hello.txt, instances: 0}}\n"))
        .hasMessageContaining("services.a.instances: must be 1..64");
    assertThat(failure("services: {a: {kind: static}}\n"))
        .hasMessageContaining("services.a.entry: is required");
    assertThat(failure("services: {Bad_Name: {kind: static, entry: hello.txt}}\n"))
        .hasMessageContaining("service names are lower-case");
    assertThat(failure("services: [a, b]\n")).hasMessageContaining("expected a mapping");
    assertThat(failure("services: {a: {kind: static, entry: hello.txt}\n"))
        .hasMessageContaining("not valid YAML");
    assertThat(failure("")).hasMessageContaining("the file is empty");
  }

  @Test
  void aHostnameClaimedTwiceIsRejected() {
    assertThatThrownBy(
            () ->
                TopologyFile.parse(
                    "services:\n  a: {kind: static, entry: hello.txt, hostnames: [x.com]}\n  b: {kind: static, entry: hello.txt, hostnames: [x.com]}\n",
                    "w9y.yaml",
                    DIR))
        .isInstanceOf(TopologyFileException.class)
        .hasMessageContaining("hostname 'x.com' is claimed by both 'a' and 'b'");
  }

  @Test
  void durableObjectsOfBindsAnotherServicesNamespaceAndABadTargetNamesTheKey() {
    String yaml =
        "services:\n"
            + "  rooms:\n    kind: java\n    entry: dev.w9y.core.topology.Echo\n"
            + "    durableObjects: {ROOMS: dev.w9y.core.topology.Room}\n"
            + "  lobby:\n    kind: java\n    entry: dev.w9y.core.topology.Echo\n"
            + "    durableObjectsOf: {SHARED: rooms/ROOMS}\n";
    Topology topology = TopologyFile.parse(yaml, "w9y.yaml", DIR).topology();

    assertThat(topology.service("lobby").objectBindings()).containsEntry("SHARED", "rooms/ROOMS");
    TopologyFileException e = failure(yaml.replace("rooms/ROOMS", "rooms"));
    assertThat(e.key()).isEqualTo("services.lobby.durableObjectsOf.SHARED");
    assertThat(e.getMessage()).contains("must be <service>/<NAMESPACE>");
  }

  @Test
  void entrypointsNameTheClassABindingReachesAndMustNameABinding() {
    String yaml =
        "services:\n"
            + "  back:\n    kind: static\n    entry: hello.txt\n"
            + "  front:\n    kind: static\n    entry: hello.txt\n"
            + "    bindings: {ADDER: back, PLAIN: back}\n"
            + "    entrypoints: {ADDER: Adder}\n";
    Topology topology = TopologyFile.parse(yaml, "w9y.yaml", DIR).topology();

    assertThat(topology.service("front").bindings()).containsEntry("ADDER", "back");
    assertThat(topology.service("front").entrypoints())
        .containsExactly(Map.entry("ADDER", "Adder"));
    TopologyFileException e = failure(yaml.replace("{ADDER: Adder}", "{OTHER: Adder}"));
    assertThat(e.key()).isEqualTo("services.front.entrypoints.OTHER");
    assertThat(e.getMessage()).contains("OTHER, which is not under bindings");
  }
}
