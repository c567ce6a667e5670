package dev.w9y.core.guest;

/** Loaded guest code: starts instances with fresh memory. */
public interface ServiceCode {
  /** A new instance of the service's stateless handler (fetch, scheduled). */
  ServiceInstance start(ServiceHost host);

  /**
   * A new instance of the durable-object class {@code className} exported by this code.
   *
   * @throws GuestException if the code exports no such class
   */
  default DurableObjectInstance startDurableObject(String className, DurableObjectHost host) {
    throw new GuestException("the code exports no durable object class '" + className + "'");
  }

  /** Code that did not load: every start fails with {@code loadError}. */
  static ServiceCode failing(GuestException loadError) {
    return new ServiceCode() {
      @Override
      public ServiceInstance start(ServiceHost host) {
        throw loadError;
      }

      @Override
      public DurableObjectInstance startDurableObject(String className, DurableObjectHost host) {
        throw loadError;
      }
    };
  }
}
