package dev.w9y.guestjs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Modules guests import by bare name and W9Y provides: {@code w9y} (buggify and checks) and {@code
 * cloudflare:workers} (the DurableObject and WorkerEntrypoint base classes).
 */
final class BuiltinModules {
  static final List<String> NAMES = List.of("w9y", "cloudflare:workers");

  private BuiltinModules() {}

  static String fileName(String name) {
    return name.replace(':', '-') + ".mjs";
  }

  static String source(String name) {
    String resource = "/dev/w9y/guestjs/modules/" + fileName(name);
    try (InputStream in = BuiltinModules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in module missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
