package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import java.util.Objects;

/**
 * The code of an external host: a host outside the system ({@code api.stripe.com}) that services
 * call by URL, simulated so that those calls can be checked against its contract (see {@link
 * ServiceSpec#external}). Without code of its own it answers each request with the success response
 * its contract declares for the operation (the example body, or the smallest the schema accepts),
 * and 404 when it declares none; with a fake's code ({@code behaviour}), the fake answers and the
 * contract checks its responses.
 */
public final class ExternalHost implements GuestCode {
  private final String host;
  private final Contract contract;
  private final GuestCode behaviour;

  ExternalHost(String host, Contract contract, GuestCode behaviour) {
    this.host = Objects.requireNonNull(host, "host");
    this.contract = Objects.requireNonNull(contract, "contract");
    this.behaviour = behaviour;
  }

  /** The host name services reach it by. */
  public String host() {
    return host;
  }

  @Override
  public String kind() {
    return "external";
  }

  @Override
  public String describe() {
    return behaviour == null
        ? host + " answered from its contract"
        : host + " answered by " + behaviour.kind() + " " + behaviour.describe();
  }

  @Override
  public ServiceCode load(String serviceName) {
    if (behaviour != null) {
      return behaviour.load(serviceName);
    }
    return JavaGuest.of(describe(), () -> (request, services) -> Promise.resolved(answer(request)))
        .load(serviceName);
  }

  private Response answer(Request request) {
    Response declared = contract.declaredResponse(request);
    return declared != null
        ? declared
        : Response.text(
            404,
            "the contract of external host "
                + host
                + " declares no answer to "
                + request.method()
                + " "
                + request.parsedUrl().path());
  }
}
