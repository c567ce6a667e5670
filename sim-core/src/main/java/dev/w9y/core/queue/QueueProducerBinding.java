package dev.w9y.core.queue;

import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformBinding;
import java.util.Objects;

/**
 * A producer binding to the queue {@code queue} (wrangler's {@code [[queues.producers]]}): {@code
 * env.BINDING.send(...)} and {@code sendBatch(...)}. {@code deliveryDelaySeconds} (wrangler's
 * {@code delivery_delay}) delays every message sent through it unless the send says otherwise.
 */
public record QueueProducerBinding(String queue, long deliveryDelaySeconds)
    implements PlatformBinding {
  public QueueProducerBinding {
    Objects.requireNonNull(queue, "queue");
    if (queue.isBlank()) {
      throw new IllegalArgumentException("a queue producer needs a queue name");
    }
    if (deliveryDelaySeconds < 0 || deliveryDelaySeconds > QueueHandle.MAX_DELAY_SECONDS) {
      throw new IllegalArgumentException(
          "queue "
              + queue
              + ": delivery_delay must be between 0 and "
              + QueueHandle.MAX_DELAY_SECONDS
              + " seconds, was "
              + deliveryDelaySeconds);
    }
  }

  public static QueueProducerBinding of(String queue) {
    return new QueueProducerBinding(queue, 0);
  }

  @Override
  public String kind() {
    return "queue";
  }

  @Override
  public String describe() {
    return "producer of queue " + queue;
  }

  @Override
  public Object open(PlatformAccess access) {
    return new QueueHandle(access, this);
  }
}
