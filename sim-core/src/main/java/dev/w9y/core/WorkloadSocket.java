package dev.w9y.core;

import dev.w9y.core.guest.WebSocketEnd;
import dev.w9y.core.guest.WebSocketListener;
import dev.w9y.core.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WebSocket the workload opened ({@link WorkloadDriver#webSocket}): it sends, and collects what
 * arrives. Messages sent before the server's 101 response arrived leave when it does.
 */
public final class WorkloadSocket {
  private final List<String> received = new ArrayList<>();
  private final List<String> unsent = new ArrayList<>();
  private final List<Consumer<String>> messageListeners = new ArrayList<>();
  private final List<Runnable> closeListeners = new ArrayList<>();
  private WebSocketEnd end;
  private String failure;
  private boolean closed;
  private int closeCode;
  private String closeReason;
  private boolean wasClean;

  WorkloadSocket() {}

  /** The 101 response arrived: claim the client end of the connection it names. */
  void connected(World world, Response response) {
    String id = response.headers().get(WebSocketEnd.HEADER).orElse(null);
    if (response.status() != 101 || id == null) {
      failed("the server answered " + response.status() + " instead of 101 with a WebSocket");
      return;
    }
    try {
      end = claim(world, id);
    } catch (dev.w9y.core.guest.GuestException e) {
      failed(e.getMessage());
      return;
    }
    for (String text : unsent) {
      end.send(text.getBytes(StandardCharsets.UTF_8), true);
    }
    unsent.clear();
  }

  private WebSocketEnd claim(World world, String id) {
    return world
        .webSockets()
        .claimClient(
            id,
            new WebSocketNetwork.Holder(world.workloadEndpoint, world.workloadEndpoint),
            new WebSocketListener() {
              @Override
              public void onMessage(byte[] data, boolean text) {
                String message =
                    text ? new String(data, StandardCharsets.UTF_8) : "<" + data.length + " bytes>";
                received.add(message);
                for (Consumer<String> listener : List.copyOf(messageListeners)) {
                  listener.accept(message);
                }
              }

              @Override
              public void onClose(int code, String reason, boolean clean) {
                closedWith(code, reason, clean);
              }
            });
  }

  /** The upgrade failed (a network failure or no 101): the socket is closed with 1006. */
  void failed(String why) {
    failure = why;
    closedWith(WebSocketNetwork.ABNORMAL, why, false);
  }

  private void closedWith(int code, String reason, boolean clean) {
    closed = true;
    closeCode = code;
    closeReason = reason;
    wasClean = clean;
    for (Runnable listener : List.copyOf(closeListeners)) {
      listener.run();
    }
  }

  /** Sends a text message (kept until the connection is open; ignored once closed). */
  public void send(String text) {
    if (closed) {
      return;
    }
    if (end == null) {
      unsent.add(text);
    } else {
      end.send(text.getBytes(StandardCharsets.UTF_8), true);
    }
  }

  /** Starts the closing handshake. */
  public void close(int code, String reason) {
    if (end != null) {
      end.close(code, reason);
    }
  }

  /** Runs {@code listener} on every text message that arrives (binary ones as "<N bytes>"). */
  public WorkloadSocket onMessage(Consumer<String> listener) {
    messageListeners.add(listener);
    return this;
  }

  /** Runs {@code listener} when the socket closes, cleanly or not. */
  public WorkloadSocket onClose(Runnable listener) {
    closeListeners.add(listener);
    return this;
  }

  /** Messages received so far, oldest first. */
  public List<String> messages() {
    return Collections.unmodifiableList(received);
  }

  /** Whether the server accepted the upgrade and the socket is not closed. */
  public boolean isOpen() {
    return end != null && !closed;
  }

  public boolean isClosed() {
    return closed;
  }

  /** The close code (1006 for a broken connection or a failed upgrade); 0 while open. */
  public int closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean wasClean() {
    return wasClean;
  }

  /** Why the upgrade failed, or null. */
  public String failure() {
    return failure;
  }
}
