package dev.w9y.core.d1;

import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformBinding;

/**
 * A binding to a D1 database (wrangler: {@code [[d1_databases]] binding, database_name,
 * database_id}). Every binding with the same {@code databaseId}, in any service, reaches the same
 * database.
 *
 * @param databaseName the database's name (the trace names the database {@code d1:<name>})
 * @param databaseId the database's id: what makes two bindings the same database
 * @param migrations the migrations the database starts with (null: none, it starts empty); the
 *     first binding to open the database applies its own
 */
public record D1DatabaseBinding(String databaseName, String databaseId, D1Migrations migrations)
    implements PlatformBinding {
  public D1DatabaseBinding {
    if (databaseId == null || databaseId.isBlank()) {
      throw new IllegalArgumentException("a D1 database needs a database_id");
    }
    if (databaseName == null || databaseName.isBlank()) {
      databaseName = databaseId;
    }
  }

  /** A database without migrations: it starts empty. */
  public D1DatabaseBinding(String databaseName, String databaseId) {
    this(databaseName, databaseId, null);
  }

  /** A database named and identified by {@code name}. */
  public static D1DatabaseBinding named(String name) {
    return new D1DatabaseBinding(name, name);
  }

  @Override
  public String kind() {
    return "d1";
  }

  @Override
  public String describe() {
    return "d1 database " + databaseName + " (" + databaseId + ")";
  }

  @Override
  public Object open(PlatformAccess access) {
    D1Databases databases = access.platform().shared(D1Databases.class, D1Databases::new);
    return new D1Client(access, databases.database(this));
  }
}
