package dev.w9y.core.guest;

/** Loaded guest code: starts instances with fresh memory. */
public interface ServiceCode {
  /** A new instance of the service's stateless handler (fetch, scheduled). */
  ServiceInstance start(ServiceHost host);
}
