package dev.w9y.core.java;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ScheduledTrigger;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.ServiceInstance;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The plain-Java guest: services written as {@link JavaService} classes or lambdas. It is how
 * sim-core itself is tested, and how users simulate Java code.
 */
public final class JavaGuest implements GuestCode {
  private final String description;
  private final Supplier<? extends JavaService> factory;

  private JavaGuest(String description, Supplier<? extends JavaService> factory) {
    this.description = description;
    this.factory = factory;
  }

  /** A service whose instances {@code factory} builds, one per start or restart. */
  public static JavaGuest of(String description, Supplier<? extends JavaService> factory) {
    return new JavaGuest(
        Objects.requireNonNull(description, "description"),
        Objects.requireNonNull(factory, "factory"));
  }

  /** A stateless service from one handler function. */
  public static JavaGuest handler(BiFunction<Request, ServiceHost, Promise<Response>> handler) {
    return of("java handler", () -> handler::apply);
  }

  @Override
  public String kind() {
    return "java";
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public ServiceCode load(String serviceName) {
    return host -> {
      JavaService service = factory.get();
      if (service == null) {
        throw new GuestException("service '" + serviceName + "': the factory returned null");
      }
      return new JavaInstance(service, host);
    };
  }

  /** The live service object behind a plain-Java instance. */
  public static <T> T serviceOf(ServiceInstance instance, Class<T> type, String actor) {
    if (!(instance instanceof JavaInstance java)) {
      throw new IllegalArgumentException(actor + " is not a plain-Java service");
    }
    if (!type.isInstance(java.service)) {
      throw new IllegalArgumentException(
          actor + " is a " + java.service.getClass().getName() + ", not a " + type.getName());
    }
    return type.cast(java.service);
  }

  private static final class JavaInstance implements ServiceInstance {
    private final JavaService service;
    private final ServiceHost host;

    JavaInstance(JavaService service, ServiceHost host) {
      this.service = service;
      this.host = host;
    }

    @Override
    public Promise<Response> fetch(Request request) {
      return service.fetch(request, host);
    }

    @Override
    public Promise<Void> scheduled(ScheduledTrigger trigger) {
      return service.scheduled(trigger, host);
    }

    @Override
    public void crash() {
      // Nothing to release: dropping the object drops its memory.
    }
  }
}
