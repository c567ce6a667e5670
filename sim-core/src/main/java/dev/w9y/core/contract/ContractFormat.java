package dev.w9y.core.contract;

import java.nio.file.Path;
import java.util.Map;

/**
 * A contract format a topology file can name ({@code contract: {openapi: orders.yaml}}), found by
 * {@link java.util.ServiceLoader} as guest kinds are, so that sim-core needs no validator library:
 * the {@code contracts} module provides {@code openapi}, {@code jsonschema} and {@code protobuf}.
 */
public interface ContractFormat {
  /** The key naming this format in a topology file's {@code contract:} map. */
  String name();

  /**
   * Loads and compiles the contract in {@code file}.
   *
   * @param options the other keys of the {@code contract:} map (paths in them are relative to the
   *     topology file's directory, already resolved against {@code baseDir})
   * @throws IllegalArgumentException with a one-line message naming the file, line and pointer when
   *     the contract does not load
   */
  Contract load(Path file, Path baseDir, Map<String, Object> options);
}
