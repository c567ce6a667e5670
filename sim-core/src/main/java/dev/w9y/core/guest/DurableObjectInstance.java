package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;

/** One live durable object: its memory. Storage lives in the world and survives a crash. */
public interface DurableObjectInstance {
  Promise<Response> fetch(Request request);

  /** The alarm handler; a rejection makes the world retry the alarm with backoff. */
  default Promise<Void> alarm() {
    return Promise.rejected(new GuestException("durable object has no alarm handler"));
  }

  /**
   * The alarm handler with what workerd passes to {@code alarm(alarmInfo)}: the alarm's scheduled
   * time and how often it was retried. By default {@link #alarm()}.
   */
  default Promise<Void> alarm(AlarmInfo info) {
    return alarm();
  }

  /**
   * The alarm being delivered: its scheduled time (epoch ms) and its retry count (0 the first
   * time).
   */
  record AlarmInfo(long scheduledTimeEpochMillis, int retryCount) {
    public boolean isRetry() {
      return retryCount > 0;
    }
  }

  /**
   * A message on a socket the object accepted for hibernation ({@code socket}: its connection id;
   * {@code text}: {@code data} is UTF-8 text): workerd's {@code webSocketMessage(ws, message)}.
   */
  default Promise<Void> webSocketMessage(String socket, byte[] data, boolean text) {
    return Promise.rejected(new GuestException("durable object has no webSocketMessage handler"));
  }

  /**
   * A hibernatable socket closed: workerd's {@code webSocketClose(ws, code, reason, wasClean)} (and
   * {@code webSocketError} first when the connection broke, code 1006).
   */
  default Promise<Void> webSocketClose(String socket, int code, String reason, boolean wasClean) {
    return Promise.rejected(new GuestException("durable object has no webSocketClose handler"));
  }

  /**
   * Whether the instance waits for nothing of its own (no timers set): with nothing else in flight,
   * the object is idle and may hibernate.
   */
  default boolean isQuiescent() {
    return true;
  }

  /** Drops all in-memory state. */
  void crash();

  /** The run has ended: as {@link ServiceInstance#release()}. */
  default void release() {}

  /** An instance made of three functions: how guest runtimes adapt their own instance types. */
  static DurableObjectInstance of(
      java.util.function.Function<Request, Promise<Response>> fetch,
      java.util.function.Supplier<Promise<Void>> alarm,
      Runnable crash) {
    return of(fetch, alarm, crash, () -> {});
  }

  /**
   * As {@link #of(java.util.function.Function, java.util.function.Supplier, Runnable)}, with what
   * {@link #release} does.
   */
  static DurableObjectInstance of(
      java.util.function.Function<Request, Promise<Response>> fetch,
      java.util.function.Supplier<Promise<Void>> alarm,
      Runnable crash,
      Runnable release) {
    return new DurableObjectInstance() {
      @Override
      public Promise<Response> fetch(Request request) {
        return fetch.apply(request);
      }

      @Override
      public Promise<Void> alarm() {
        return alarm.get();
      }

      @Override
      public void crash() {
        crash.run();
      }

      @Override
      public void release() {
        release.run();
      }
    };
  }

  /**
   * How errors and traces name an object: {@code durable object Counter 3fa4c2d1e0b9 of service
   * 'api'}.
   */
  static String describe(String className, DurableObjectId id, String serviceName) {
    return "durable object "
        + className
        + " "
        + id.hex().substring(0, 12)
        + " of service '"
        + serviceName
        + "'";
  }
}
