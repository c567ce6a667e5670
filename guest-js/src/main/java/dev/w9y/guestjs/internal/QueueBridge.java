package dev.w9y.guestjs.internal;

import dev.w9y.core.queue.QueueBatch;
import dev.w9y.core.queue.QueueHandle;
import dev.w9y.core.queue.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The host functions behind a queue producer binding and a consumer's batch (prelude: queue.js):
 * bodies cross as binary strings with their content type; a batch as its messages' fields and the
 * functions that record {@code ack}/{@code retry}.
 */
final class QueueBridge implements PlatformBridge {
  @Override
  public String kind() {
    return "queue";
  }

  @Override
  public void define(
      Object handle, JsInstance instance, BiConsumer<String, ProxyExecutable> define) {
    QueueHandle queue = (QueueHandle) handle;
    define.accept("queueName", args -> queue.queue());
    // send(contentType, body, delaySeconds, resolve, reject)
    define.accept(
        "send",
        args -> {
          instance.settleLater(
              "queue.send",
              queue.send(args[0].asString(), Wire.bytes(args[1].asString()), delay(args[2])),
              args[3],
              args[4],
              QueueBridge::backlog);
          return null;
        });
    // sendBatch([contentType, body, delaySeconds, ...], delaySeconds, resolve, reject)
    define.accept(
        "sendBatch",
        args -> {
          Value flat = args[0];
          List<QueueHandle.Outgoing> messages = new ArrayList<>();
          for (long i = 0; i + 2 < flat.getArraySize(); i += 3) {
            messages.add(
                new QueueHandle.Outgoing(
                    flat.getArrayElement(i).asString(),
                    Wire.bytes(flat.getArrayElement(i + 1).asString()),
                    delay(flat.getArrayElement(i + 2))));
          }
          instance.settleLater(
              "queue.sendBatch",
              queue.sendBatch(messages, delay(args[1])),
              args[2],
              args[3],
              QueueBridge::backlog);
          return null;
        });
  }

  /** A send's delaySeconds from JS: null when the call gave none. */
  private static long delay(Value value) {
    return value.isNull() ? QueueHandle.DEFAULT_DELAY : value.asLong();
  }

  private static Object backlog(QueueHandle.Backlog backlog) {
    return ProxyArray.fromArray(
        (double) backlog.count(),
        (double) backlog.bytes(),
        (double) backlog.oldestTimestampMillis());
  }

  /** A batch for the consumer's {@code queue(batch, env, ctx)}. */
  @Override
  public GuestEvent event(Object event, JsInstance instance) {
    QueueBatch batch = (QueueBatch) event;
    List<Object> messages = new ArrayList<>();
    for (QueueMessage message : batch.messages()) {
      messages.add(message.id());
      messages.add((double) message.timestampMillis());
      messages.add(message.contentType());
      messages.add(Wire.binary(message.body()));
      messages.add((double) message.attempts());
    }
    java.util.Map<String, Object> view = new java.util.LinkedHashMap<>();
    view.put("queue", batch.queue());
    view.put("messages", ProxyArray.fromList(messages));
    view.put("backlog", backlog(batch.backlog()));
    view.put(
        "ack",
        (ProxyExecutable)
            args -> {
              batch.ack(args[0].asString());
              return null;
            });
    view.put(
        "retry",
        (ProxyExecutable)
            args -> {
              batch.retry(args[0].asString(), args[1].asLong());
              return null;
            });
    view.put(
        "ackAll",
        (ProxyExecutable)
            args -> {
              batch.ackAll();
              return null;
            });
    view.put(
        "retryAll",
        (ProxyExecutable)
            args -> {
              batch.retryAll(args[0].asLong());
              return null;
            });
    return new GuestEvent("queue handler", ProxyObject.fromMap(view), value -> null);
  }
}
