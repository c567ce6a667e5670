package dev.w9y.selfcheck;

import dev.w9y.core.Workload;
import dev.w9y.core.http.Request;
import dev.w9y.scheduler.RandomStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/** What the guest topologies of the self-check share: their workload and their resources. */
final class GuestWorkloads {
  private GuestWorkloads() {}

  /**
   * GETs {@code url} {@code requests} times (scaled) at seeded moments within {@code window},
   * noting every outcome so it lands in the trace.
   */
  static Workload requestsAtRandomMoments(String url, int requests, Duration window) {
    return driver -> {
      RandomStream random = driver.random();
      for (int i = 0; i < driver.scaled(requests); i++) {
        driver.after(
            Duration.ofMillis(random.nextLong(0, window.toMillis())),
            () ->
                driver
                    .fetch(Request.get(url))
                    .whenComplete(
                        (response, error) ->
                            driver.note(
                                error != null
                                    ? "failed " + error.getMessage()
                                    : response.status() + " " + response.body().text())));
      }
    };
  }

  /** A resource of this package, e.g. {@code js/gateway.js}. */
  static byte[] resource(String name) {
    try (InputStream in = GuestWorkloads.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
