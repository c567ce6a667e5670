package dev.w9y.guestjs;

import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestKind;
import dev.w9y.core.guest.ModuleRule;
import java.nio.file.Path;
import java.util.List;

/** {@code kind: js} in topology files: {@code entry} is the service's entry module. */
public final class JsGuestKind implements GuestKind {
  @Override
  public String name() {
    return "js";
  }

  @Override
  public GuestCode load(
      String serviceName, String entry, Path baseDirectory, List<String> durableObjectClasses) {
    return JsGuest.fromFile(baseDirectory.resolve(entry));
  }

  @Override
  public GuestCode loadProject(
      String serviceName, Path projectRoot, String main, List<ModuleRule> rules, String origin) {
    return JsGuest.fromProject(projectRoot, main, rules, origin);
  }
}
