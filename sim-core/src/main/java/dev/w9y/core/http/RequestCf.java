package dev.w9y.core.http;

/**
 * The reserved headers that give a JavaScript guest's incoming request its {@code request.cf}
 * (workerd: the Cloudflare properties of a request from outside; docs/JS-GUESTS.md "request.cf").
 *
 * <p>A request from the workload (or one sent by URL) is an edge request: the guest gives it
 * Miniflare's placeholder properties, and {@link #EDGE} lets a workload set fields over them, for
 * example {@code request.withHeader(RequestCf.EDGE, "{\"country\":\"DE\"}")}. A request through a
 * service binding or a durable-object stub carries its sender's {@code Request.cf} in {@link
 * #CARRIED} instead, as workerd passes it. The guest removes both from the headers it shows.
 */
public final class RequestCf {
  /** Workload request header: a JSON object of {@code request.cf} fields over the placeholders. */
  public static final String EDGE = "w9y-cf";

  /**
   * Set by the JavaScript guest on a binding's or stub's fetch: the sender's {@code Request.cf} as
   * JSON, empty for none. Not written to the trace: it is a function of the sender's code and the
   * request that sender received, both already in the run, and leaving it out keeps traces of
   * requests that forward their incoming request as they were.
   */
  public static final String CARRIED = "w9y-request-cf";

  private RequestCf() {}

  /** {@code request} with {@code cf} (JSON text, or null for none) as its carried cf. */
  public static Request carrying(Request request, String cf) {
    return request.withHeaders(request.headers().withReplaced(CARRIED, cf == null ? "" : cf));
  }

  /** {@code request} without a carried cf (a guest's fetch by URL must not forge one). */
  public static Request withoutCarried(Request request) {
    return request.headers().has(CARRIED)
        ? request.withHeaders(request.headers().without(CARRIED))
        : request;
  }
}
