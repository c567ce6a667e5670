package dev.w9y.contracts;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractFormat;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code contract: {protobuf: shop.proto}} (routes from its {@code google.api.http} annotations) or
 * {@code contract: {protobuf: routes.yaml}} in a topology file (see {@link ProtobufContract}).
 */
public final class ProtobufFormat implements ContractFormat {
  @Override
  public String name() {
    return "protobuf";
  }

  @Override
  public Contract load(Path file, Path baseDir, Map<String, Object> options) {
    Formats.noOptions(name(), options);
    return ProtobufContract.load(file);
  }
}
