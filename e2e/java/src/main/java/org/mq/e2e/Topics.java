package org.mq.e2e;

import java.util.List;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;

/** Topic set-up shared by the drivers. */
final class Topics {
    private static final long ROUTE_TIMEOUT_MS = 15_000;

    private Topics() {
    }

    /**
     * Creates {@code topic} with {@code queues} queues on every master that serves the
     * auto-create key topic (UPDATE_AND_CREATE_TOPIC), then waits until the name server
     * routes it, so consumers started next see all of its queues without a message in it.
     */
    static List<MessageQueue> create(DefaultMQProducer producer, String topic, int queues) throws Exception {
        // Through the impl: the public createTopic signature differs between 4.9 and 5.x.
        producer.getDefaultMQProducerImpl().createTopic(producer.getCreateTopicKey(), topic, queues);
        Await.until("route of " + topic + " with " + queues + " queues", ROUTE_TIMEOUT_MS,
            () -> publishQueues(producer, topic).size() == queues);
        return publishQueues(producer, topic);
    }

    private static List<MessageQueue> publishQueues(DefaultMQProducer producer, String topic) throws MQClientException {
        try {
            return producer.fetchPublishMessageQueues(topic);
        } catch (MQClientException notRoutedYet) {
            return List.of();
        }
    }
}
