package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.HibernatableWebSockets;
import dev.w9y.core.guest.WebSocketEnd;
import dev.w9y.core.guest.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One durable object's hibernatable WebSockets (see {@link HibernatableWebSockets}): kept by the
 * object's runtime, not its memory, so they outlive an eviction; each event wakes the object (its
 * constructor runs again if it was evicted) and calls its handler.
 */
final class ObjectSockets implements HibernatableWebSockets {
  private final World world;
  private final String actor;
  private final String service;
  private final Supplier<WebSocketNetwork.Holder> holder;
  private final Supplier<DurableObjectInstance> wake;
  private final Map<String, Entry> sockets = new LinkedHashMap<>();
  private String autoRequest;
  private String autoResponse;

  private static final class Entry {
    WebSocketEnd end;
    final List<String> tags;
    byte[] attachment;
    Long autoResponseAt;

    Entry(List<String> tags) {
      this.tags = tags;
    }
  }

  /**
   * @param wake the object's live instance, created if it was evicted; null if its constructor
   *     failed
   */
  ObjectSockets(
      World world,
      String actor,
      String service,
      Supplier<WebSocketNetwork.Holder> holder,
      Supplier<DurableObjectInstance> wake) {
    this.world = world;
    this.actor = actor;
    this.service = service;
    this.holder = holder;
    this.wake = wake;
  }

  boolean isEmpty() {
    return sockets.isEmpty();
  }

  /** The object crashed (not evicted): its sockets were closed with it. */
  void clear() {
    sockets.clear();
  }

  @Override
  public WebSocketEnd accept(List<String> tags) {
    if (tags.size() > 10) {
      throw new GuestException("A WebSocket can have a maximum of 10 tags.");
    }
    Entry entry = new Entry(List.copyOf(tags));
    WebSocketNetwork network = world.webSockets();
    // The id is known once the connection is open: the listener looks its entry up by it.
    String[] id = new String[1];
    WebSocketEnd end = network.open(holder.get(), listener(id));
    id[0] = end.connectionId();
    network.hibernatable(end);
    entry.end = end;
    sockets.put(end.connectionId(), entry);
    return end;
  }

  private WebSocketListener listener(String[] id) {
    return new WebSocketListener() {
      @Override
      public void onMessage(byte[] data, boolean text) {
        Entry entry = sockets.get(id[0]);
        if (entry == null) {
          return;
        }
        if (text
            && autoRequest != null
            && autoRequest.equals(new String(data, StandardCharsets.UTF_8))) {
          // workerd answers it without waking (or even running) the object.
          entry.autoResponseAt = world.guestEpochMillis(service);
          world.record(actor, "ws.auto-response", World.details("ws", id[0]));
          entry.end.send(autoResponse.getBytes(StandardCharsets.UTF_8), true);
          return;
        }
        dispatch("webSocketMessage", instance -> instance.webSocketMessage(id[0], data, text));
      }

      @Override
      public void onClose(int code, String reason, boolean wasClean) {
        Entry entry = sockets.get(id[0]);
        // The socket stays listed while its handler runs (it may still answer the close).
        dispatch(
                "webSocketClose",
                instance -> instance.webSocketClose(id[0], code, reason, wasClean))
            .whenComplete(
                (value, error) -> {
                  sockets.remove(id[0]);
                  if (entry != null) {
                    world.webSockets().disconnectUnanswered(entry.end);
                  }
                });
      }
    };
  }

  private Promise<Void> dispatch(
      String handler, java.util.function.Function<DurableObjectInstance, Promise<Void>> call) {
    DurableObjectInstance instance = wake.get();
    if (instance == null) {
      return Promise.resolved(null); // the constructor failed: traced as the object's error
    }
    return World.callGuest(handler, () -> call.apply(instance))
        .whenComplete(
            (value, error) -> {
              if (error != null) {
                String text = World.describeError(error);
                world.record(actor, "guest.error", World.details("where", handler, "error", text));
                world.guestErrorEscaped(actor, GuestErrorKind.UNCAUGHT_EXCEPTION, text);
              }
            });
  }

  @Override
  public List<String> sockets(String tag) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Entry> socket : sockets.entrySet()) {
      if (tag == null || socket.getValue().tags.contains(tag)) {
        found.add(socket.getKey());
      }
    }
    // Newest first, as workerd lists them (the compat suite's chat room compares the order).
    java.util.Collections.reverse(found);
    return found;
  }

  private Entry entry(String socket) {
    Entry entry = sockets.get(socket);
    if (entry == null) {
      throw new GuestException(actor + " holds no hibernatable WebSocket " + socket);
    }
    return entry;
  }

  @Override
  public WebSocketEnd end(String socket) {
    return entry(socket).end;
  }

  @Override
  public List<String> tags(String socket) {
    return entry(socket).tags;
  }

  @Override
  public void setAttachment(String socket, byte[] attachment) {
    entry(socket).attachment = attachment == null ? null : attachment.clone();
  }

  @Override
  public byte[] attachment(String socket) {
    byte[] attachment = entry(socket).attachment;
    return attachment == null ? null : attachment.clone();
  }

  @Override
  public void setAutoResponse(String request, String response) {
    autoRequest = request;
    autoResponse = response;
  }

  @Override
  public String[] autoResponse() {
    return autoRequest == null ? null : new String[] {autoRequest, autoResponse};
  }

  @Override
  public OptionalLong autoResponseTimestamp(String socket) {
    Long at = entry(socket).autoResponseAt;
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }
}
