package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A durable-object namespace bound from another service reaches the very same objects. */
class CrossServiceObjectsTest {
  @Test
  void twoServicesShareOneNamespacesObjects() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "counter", JsGuest.fromSource("counter.js", JsDurableObjectTest.COUNTER))
                    .withDurableObject("COUNTER", "Counter")
                    .asPublic())
            .service(
                ServiceSpec.of(
                        "reporter",
                        JsGuest.fromSource(
                            "reporter.js",
                            """
                            export default {
                              fetch: (request, env) =>
                                env.COUNTS.get(env.COUNTS.idFromName("shared")).fetch("http://counter/"),
                            };
                            """))
                    .withDurableObjectsOf("COUNTS", "counter", "COUNTER")
                    .asPublic())
            .build();
    List<String> outcomes = new ArrayList<>();
    JsWorld world =
        JsWorld.run(
            topology,
            2,
            driver -> {
              JsWorld.send(driver, Request.get("http://counter/?name=shared"), outcomes);
              driver.after(
                  Duration.ofSeconds(1),
                  () -> JsWorld.send(driver, Request.get("http://reporter/"), outcomes));
              driver.after(
                  Duration.ofSeconds(2),
                  () -> JsWorld.send(driver, Request.get("http://counter/?name=shared"), outcomes));
            },
            outcomes);

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 1", "200 2", "200 3");
    assertThat(world.records("object.started")).hasSize(1);
  }

  @Test
  void aBindingToAMissingNamespaceIsNamedWhenTheTopologyIsBuilt() {
    assertThatThrownBy(
            () ->
                Topology.builder()
                    .service(ServiceSpec.of("a", JsGuest.fromSource("a.js", "export default {};")))
                    .service(
                        ServiceSpec.of("b", JsGuest.fromSource("b.js", "export default {};"))
                            .withDurableObjectsOf("X", "a", "ROOMS"))
                    .build())
        .hasMessageContaining(
            "service 'b': durable-object binding X points to service 'a', which declares no namespace ROOMS");
  }
}
