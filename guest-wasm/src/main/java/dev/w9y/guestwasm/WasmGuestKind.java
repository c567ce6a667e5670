package dev.w9y.guestwasm;

import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestKind;
import java.nio.file.Path;
import java.util.List;

/** {@code kind: wasm} in topology files: {@code entry} is the service's {@code .wasm} file. */
public final class WasmGuestKind implements GuestKind {
  @Override
  public String name() {
    return "wasm";
  }

  @Override
  public GuestCode load(
      String serviceName, String entry, Path baseDirectory, List<String> durableObjectClasses) {
    return WasmGuest.fromFile(baseDirectory.resolve(entry));
  }
}
