package dev.w9y.core.contract;

import dev.w9y.scheduler.RandomStream;
import java.util.List;

/**
 * Requests made from a contract for a contract-driven workload ({@link
 * dev.w9y.core.Workloads#fromContract}): valid ones, generated from the declared schemas with
 * boundary values, and near misses, valid but for exactly one thing. Every draw comes from the
 * {@link RandomStream} given, so a seed always makes the same requests. Implementations live in the
 * {@code contracts} module ({@link Contract#requestGenerator()}) and are immutable.
 */
public interface RequestGenerator {
  /** The operations, {@code POST /orders}, in the order the contract declares them. */
  List<String> operations();

  /**
   * The statuses operation {@code operation} (an index into {@link #operations()}) declares, as
   * declared: {@code 201}, {@code 4XX}, {@code default}.
   */
  List<String> declaredStatuses(int operation);

  /**
   * A request to {@code operation} that conforms to the contract.
   *
   * @param origin scheme and host the request goes to ({@code http://inventory})
   * @throws IllegalStateException naming the operation and the schema when no conforming value can
   *     be made (an unsupported pattern without an example, for instance)
   */
  GeneratedRequest valid(int operation, String origin, RandomStream random);

  /**
   * A request to {@code operation} that is valid but for exactly one thing (a required field
   * removed, a wrong type, a value out of range or outside its enum, a required parameter missing),
   * or null when the operation constrains nothing that could be broken.
   */
  GeneratedRequest nearMiss(int operation, String origin, RandomStream random);
}
