package dev.w9y.core.topology;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaService;

/** A java-kind service for topology-file tests: asks its binding and appends its variable. */
public final class Echo implements JavaService {
  @Override
  public Promise<Response> fetch(Request request, ServiceHost host) {
    return host.fetchBinding("BACKEND", Request.get("http://backend/"))
        .then(r -> Response.ok(r.body().text().strip() + " via " + host.vars().get("GREETING")));
  }
}
