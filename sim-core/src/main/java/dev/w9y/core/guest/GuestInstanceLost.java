package dev.w9y.core.guest;

/**
 * A guest instance cannot run any more code: its engine stopped it (a statement or instruction
 * budget ran out, a stack or memory limit was hit) and its in-memory state is gone. The host
 * records the failure, answers what the instance owed with errors, and starts a fresh instance — as
 * if the process had crashed, which from the service's point of view it has.
 */
public class GuestInstanceLost extends GuestException {
  private static final long serialVersionUID = 1L;

  public GuestInstanceLost(String message) {
    super(message);
  }

  public GuestInstanceLost(String message, Throwable cause) {
    super(message, cause);
  }

  /** See {@link GuestException#GuestException(String, String, Throwable)}. */
  public GuestInstanceLost(String context, String detail) {
    super(context, detail, null);
  }

  /** Whether {@code error} or one of its causes says the instance is lost. */
  public static boolean isLost(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof GuestInstanceLost) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
