package dev.w9y.core;

import dev.w9y.core.contract.ContractViolation;
import dev.w9y.scheduler.SimulationFailure;

/**
 * A message broke a service's contract while contracts were enforced: the run fails as on a failed
 * {@code always} check, with the seed, the event, the virtual time, who sent the message to whom,
 * and where it broke.
 */
public final class ContractViolated extends SimulationFailure {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final String direction;
  private final String sender;
  private final String receiver;
  private final transient ContractViolation violation;

  ContractViolated(
      long seed,
      long eventIndex,
      long timeNanos,
      String eventLabel,
      String service,
      String direction,
      String sender,
      String receiver,
      ContractViolation violation) {
    super(
        seed,
        eventIndex,
        timeNanos,
        eventLabel,
        "contract of '"
            + service
            + "' violated by the "
            + direction
            + " from "
            + sender
            + " to "
            + receiver
            + ": "
            + violation.describe(),
        null);
    this.service = service;
    this.direction = direction;
    this.sender = sender;
    this.receiver = receiver;
    this.violation = violation;
  }

  /** The service whose contract was broken. */
  public String service() {
    return service;
  }

  /** {@code request} (to the service) or {@code response} (from it). */
  public String direction() {
    return direction;
  }

  public String sender() {
    return sender;
  }

  public String receiver() {
    return receiver;
  }

  public ContractViolation violation() {
    return violation;
  }
}
