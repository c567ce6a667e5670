package dev.w9y.core;

import dev.w9y.core.platform.PlatformContext;
import dev.w9y.scheduler.RandomStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The world as platform services (dev.w9y.core.platform) see it, and the state they share, one
 * object per type, made on first use in whatever event first needs it (so a run without KV or
 * queues makes none, and draws nothing from their random streams).
 */
final class PlatformServices implements PlatformContext {
  private final World world;
  private final Map<Class<?>, Object> shared = new LinkedHashMap<>();

  PlatformServices(World world) {
    this.world = world;
  }

  @Override
  public Topology topology() {
    return world.topology();
  }

  @Override
  public long nowNanos() {
    return world.nowNanos();
  }

  @Override
  public long epochMillis() {
    return world.epochMillis();
  }

  @Override
  public RandomStream random(String name) {
    // Own namespace, so a platform stream never collides with the network's or the faults'.
    return world.scheduler().random("platform/" + name);
  }

  @Override
  public Cancellable schedule(
      long delayNanos, String actor, String kind, Map<String, Object> details, Runnable action) {
    return world.schedule(delayNanos, actor, kind, details, action)::cancel;
  }

  @Override
  public void record(String actor, String kind, Map<String, Object> details) {
    world.record(actor, kind, details);
  }

  @Override
  public dev.w9y.core.storage.StorageHooks storageHooks() {
    return world.storageHooks();
  }

  /**
   * The run has ended: shared state that holds memory outside the JVM's garbage collector (a D1
   * database's SQLite connection) frees it; the state stays readable only where it says so.
   */
  void release() {
    for (Object state : shared.values()) {
      if (state instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // Freeing memory only; nothing to report.
        }
      }
    }
  }

  @Override
  public <H> H hooks(Class<H> type, H none) {
    Object hooks = world.hooks(); // the fault injector implements every hook interface
    return type.isInstance(hooks) ? type.cast(hooks) : none;
  }

  @Override
  public Dispatch dispatch(String service, String kind, Object event, boolean errorsEscape) {
    ServiceRuntime runtime = world.services().get(service);
    ServiceRuntime.Instance instance =
        runtime == null ? null : runtime.pickInstance(random("dispatch/" + service));
    if (instance == null) {
      return null;
    }
    return new Dispatch(instance.actor(), instance.dispatch(kind, event, errorsEscape));
  }

  @Override
  public <S> S shared(Class<S> type, Function<PlatformContext, S> create) {
    Object existing = shared.get(type);
    if (existing == null) {
      existing = create.apply(this);
      shared.put(type, existing);
    }
    return type.cast(existing);
  }
}
