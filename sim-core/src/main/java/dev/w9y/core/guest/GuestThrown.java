package dev.w9y.core.guest;

/**
 * Guest code threw (or its promise rejected with) an error: besides the description for the trace,
 * the error's name and message as the guest language has them, so the error can cross to another
 * guest (a Durable Object's caller) as workerd carries it.
 */
public class GuestThrown extends GuestException {
  private static final long serialVersionUID = 1L;

  private final String errorName;
  private final String errorMessage;

  public GuestThrown(String description, String errorName, String errorMessage) {
    super(description);
    this.errorName = errorName;
    this.errorMessage = errorMessage;
  }

  /** See {@link GuestException#GuestException(String, String, Throwable)}. */
  public GuestThrown(String context, String detail, String errorName, String errorMessage) {
    super(context, detail, null);
    this.errorName = errorName;
    this.errorMessage = errorMessage;
  }

  /** {@code TypeError}, {@code RangeError}, ...; {@code Error} for anything else. */
  public String errorName() {
    return errorName;
  }

  public String errorMessage() {
    return errorMessage;
  }
}
