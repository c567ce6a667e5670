package dev.w9y.core.d1;

import dev.w9y.core.platform.PlatformContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** The world's D1 databases, by database id, each made when a guest first opens a binding to it. */
final class D1Databases implements AutoCloseable {
  private final PlatformContext platform;
  private final Map<String, D1Database> byId = new LinkedHashMap<>();

  D1Databases(PlatformContext platform) {
    this.platform = platform;
  }

  D1Database database(D1DatabaseBinding binding) {
    D1Database database = byId.get(binding.databaseId());
    if (database == null) {
      database = new D1Database(platform, binding);
      byId.put(binding.databaseId(), database);
    }
    return database;
  }

  @Override
  public void close() {
    byId.values().forEach(D1Database::close);
  }
}
