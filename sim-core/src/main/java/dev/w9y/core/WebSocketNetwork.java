package dev.w9y.core;

import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.WebSocketEnd;
import dev.w9y.core.guest.WebSocketListener;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.RequestFate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket connections of a run. A connection is opened by the guest whose 101 response hands
 * the other end to its caller; each message is a network message of its own: the fault hooks see it
 * as a request from sender to receiver (so partitions, drops and delays apply unchanged), and it
 * arrives after the network's latency as its own {@code ws.message} event.
 *
 * <p>WebSockets run over one TCP connection, so the simulation keeps what TCP keeps: messages
 * arrive in the order sent, per direction, even when latencies are drawn at random (an arrival is
 * never earlier than the previous one's plus 1 ns, and each arrival takes the oldest message
 * waiting, so a durable object's input gate cannot reorder them either); a duplicated or timed-out
 * message is delivered once (TCP retransmits and dedups); a dropped or refused message breaks the
 * connection: both ends get a close with 1006, as when a TCP connection dies. A crash of the
 * instance or durable object holding one end does the same to the other end.
 */
final class WebSocketNetwork {
  /** Code of a connection that ended without a closing handshake (RFC 6455 §7.1.5). */
  static final int ABNORMAL = 1006;

  /** The reason workerd gives a close without a closing handshake. */
  static final String DISCONNECTED = "WebSocket disconnected without sending Close frame.";

  /** Characters of a text message the trace shows. */
  static final int EXCERPT_CHARS = 40;

  private final World world;
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private long nextConnection;

  WebSocketNetwork(World world) {
    this.world = world;
  }

  /**
   * Who holds an end: {@code key} is what a crash is reported by (an instance, a durable object,
   * the workload); deliveries and sends pass through {@code endpoint} (a durable object's gates).
   */
  record Holder(Object key, Endpoint endpoint) {}

  private record Frame(byte[] data, boolean text, boolean close, int code, String reason) {}

  private final class Connection {
    final String id;
    final End server;
    final End client;
    boolean broken;
    long frames;

    Connection(String id) {
      this.id = id;
      this.server = new End(this, true);
      this.client = new End(this, false);
    }
  }

  /** One end; its peer is the other end of the same connection. */
  final class End implements WebSocketEnd {
    final Connection connection;
    final boolean isServer;
    Holder holder;
    int holderGeneration;
    WebSocketListener listener;

    /** Survives an eviction of its durable object (the hibernation API). */
    boolean hibernatable;

    /** Messages this end sent before its peer was claimed: they leave when it is. */
    final List<Frame> unsent = new ArrayList<>();

    /** Messages arrived and not yet handed to the listener, oldest first. */
    final ArrayDeque<Frame> inbox = new ArrayDeque<>();

    long lastArrivalNanos = -1;
    boolean sentClose;
    boolean receivedClose;
    boolean closed;

    End(Connection connection, boolean isServer) {
      this.connection = connection;
      this.isServer = isServer;
    }

    End peer() {
      return isServer ? connection.client : connection.server;
    }

    String actor() {
      return holder == null ? "unclaimed" : holder.endpoint().actor();
    }

    @Override
    public String connectionId() {
      return connection.id;
    }

    @Override
    public void send(byte[] data, boolean text) {
      if (closed || sentClose || connection.broken) {
        return;
      }
      transmit(this, new Frame(data.clone(), text, false, 0, null));
    }

    @Override
    public void close(int code, String reason) {
      if (closed || sentClose || connection.broken) {
        return;
      }
      sentClose = true;
      closed = receivedClose; // a hibernatable end answering the peer's close
      transmit(this, new Frame(new byte[0], false, true, code, reason));
    }
  }

  // ---------------------------------------------------------------- opening

  /** A new connection whose server end {@code holder} holds; traced as {@code ws.open}. */
  End open(Holder holder, WebSocketListener listener) {
    Connection connection = new Connection("ws" + ++nextConnection);
    connections.put(connection.id, connection);
    claim(connection.server, holder, listener);
    world.record(holder.endpoint().actor(), "ws.open", World.details("ws", connection.id));
    return connection.server;
  }

  /**
   * The client end of {@code connectionId}, claimed by the guest (or workload) the 101 response
   * reached; messages the server sent meanwhile leave now.
   *
   * @throws GuestException if there is no such connection or its client end is already claimed
   */
  End claimClient(String connectionId, Holder holder, WebSocketListener listener) {
    Connection connection = connections.get(connectionId);
    if (connection == null || connection.client.holder != null) {
      throw new GuestException(
          "WebSocket " + connectionId + " is not a connection waiting to be accepted");
    }
    End client = connection.client;
    claim(client, holder, listener);
    world.record(holder.endpoint().actor(), "ws.accepted", World.details("ws", connectionId));
    if (connection.broken) {
      scheduleClose(client, ABNORMAL, DISCONNECTED, false);
      return client;
    }
    List<Frame> waiting = new ArrayList<>(connection.server.unsent);
    connection.server.unsent.clear();
    for (Frame frame : waiting) {
      transmit(connection.server, frame);
    }
    return client;
  }

  /**
   * A response that never reached its caller (lost, replaced, the caller crashed): if it handed
   * over a connection nobody claimed yet, the connection is dead and its server end gets 1006.
   */
  void abandon(dev.w9y.core.http.Response response) {
    if (response.status() != 101) {
      return;
    }
    String id = response.headers().get(WebSocketEnd.HEADER).orElse(null);
    Connection connection = id == null ? null : connections.get(id);
    if (connection != null && connection.client.holder == null) {
      breakConnection(connection, connection.server.actor(), "the 101 response never arrived");
    }
  }

  private void claim(End end, Holder holder, WebSocketListener listener) {
    end.holder = holder;
    end.holderGeneration = holder.endpoint().generation();
    end.listener = listener;
  }

  /** Marks an end as hibernatable: an eviction of its durable object keeps it open. */
  void hibernatable(WebSocketEnd end) {
    ((End) end).hibernatable = true;
  }

  /** Whether {@code key} holds an open end that is not hibernatable (its object cannot sleep). */
  boolean holdsOrdinary(Object key) {
    for (Connection connection : connections.values()) {
      for (End end : List.of(connection.server, connection.client)) {
        if (end.holder != null && end.holder.key() == key && !end.closed && !end.hibernatable) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- messages

  private void transmit(End from, Frame frame) {
    End to = from.peer();
    if (to.holder == null) {
      from.unsent.add(frame);
      return;
    }
    from.holder.endpoint().emit(() -> leave(from, to, frame));
  }

  /** The message leaves the sender (past its output gate): the fault hooks decide its fate. */
  private void leave(End from, End to, Frame frame) {
    Connection connection = from.connection;
    if (connection.broken) {
      return;
    }
    String id = connection.id + "." + ++connection.frames;
    Request asRequest =
        new Request(
            "POST",
            "http://websocket.w9y/" + connection.id,
            Headers.of(
                "w9y-websocket-frame", frame.close() ? "close" : frame.text() ? "text" : "binary"),
            Body.of(frame.data()));
    RequestFate fate =
        world.hooks().onRequest(new Message(id, from.actor(), to.actor(), asRequest, 1));
    long extra = 0;
    if (fate instanceof RequestFate.Drop drop) {
      breakConnection(connection, from.actor(), drop.reason());
      return;
    }
    if (fate instanceof RequestFate.Refuse refuse) {
      breakConnection(connection, from.actor(), refuse.reason());
      return;
    }
    if (fate instanceof RequestFate.Deliver deliver) {
      extra = deliver.extraDelayNanos();
    }
    long now = world.nowNanos();
    long arrival = Math.max(now + world.sampleLatencyNanos() + extra, to.lastArrivalNanos + 1);
    to.lastArrivalNanos = arrival;
    world.schedule(
        arrival - now,
        to.actor(),
        frame.close() ? "ws.close-frame" : "ws.message",
        frameDetails(connection.id, from.actor(), frame),
        () -> arrive(to, frame));
  }

  private static Map<String, Object> frameDetails(String ws, String from, Frame frame) {
    if (frame.close()) {
      return World.details(
          "ws", ws, "from", from, "code", (long) frame.code(), "reason", frame.reason());
    }
    Map<String, Object> details =
        World.details("ws", ws, "from", from, "size", (long) frame.data().length);
    if (frame.text()) {
      String text = new String(frame.data(), StandardCharsets.UTF_8);
      details.put("text", text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) : text);
    } else {
      details.put("binary", true);
    }
    return details;
  }

  private void arrive(End to, Frame frame) {
    if (to.closed || to.connection.broken) {
      return;
    }
    if (!holderAlive(to)) {
      holderLost(to.holder.key(), false);
      return;
    }
    to.inbox.add(frame);
    // Each delivery takes the oldest message waiting: whatever order a gate lets deliveries in,
    // the listener sees the order sent.
    to.holder.endpoint().deliver(() -> handOver(to));
  }

  private void handOver(End to) {
    Frame frame = to.inbox.poll();
    if (frame == null || to.closed) {
      return;
    }
    // A message starts an invocation of its own, as a request does (subrequest limits).
    world.within(
        Invocation.fresh(),
        () -> {
          handOver(to, frame);
          return null;
        });
  }

  private void handOver(End to, Frame frame) {
    if (!frame.close()) {
      to.listener.onMessage(frame.data(), frame.text());
      return;
    }
    boolean replied = to.sentClose;
    to.receivedClose = true;
    if (replied || !to.hibernatable) {
      to.closed = true;
      if (!replied) {
        // workerd (web_socket_auto_reply_to_close): the close is answered with the same code.
        to.sentClose = true;
        transmit(to, new Frame(new byte[0], false, true, frame.code(), frame.reason()));
      }
      if (to.peer().closed) {
        connections.remove(to.connection.id);
      }
    }
    // workerd does not answer for a hibernatable end: its webSocketClose handler may close() it,
    // else the runtime disconnects it when the handler is done (disconnectUnanswered).
    to.listener.onClose(frame.code(), frame.reason(), true);
  }

  private boolean holderAlive(End end) {
    Endpoint endpoint = end.holder.endpoint();
    return endpoint.isAlive() && endpoint.generation() == end.holderGeneration || end.hibernatable;
  }

  /**
   * A hibernatable end whose close handler did not answer the peer's close: workerd drops the
   * connection, and the peer's close is abnormal (1006).
   */
  void disconnectUnanswered(WebSocketEnd end) {
    End own = (End) end;
    if (own.sentClose || own.closed || own.connection.broken) {
      return;
    }
    own.closed = true;
    own.connection.broken = true;
    world.record(
        own.actor(),
        "ws.broken",
        World.details("ws", own.connection.id, "reason", "close not answered"));
    End peer = own.peer();
    if (!peer.closed && peer.holder != null) {
      scheduleClose(peer, ABNORMAL, DISCONNECTED, false);
    }
  }

  // ---------------------------------------------------------------- breaking

  /** A fault broke the connection: both ends that still listen get a close with 1006. */
  private void breakConnection(Connection connection, String actor, String reason) {
    if (connection.broken) {
      return;
    }
    connection.broken = true;
    world.record(actor, "ws.broken", World.details("ws", connection.id, "reason", reason));
    for (End end : List.of(connection.server, connection.client)) {
      if (!end.closed && end.holder != null) {
        scheduleClose(end, ABNORMAL, DISCONNECTED, false);
      }
    }
  }

  private void scheduleClose(End end, int code, String reason, boolean wasClean) {
    end.closed = true;
    int generation = end.holderGeneration;
    world.schedule(
        0,
        end.actor(),
        "ws.close",
        World.details("ws", end.connection.id, "code", (long) code, "clean", wasClean),
        () -> {
          connections.remove(end.connection.id);
          Endpoint endpoint = end.holder.endpoint();
          if (end.hibernatable || endpoint.isAlive() && endpoint.generation() == generation) {
            endpoint.deliver(() -> end.listener.onClose(code, reason, wasClean));
          }
        });
  }

  /**
   * The holder {@code key} (an instance, a durable object) lost its memory: its ends are gone and
   * their peers get a close with 1006. An eviction ({@code eviction}) keeps hibernatable ends.
   */
  void holderLost(Object key, boolean eviction) {
    for (Connection connection : new ArrayList<>(connections.values())) {
      for (End end : List.of(connection.server, connection.client)) {
        if (end.holder == null || end.holder.key() != key || end.closed) {
          continue;
        }
        if (eviction && end.hibernatable) {
          continue;
        }
        end.closed = true;
        End peer = end.peer();
        if (!connection.broken) {
          connection.broken = true;
          world.record(
              end.actor(),
              "ws.broken",
              World.details("ws", connection.id, "reason", end.actor() + " lost its memory"));
          if (!peer.closed && peer.holder != null) {
            scheduleClose(peer, ABNORMAL, DISCONNECTED, false);
          }
        }
      }
    }
  }

  /** Open connections (for checks and tests). */
  int openCount() {
    return connections.size();
  }
}
