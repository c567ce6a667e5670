package dev.w9y.guestjs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Modules guests import by bare name and W9Y provides: {@code w9y} (buggify and checks) and {@code
 * cloudflare:workers} (the DurableObject, WorkerEntrypoint and WorkflowEntrypoint base classes) and
 * {@code cloudflare:workflows} (NonRetryableError).
 */
final class BuiltinModules {
  static final List<String> NAMES = List.of("w9y", "cloudflare:workers", "cloudflare:workflows");

  /**
   * The {@code node:*} modules {@code nodejs_compat} provides (prelude/node.js implements them;
   * {@code modules/node-*.mjs} are their ES module faces). Any other {@code node:} import fails
   * with workerd's {@code No such module} words, as it does without the flag.
   */
  static final List<String> NODE_MODULES =
      List.of(
          "assert",
          "async_hooks",
          "buffer",
          "crypto",
          "events",
          "fs",
          "fs/promises",
          "http",
          "https",
          "path",
          "process",
          "querystring",
          "stream",
          "stream/promises",
          "string_decoder",
          "url",
          "util");

  /**
   * Scheme modules {@code nodejs_compat} brings with it: {@code cloudflare:node}'s {@code
   * httpServerHandler} serves through {@code node:http} (prelude/node-http.js).
   */
  static final List<String> NODE_SCHEME_MODULES = List.of("cloudflare:node");

  /** What {@code nodejs_als} alone provides. */
  static final List<String> ALS_MODULES = List.of("async_hooks");

  /** Whether the flags give the whole of Node.js compatibility (modules and globals). */
  static boolean nodeCompat(List<String> flags) {
    return flags.contains("nodejs_compat") || flags.contains("nodejs_compat_v2");
  }

  /** The node modules (names without {@code node:}) the flags provide. */
  static List<String> nodeModules(List<String> flags) {
    if (nodeCompat(flags)) {
      return NODE_MODULES;
    }
    return flags.contains("nodejs_als") ? ALS_MODULES : List.of();
  }

  private BuiltinModules() {}

  static String fileName(String name) {
    return name.replace(':', '-').replace('/', '-') + ".mjs";
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
