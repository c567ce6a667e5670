package dev.w9y.core.guest;

/**
 * One end of a WebSocket connection on the simulated network, as a guest (or the workload) holds
 * it. Each message sent is its own network message: the peer receives it after the network's
 * latency, in the order sent (per direction), unless a fault breaks the connection first, in which
 * case both ends get a close with code 1006.
 *
 * <p>How a connection crosses a fetch: the server's 101 response carries the connection's id in the
 * reserved header {@value #HEADER}; the caller claims the other end with {@link
 * ServiceHost#webSocketClient}.
 */
public interface WebSocketEnd {
  /** Response header naming the connection a 101 response hands over. */
  String HEADER = "w9y-websocket";

  /** The connection's id in the run ({@code ws1}, {@code ws2}, ...). */
  String connectionId();

  /** Sends a text ({@code text}: UTF-8 bytes) or binary message; ignored once closed or broken. */
  void send(byte[] data, boolean text);

  /**
   * Starts the closing handshake: the peer receives a close with {@code code} and {@code reason},
   * answers it with its own (workerd's auto-reply), and this end's listener then gets its close.
   */
  void close(int code, String reason);
}
