package dev.w9y.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routes file that JSON Schema and protobuf contracts share: a {@code routes:} list whose
 * entries start with {@code route: METHOD /path/{param}}; what else an entry holds is the format's.
 */
final class RoutesFile {
  private RoutesFile() {}

  /** Compiles one route entry, its method and path already read. */
  interface RouteCompiler {
    Operation compile(ContractFiles.Located route, String method, PathTemplate template);
  }

  static List<Operation> operations(ContractFiles files, String name, RouteCompiler compiler) {
    ContractFiles.Located list = files.at(files.root(), "/routes");
    if (!list.node().isArray()) {
      throw new IllegalArgumentException(
          "contract " + name + " at /routes: expected a list of routes");
    }
    List<Operation> operations = new ArrayList<>();
    for (int i = 0; i < list.node().size(); i++) {
      ContractFiles.Located route = list.child(String.valueOf(i));
      String line = route.node().path("route").asString("");
      String[] parts = line.trim().split("\\s+");
      if (parts.length != 2 || !parts[1].startsWith("/")) {
        throw new IllegalArgumentException(
            "contract "
                + name
                + " at "
                + route.pointer()
                + "/route: expected 'METHOD /path', was '"
                + line
                + "'");
      }
      PathTemplate template;
      try {
        template = new PathTemplate(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "contract " + name + " at " + route.pointer() + "/route: " + e.getMessage());
      }
      operations.add(compiler.compile(route, parts[0].toUpperCase(Locale.ROOT), template));
    }
    return operations;
  }
}
