package org.mq.e2e;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/** Push consumers the advanced drivers start: one group, one topic, everything from the first offset. */
final class PushConsumers {
    private PushConsumers() {
    }

    /** A started consumer of every message of {@code topic} for {@code group}. */
    static DefaultMQPushConsumer startFromFirst(Clients clients, String group, String topic,
        MessageListenerConcurrently listener) throws Exception {
        return startFromFirst(clients.pushConsumer(group), topic, listener);
    }

    /** Subscribes a configured, not yet started consumer to all of {@code topic} from its first offset and starts it. */
    static DefaultMQPushConsumer startFromFirst(DefaultMQPushConsumer consumer, String topic,
        MessageListenerConcurrently listener) throws Exception {
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }
}
