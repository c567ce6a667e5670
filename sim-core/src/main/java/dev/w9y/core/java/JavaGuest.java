package dev.w9y.core.java;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ScheduledTrigger;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.ServiceInstance;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The plain-Java guest: services written as {@link JavaService} classes or lambdas. It is how
 * sim-core itself is tested, and how users simulate Java code.
 */
public final class JavaGuest implements GuestCode {
  private final String description;
  private final Supplier<? extends JavaService> factory;
  private final Map<String, Function<DurableObjectHost, ? extends JavaDurableObject>> objectClasses;

  private JavaGuest(
      String description,
      Supplier<? extends JavaService> factory,
      Map<String, Function<DurableObjectHost, ? extends JavaDurableObject>> objectClasses) {
    this.description = description;
    this.factory = factory;
    this.objectClasses = objectClasses;
  }

  /** A service whose instances {@code factory} builds, one per start or restart. */
  public static JavaGuest of(String description, Supplier<? extends JavaService> factory) {
    return new JavaGuest(
        Objects.requireNonNull(description, "description"),
        Objects.requireNonNull(factory, "factory"),
        new LinkedHashMap<>());
  }

  /**
   * This code plus a durable-object class named {@code className}, whose objects {@code
   * constructor} builds (Workers: {@code constructor(state, env)}), once per object life.
   */
  public JavaGuest withDurableObject(
      String className, Function<DurableObjectHost, ? extends JavaDurableObject> constructor) {
    Map<String, Function<DurableObjectHost, ? extends JavaDurableObject>> copy =
        new LinkedHashMap<>(objectClasses);
    copy.put(className, Objects.requireNonNull(constructor, "constructor"));
    return new JavaGuest(description, factory, copy);
  }

  /** Code with no request handler of its own that only exports durable-object classes. */
  public static JavaGuest objectsOnly(String description) {
    return of(
        description,
        () ->
            (request, host) ->
                Promise.resolved(Response.text(404, "this service only hosts durable objects")));
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
    return new ServiceCode() {
      @Override
      public ServiceInstance start(ServiceHost host) {
        JavaService service = factory.get();
        if (service == null) {
          throw new GuestException("service '" + serviceName + "': the factory returned null");
        }
        return new JavaInstance(service, host);
      }

      @Override
      public DurableObjectInstance startDurableObject(String className, DurableObjectHost host) {
        Function<DurableObjectHost, ? extends JavaDurableObject> constructor =
            objectClasses.get(className);
        if (constructor == null) {
          throw new GuestException(
              "service '"
                  + serviceName
                  + "' exports no durable object class '"
                  + className
                  + "' (it has "
                  + objectClasses.keySet()
                  + ")");
        }
        JavaDurableObject object = constructor.apply(host);
        if (object == null) {
          throw new GuestException("the constructor of '" + className + "' returned null");
        }
        return new JavaObjectInstance(object, host);
      }
    };
  }

  /** The live object behind a plain-Java durable object. */
  public static <T> T objectOf(DurableObjectInstance instance, Class<T> type, String actor) {
    if (!(instance instanceof JavaObjectInstance java)) {
      throw new IllegalArgumentException(actor + " is not a plain-Java durable object");
    }
    return liveAs(java.object, type, actor);
  }

  private static <T> T liveAs(Object live, Class<T> type, String actor) {
    if (!type.isInstance(live)) {
      throw new IllegalArgumentException(
          actor + " is a " + live.getClass().getName() + ", not a " + type.getName());
    }
    return type.cast(live);
  }

  private static final class JavaObjectInstance implements DurableObjectInstance {
    private final JavaDurableObject object;
    private final DurableObjectHost host;

    JavaObjectInstance(JavaDurableObject object, DurableObjectHost host) {
      this.object = object;
      this.host = host;
    }

    @Override
    public Promise<Response> fetch(Request request) {
      return object.fetch(request, host);
    }

    @Override
    public Promise<Void> alarm() {
      return object.alarm(host);
    }

    @Override
    public Promise<Void> alarm(AlarmInfo info) {
      return object.alarm(host, info);
    }

    @Override
    public void crash() {
      // Dropping the object drops its memory.
    }
  }

  /** The live service object behind a plain-Java instance. */
  public static <T> T serviceOf(ServiceInstance instance, Class<T> type, String actor) {
    if (!(instance instanceof JavaInstance java)) {
      throw new IllegalArgumentException(actor + " is not a plain-Java service");
    }
    return liveAs(java.service, type, actor);
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
