package dev.w9y.core.java;

import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.GuestKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kind: java} in topology files: {@code entry} names a {@link JavaService} class with a
 * public no-argument constructor, and each durable-object class name a {@link JavaDurableObject}
 * class with a public constructor taking a {@link DurableObjectHost}.
 */
public final class JavaGuestKind implements GuestKind {
  @Override
  public String name() {
    return "java";
  }

  @Override
  public GuestCode load(
      String serviceName, String entry, Path baseDirectory, List<String> durableObjectClasses) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Constructor<? extends JavaService> service =
        constructor(serviceName, entry, JavaService.class, loader);
    JavaGuest guest = JavaGuest.of(entry, () -> instantiate(serviceName, service));
    for (String className : durableObjectClasses) {
      Constructor<? extends JavaDurableObject> object =
          constructor(
              serviceName, className, JavaDurableObject.class, loader, DurableObjectHost.class);
      guest = guest.withDurableObject(className, host -> instantiate(serviceName, object, host));
    }
    return guest;
  }

  private static <T> Constructor<? extends T> constructor(
      String serviceName,
      String className,
      Class<T> type,
      ClassLoader loader,
      Class<?>... parameters) {
    Class<?> found;
    try {
      found = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new GuestException(
          "service '" + serviceName + "': class " + className + " is not on the classpath", e);
    }
    if (!type.isAssignableFrom(found)) {
      throw new GuestException(
          "service '" + serviceName + "': " + className + " does not implement " + type.getName());
    }
    try {
      return found.asSubclass(type).getConstructor(parameters);
    } catch (NoSuchMethodException e) {
      throw new GuestException(
          "service '"
              + serviceName
              + "': "
              + className
              + " needs a public constructor taking "
              + (parameters.length == 0 ? "no arguments" : parameters[0].getSimpleName()),
          e);
    }
  }

  private static <T> T instantiate(
      String serviceName, Constructor<? extends T> constructor, Object... args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new GuestException(
          "service '" + serviceName + "': constructor failed: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new GuestException(
          "service '"
              + serviceName
              + "': cannot construct "
              + constructor.getDeclaringClass().getName(),
          e);
    }
  }
}
