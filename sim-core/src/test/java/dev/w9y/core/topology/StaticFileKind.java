package dev.w9y.core.topology;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.GuestKind;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A test guest kind, {@code static}: answers every request with its entry file's contents. */
public final class StaticFileKind implements GuestKind {
  @Override
  public String name() {
    return "static";
  }

  @Override
  public GuestCode load(
      String serviceName, String entry, Path baseDirectory, List<String> classes) {
    String text;
    try {
      text = Files.readString(baseDirectory.resolve(entry), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GuestException("cannot read " + entry, e);
    }
    return JavaGuest.handler((request, host) -> Promise.resolved(Response.ok(text)));
  }
}
