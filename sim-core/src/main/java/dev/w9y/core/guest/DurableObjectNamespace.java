package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;

/** A durable-object namespace binding (Workers: {@code env.COUNTER}). */
public interface DurableObjectNamespace {
  /** The id for {@code name}: a stable hash of namespace and name, the same in every run. */
  DurableObjectId idFromName(String name);

  /** A new id from the run's seeded stream. */
  DurableObjectId newUniqueId();

  /** Parses an id's hex form; throws IllegalArgumentException if it is not one. */
  DurableObjectId idFromString(String hex);

  /** Sends a request to the object (Workers: {@code env.COUNTER.get(id).fetch(request)}). */
  Promise<Response> fetch(DurableObjectId id, Request request);
}
