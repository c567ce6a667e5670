package dev.w9y.core.rpc;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.Optional;

/**
 * How an RPC call and its result travel: a {@code POST} to {@value #URL} whose {@value #METHOD}
 * header names the method and whose body is the guest's serialized arguments; the answer is a 200
 * response whose {@value #OUTCOME} header says {@code ok} (the body is the serialized result) or
 * {@code threw} (the body is the serialized exception). The trace shows both headers, so a call
 * reads as {@code request.sent ... ["w9y-rpc","add"]} and its answer as {@code response.sent ...
 * ["w9y-rpc-outcome","ok"]}.
 *
 * <p>A call on a stub a previous call returned (an {@code RpcTarget}) names the stub in {@value
 * #TARGET}; a binding to a named entrypoint names the class in {@value #ENTRYPOINT} (also on a
 * plain fetch through such a binding). The header names are reserved: guest fetches have them
 * removed before they leave.
 */
public final class RpcEnvelope {
  /** The URL every RPC call is sent to (the binding or stub chooses the destination). */
  public static final String URL = "http://rpc.w9y/";

  /** Request header: the method called. */
  public static final String METHOD = "w9y-rpc";

  /** Request header: the exported stub (an RpcTarget a previous call returned) called. */
  public static final String TARGET = "w9y-rpc-target";

  /** Request header: the named entrypoint a service binding reaches. */
  public static final String ENTRYPOINT = "w9y-entrypoint";

  /** Response header: {@code ok} or {@code threw}. */
  public static final String OUTCOME = "w9y-rpc-outcome";

  private RpcEnvelope() {}

  /**
   * The request of a call.
   *
   * @param entrypoint the named entrypoint, or null
   * @param target the exported stub's id, or null for the entrypoint or object itself
   */
  public static Request call(String entrypoint, String target, String method, byte[] arguments) {
    Headers headers = Headers.of(METHOD, method);
    if (entrypoint != null) {
      headers = headers.with(ENTRYPOINT, entrypoint);
    }
    if (target != null) {
      headers = headers.with(TARGET, target);
    }
    return new Request("POST", URL, headers, Body.of(arguments));
  }

  /** The method a request calls, if it is an RPC call. */
  public static Optional<String> method(Request request) {
    return request.headers().size() == 0 ? Optional.empty() : request.headers().get(METHOD);
  }

  /** The answer to a call: {@code threw} says whether {@code value} is an exception. */
  public static Response answer(boolean threw, byte[] value) {
    return new Response(200, Headers.of(OUTCOME, threw ? "threw" : "ok"), Body.of(value));
  }

  /** Whether an answer carries an exception. */
  public static boolean threw(Response response) {
    return response.headers().get(OUTCOME).map("threw"::equals).orElse(false);
  }

  /** Whether an answer is an RPC answer at all (a response without the header is not). */
  public static boolean isAnswer(Response response) {
    return response.headers().has(OUTCOME);
  }

  /** {@code request} without the reserved headers (a guest's own fetch must not forge a call). */
  public static Request withoutReservedHeaders(Request request) {
    Headers headers = request.headers();
    if (headers.size() == 0
        || !(headers.has(METHOD) || headers.has(TARGET) || headers.has(ENTRYPOINT))) {
      return request;
    }
    return request.withHeaders(headers.without(METHOD).without(TARGET).without(ENTRYPOINT));
  }
}
