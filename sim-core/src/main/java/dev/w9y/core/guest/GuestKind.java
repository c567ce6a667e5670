package dev.w9y.core.guest;

import java.nio.file.Path;
import java.util.List;

/**
 * A kind of guest that topology files can name ({@code kind: js}). Runtimes register theirs with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/dev.w9y.core.guest.GuestKind};
 * sim-core registers {@code java}.
 */
public interface GuestKind {
  /** The name topology files use. */
  String name();

  /**
   * The code of one service.
   *
   * @param serviceName the service, for errors
   * @param entry the {@code entry} value: a file relative to {@code baseDirectory} (js, wasm) or a
   *     class name (java)
   * @param baseDirectory the directory of the topology file
   * @param durableObjectClasses the class names the service's namespaces use
   * @throws GuestException or IllegalArgumentException saying what is wrong with the entry
   */
  GuestCode load(
      String serviceName, String entry, Path baseDirectory, List<String> durableObjectClasses);

  /**
   * The code of a Worker from a wrangler project: its entry module {@code main} and the module
   * files under {@code projectRoot}, typed by {@code rules} before wrangler's defaults. Only the
   * {@code js} kind supports it.
   *
   * @param origin how the code is named in errors and the trace; free of absolute paths
   */
  default GuestCode loadProject(
      String serviceName, Path projectRoot, String main, List<ModuleRule> rules, String origin) {
    throw new UnsupportedOperationException(
        "the " + name() + " guest kind cannot run a wrangler project's Worker");
  }
}
