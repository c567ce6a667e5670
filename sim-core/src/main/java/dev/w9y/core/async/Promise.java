package dev.w9y.core.async;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A single-threaded promise: the value of an operation that completes in a later simulation event
 * (a response, a storage read, a timer). Plain-Java guests compose them the way JavaScript code
 * awaits; the host settles them from inside scheduler events.
 *
 * <p>Continuations run synchronously, at the moment the promise settles (or at once, if it already
 * has), inside the event that settled it — never on another thread and never "later". That keeps
 * every continuation inside the event that caused it, which is what the trace, the durable-object
 * gates and determinism rely on. A continuation that throws rejects the promise it returned.
 */
public final class Promise<T> {
  private enum State {
    PENDING,
    FULFILLED,
    REJECTED
  }

  private State state = State.PENDING;
  private T value;
  private Throwable error;
  private List<Runnable> callbacks = new ArrayList<>(2);

  private Promise() {}

  /** A pending promise and the means to settle it. */
  public static <T> Deferred<T> deferred() {
    return new Deferred<>(new Promise<>());
  }

  public static <T> Promise<T> resolved(T value) {
    Promise<T> promise = new Promise<>();
    promise.fulfill(value);
    return promise;
  }

  public static <T> Promise<T> rejected(Throwable error) {
    Promise<T> promise = new Promise<>();
    promise.reject(Objects.requireNonNull(error, "error"));
    return promise;
  }

  /** Fulfils with every value, in order, once all fulfil; rejects with the first rejection. */
  public static <T> Promise<List<T>> all(List<Promise<T>> promises) {
    Deferred<List<T>> all = deferred();
    List<T> values = new ArrayList<>(promises.size());
    for (int i = 0; i < promises.size(); i++) {
      values.add(null);
    }
    int[] remaining = {promises.size()};
    if (promises.isEmpty()) {
      all.resolve(values);
    }
    for (int i = 0; i < promises.size(); i++) {
      int index = i;
      promises
          .get(i)
          .whenComplete(
              (value, error) -> {
                if (error != null) {
                  all.reject(error);
                } else {
                  values.set(index, value);
                  if (--remaining[0] == 0) {
                    all.resolve(values);
                  }
                }
              });
    }
    return all.promise();
  }

  public boolean isPending() {
    return state == State.PENDING;
  }

  public boolean isFulfilled() {
    return state == State.FULFILLED;
  }

  public boolean isRejected() {
    return state == State.REJECTED;
  }

  /** The value of a fulfilled promise; throws if it is pending or rejected. */
  public T get() {
    return switch (state) {
      case FULFILLED -> value;
      case REJECTED -> throw new IllegalStateException("promise was rejected", error);
      case PENDING -> throw new IllegalStateException("promise is still pending");
    };
  }

  /** The error of a rejected promise, else null. */
  public Throwable error() {
    return error;
  }

  /** A promise of {@code fn} applied to this one's value; rejections pass through. */
  public <U> Promise<U> then(Function<? super T, ? extends U> fn) {
    Promise<U> next = new Promise<>();
    onSettled(
        () -> {
          if (state == State.REJECTED) {
            next.reject(error);
            return;
          }
          U mapped;
          try {
            mapped = fn.apply(value);
          } catch (RuntimeException | Error thrown) {
            next.reject(thrown);
            return;
          }
          next.fulfill(mapped);
        });
    return next;
  }

  /** A promise of the promise {@code fn} returns for this one's value (await, then await again). */
  public <U> Promise<U> thenCompose(Function<? super T, Promise<U>> fn) {
    Promise<U> next = new Promise<>();
    onSettled(
        () -> {
          if (state == State.REJECTED) {
            next.reject(error);
            return;
          }
          Promise<U> inner;
          try {
            inner = Objects.requireNonNull(fn.apply(value), "thenCompose function returned null");
          } catch (RuntimeException | Error thrown) {
            next.reject(thrown);
            return;
          }
          inner.whenComplete(
              (innerValue, innerError) -> {
                if (innerError != null) {
                  next.reject(innerError);
                } else {
                  next.fulfill(innerValue);
                }
              });
        });
    return next;
  }

  /** A promise that turns a rejection into a value with {@code fn}; values pass through. */
  public Promise<T> recover(Function<Throwable, ? extends T> fn) {
    Promise<T> next = new Promise<>();
    onSettled(
        () -> {
          if (state == State.FULFILLED) {
            next.fulfill(value);
            return;
          }
          T recovered;
          try {
            recovered = fn.apply(error);
          } catch (RuntimeException | Error thrown) {
            next.reject(thrown);
            return;
          }
          next.fulfill(recovered);
        });
    return next;
  }

  /** Runs {@code action} with (value, null) or (null, error) once settled; returns this promise. */
  public Promise<T> whenComplete(BiConsumer<? super T, Throwable> action) {
    onSettled(() -> action.accept(value, error));
    return this;
  }

  /** Runs {@code action} with the value once fulfilled. */
  public Promise<T> onSuccess(Consumer<? super T> action) {
    return whenComplete(
        (v, e) -> {
          if (e == null) {
            action.accept(v);
          }
        });
  }

  private void onSettled(Runnable callback) {
    if (state == State.PENDING) {
      callbacks.add(callback);
    } else {
      callback.run();
    }
  }

  boolean fulfill(T fulfilledValue) {
    if (state != State.PENDING) {
      return false;
    }
    state = State.FULFILLED;
    value = fulfilledValue;
    runCallbacks();
    return true;
  }

  boolean reject(Throwable rejection) {
    if (state != State.PENDING) {
      return false;
    }
    state = State.REJECTED;
    error = Objects.requireNonNull(rejection, "rejection");
    runCallbacks();
    return true;
  }

  private void runCallbacks() {
    List<Runnable> toRun = callbacks;
    callbacks = null;
    for (Runnable callback : toRun) {
      callback.run();
    }
  }

  @Override
  public String toString() {
    return switch (state) {
      case PENDING -> "Promise[pending]";
      case FULFILLED -> "Promise[" + value + "]";
      case REJECTED -> "Promise[rejected: " + error + "]";
    };
  }

  /** The settling side of a pending promise. Settling twice is ignored (returns false). */
  public static final class Deferred<T> {
    private final Promise<T> promise;

    private Deferred(Promise<T> promise) {
      this.promise = promise;
    }

    public Promise<T> promise() {
      return promise;
    }

    public boolean resolve(T value) {
      return promise.fulfill(value);
    }

    public boolean reject(Throwable error) {
      return promise.reject(error);
    }

    public boolean isSettled() {
      return !promise.isPending();
    }
  }
}
