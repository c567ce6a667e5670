package dev.w9y.samples.flags;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.kv.KvNamespaceBinding;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature-flag sample (samples/src/main/js/flags): customers hit the storefront's checkout at
 * random moments while the admin rolls the flag out; the rollout must announce the new checkout. KV
 * is eventually consistent (the read cache, and propagation delays as {@code kv.stale-read}
 * faults), so the storefront that reads the flag back right after the admin's write announces the
 * old one on some seeds.
 */
final class FeatureFlags {
  static final Path DIRECTORY = Path.of("src", "main", "js", "flags");

  private FeatureFlags() {}

  static Topology topology(String storefront, KvNamespaceBinding flags) {
    return Topology.builder()
        .service(
            ServiceSpec.of("admin", JsGuest.fromFile(DIRECTORY.resolve("admin.js")))
                .withPlatformBinding("FLAGS", flags)
                .withBinding("STOREFRONT", "storefront")
                .asPublic())
        .service(
            ServiceSpec.of("storefront", JsGuest.fromFile(DIRECTORY.resolve(storefront)))
                .withPlatformBinding("FLAGS", flags)
                .asPublic())
        .build();
  }

  /** KV's faults only: writes reach other locations late (up to 60 s) on a quarter of reads. */
  static final FaultPlan KV_FAULTS = FaultPlan.none().withPlatform(FaultPlan.PlatformFaults.CHAOS);

  static Simulation simulation(String storefront, long seed) {
    return simulation(storefront, seed, KvNamespaceBinding.of("flags"));
  }

  static Simulation simulation(String storefront, long seed, KvNamespaceBinding flags) {
    List<String> announced = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology(storefront, flags))
            .seed(seed)
            .workload(
                () -> {
                  announced.clear();
                  return clients -> {
                    for (int i = 0; i < 3; i++) {
                      clients.after(
                          Duration.ofMillis(clients.random().nextLong(0, 4_000)),
                          () ->
                              clients.fetchExpecting(
                                  Request.get("http://storefront/checkout"), 200));
                    }
                    clients.after(
                        Duration.ofMillis(clients.random().nextLong(0, 4_000)),
                        () ->
                            clients
                                .fetchExpecting(Request.post("http://admin/rollout", ""), 200)
                                .onSuccess(response -> announced.add(response.body().text())));
                  };
                })
            .always(
                "the rollout announces the new checkout",
                world -> announced.isEmpty() || announced.get(0).equals("announced v2"))
            .eventually("the rollout is announced", world -> !announced.isEmpty())
            .build();
    return KV_FAULTS.applyTo(simulation);
  }
}
