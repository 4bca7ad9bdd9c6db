package org.mq.e2e;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Which queues of a topic each push consumer currently owns, read from the client's
 * rebalance table (internal, but the same in 4.9 and 5.x). Drivers wait for a settled
 * assignment before sending, so no message is delivered while queues change hands.
 */
final class Assignments {
    private Assignments() {
    }

    static Set<Integer> queueIds(DefaultMQPushConsumer consumer, String topic) {
        Set<Integer> ids = new TreeSet<>();
        for (MessageQueue queue : consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl()
            .getProcessQueueTable().keySet()) {
            if (queue.getTopic().equals(topic)) {
                ids.add(queue.getQueueId());
            }
        }
        return ids;
    }

    /** Clustering: the consumers own disjoint sets that cover all queues, none left empty-handed. */
    static boolean sharedOut(List<DefaultMQPushConsumer> consumers, String topic, int queueCount) {
        Set<Integer> union = new HashSet<>();
        int owned = 0;
        for (DefaultMQPushConsumer consumer : consumers) {
            Set<Integer> ids = queueIds(consumer, topic);
            if (ids.isEmpty() && consumers.size() <= queueCount) {
                return false;
            }
            union.addAll(ids);
            owned += ids.size();
        }
        return union.size() == queueCount && owned == queueCount;
    }

    /** Broadcasting: every consumer owns every queue. */
    static boolean ownedByAll(List<DefaultMQPushConsumer> consumers, String topic, int queueCount) {
        for (DefaultMQPushConsumer consumer : consumers) {
            if (queueIds(consumer, topic).size() != queueCount) {
                return false;
            }
        }
        return true;
    }
}
