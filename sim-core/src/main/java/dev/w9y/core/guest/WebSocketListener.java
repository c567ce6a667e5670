package dev.w9y.core.guest;

/** What happens at one {@link WebSocketEnd}: called inside the event that delivers it. */
public interface WebSocketListener {
  /** A message arrived ({@code text}: {@code data} is UTF-8 text). */
  void onMessage(byte[] data, boolean text);

  /**
   * The connection is closed: by the closing handshake ({@code wasClean}), or broken (code 1006: a
   * partition, a dropped connection, the peer's instance crashed).
   */
  void onClose(int code, String reason, boolean wasClean);
}
