package dev.w9y.selfcheck;

import dev.w9y.core.Workload;
import dev.w9y.core.http.Request;
import dev.w9y.scheduler.AllowNondeterminism;
import dev.w9y.scheduler.RandomStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

  /**
   * Where topology files are extracted: the directory named by {@value
   * JsWorkload#CHECKOUT_PROPERTY} or {@value JsWorkload#CHECKOUT_VARIABLE}, else a fresh temporary
   * directory. The determinism check gives each process a different one, as two clones of a
   * repository would be.
   */
  @AllowNondeterminism(reason = "chooses where files lie, which the trace must not depend on")
  static Path checkoutDirectory() {
    String named =
        System.getProperty(
            JsWorkload.CHECKOUT_PROPERTY, System.getenv(JsWorkload.CHECKOUT_VARIABLE));
    try {
      return named != null ? Path.of(named) : Files.createTempDirectory("w9y-selfcheck-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the resources {@code resourceDir + file} under {@code directory}; returns it. */
  static Path extract(Path directory, String resourceDir, List<String> files) {
    try {
      for (String file : files) {
        Path target = directory.resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, resource(resourceDir + file));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the self-check's files to " + directory, e);
    }
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
