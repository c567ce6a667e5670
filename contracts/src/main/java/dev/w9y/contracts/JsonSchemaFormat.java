package dev.w9y.contracts;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractFormat;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code contract: {jsonschema: routes.yaml}} in a topology file (see {@link JsonSchemaContract}).
 */
public final class JsonSchemaFormat implements ContractFormat {
  @Override
  public String name() {
    return "jsonschema";
  }

  @Override
  public Contract load(Path file, Path baseDir, Map<String, Object> options) {
    Formats.noOptions(name(), options);
    return JsonSchemaContract.load(file);
  }
}
