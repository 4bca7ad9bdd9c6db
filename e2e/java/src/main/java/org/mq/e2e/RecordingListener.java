package org.mq.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

/** A push listener that acknowledges every message and remembers what it was given. */
final class RecordingListener implements MessageListenerConcurrently {
    private final List<Map<String, Object>> received = new ArrayList<>();

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        synchronized (received) {
            received.addAll(Messages.describe(messages));
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    int count() {
        synchronized (received) {
            return received.size();
        }
    }

    List<Map<String, Object>> snapshot() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }
}
