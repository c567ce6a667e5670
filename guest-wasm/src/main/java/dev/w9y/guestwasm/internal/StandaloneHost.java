package dev.w9y.guestwasm.internal;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectNamespace;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.TimerHandle;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A host outside any simulation, for {@link WasmInstances}: a fixed clock, a seeded stream, and
 * logs kept in {@link #trace}. No network, timers or durable objects.
 */
public final class StandaloneHost implements ServiceHost {
  public final List<String> trace = new ArrayList<>();
  final RandomStream random = RandomStream.root(7).child("snapshot-test");

  @Override
  public String serviceName() {
    return "api";
  }

  @Override
  public String actor() {
    return "api#0";
  }

  @Override
  public Promise<Response> fetch(Request request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Promise<Response> fetchBinding(String b, Request r) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DurableObjectNamespace durableObjects(String binding) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, String> vars() {
    return Collections.emptyMap();
  }

  @Override
  public List<String> serviceBindings() {
    return List.of();
  }

  @Override
  public List<String> durableObjectBindings() {
    return List.of();
  }

  @Override
  public TimerHandle setTimer(long delayNanos, Runnable callback) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long nowNanos() {
    return 1_000;
  }

  @Override
  public long epochMillis() {
    return 1_767_225_600_000L;
  }

  @Override
  public RandomStream random() {
    return random;
  }

  @Override
  public void log(String level, String message) {
    trace.add(level + " " + message);
  }

  @Override
  public void always(String name, boolean holds, String detail) {}

  @Override
  public void sometimes(String name, boolean happened) {}

  @Override
  public boolean buggify(String site) {
    return false;
  }

  @Override
  public void eventually(String name, boolean holds) {}

  @Override
  public void waitUntil(Promise<?> work) {}

  @Override
  public void reportError(String where, String description) {
    trace.add("error " + description);
  }

  @Override
  public void instanceLost(String reason) {
    trace.add("lost " + reason);
  }
}
