package dev.w9y.contracts;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractFormat;
import java.nio.file.Path;
import java.util.Map;

/** {@code contract: {openapi: orders.yaml}} in a topology file. */
public final class OpenApiFormat implements ContractFormat {
  @Override
  public String name() {
    return "openapi";
  }

  @Override
  public Contract load(Path file, Path baseDir, Map<String, Object> options) {
    Formats.noOptions(name(), options);
    return OpenApiContract.load(file);
  }
}
