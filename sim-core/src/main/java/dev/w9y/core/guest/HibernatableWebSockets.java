package dev.w9y.core.guest;

import java.util.List;
import java.util.OptionalLong;

/**
 * A durable object's WebSockets accepted for hibernation (workerd's {@code ctx.acceptWebSocket}).
 * They belong to the object, not to its memory: an eviction (an idle object hibernating, or a
 * fault) keeps them open, and their events re-create the object and reach its {@code
 * webSocketMessage}/{@code webSocketClose} handlers ({@link DurableObjectInstance}). Each socket is
 * named by its connection id; tags and attachments are kept with it.
 */
public interface HibernatableWebSockets {
  /**
   * Opens a connection whose server end the object holds for hibernation, with {@code tags}; the
   * 101 response names it as for {@link ServiceHost#webSocketServer}.
   */
  WebSocketEnd accept(List<String> tags);

  /** The open sockets, in the order accepted; those with {@code tag} only, unless null. */
  List<String> sockets(String tag);

  /**
   * The end of one of the object's sockets, for sending.
   *
   * @throws GuestException if the object holds no such socket
   */
  WebSocketEnd end(String socket);

  List<String> tags(String socket);

  /** Stores the socket's attachment (structured-clone bytes; null clears it). */
  void setAttachment(String socket, byte[] attachment);

  /** The socket's attachment, or null. */
  byte[] attachment(String socket);

  /**
   * Makes a text message equal to {@code request} be answered with {@code response} by the runtime,
   * without waking the object; null clears it.
   */
  void setAutoResponse(String request, String response);

  /** The auto-response pair [request, response], or null. */
  String[] autoResponse();

  /** When the runtime last auto-responded on {@code socket} (epoch ms, virtual), if ever. */
  OptionalLong autoResponseTimestamp(String socket);
}
