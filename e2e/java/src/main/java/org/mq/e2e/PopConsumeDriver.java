package org.mq.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.message.MessageRequestMode;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;

/**
 * POP consumption through the remoting protocol (5.x clients only): the group is created
 * (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP) and switched to POP for the topic with
 * SET_MESSAGE_REQUEST_MODE (popShareQueueNum 0: every consumer pops every queue); then
 * {@code --consumers} push consumers with {@code clientRebalance=false} ask the broker for their
 * queues (QUERY_ASSIGNMENT), which must hand them out in POP mode (with popShareQueueNum 0 one
 * queue per broker, queue id -1: pop from any queue), and consume by
 * POP_MESSAGE / ACK_MESSAGE. With {@code --fail-once odd} the listener answers RECONSUME_LATER
 * the first time it sees an odd message (the client then calls CHANGE_MESSAGE_INVISIBLETIME with
 * the first POP delay level, 10 s), CONSUME_SUCCESS otherwise. Once every message was consumed
 * successfully, the driver keeps listening for {@code --watch-ms} so redeliveries of acked
 * messages show.
 *
 * <p>Options: --namesrv --topic --group --count N --consumers N --fail-once odd|none
 * --invisible-ms T [--watch-ms 1500] [--queues 4].
 * Result: {@code modeRefusals} (SET_MESSAGE_REQUEST_MODE for the group's retry topic and for an
 * unknown topic: {@code code} 0 when accepted, else the broker's response code and
 * {@code remark}), {@code sent}, {@code consumers} (per consumer: the queue ids of the topic it pops,
 * {@code popQueues}, and pulls, {@code pullQueues}, once it has a POP assignment) and
 * {@code deliveries} (every delivery in order: the message, {@code consumer} index, the
 * listener's {@code status}, {@code popCk} whether it carried a POP check point, as only popped
 * messages do).
 */
public final class PopConsumeDriver {
    /** Redeliveries wait on the broker's revive service, which lags behind on a loaded machine. */
    private static final long TIMEOUT_MS = 80_000;
    private static final long ASSIGNMENT_TIMEOUT_MS = 20_000;
    private static final long REQUEST_TIMEOUT_MS = 5000;

    private PopConsumeDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("pop-consume", argv, PopConsumeDriver::run);
    }

    /** Every delivery to any consumer of the group, and which messages have been consumed successfully. */
    private static final class Deliveries {
        private final boolean failOddOnce;
        private final List<Map<String, Object>> log = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final Set<String> succeeded = new HashSet<>();

        Deliveries(boolean failOddOnce) {
            this.failOddOnce = failOddOnce;
        }

        /** The listener of consumer {@code index}. */
        MessageListenerConcurrently listener(int index) {
            return (List<MessageExt> messages, ConsumeConcurrentlyContext context) -> record(index, messages);
        }

        private synchronized ConsumeConcurrentlyStatus record(int consumer, List<MessageExt> messages) {
            boolean fail = false;
            for (MessageExt message : messages) {
                fail |= failsNow(new String(message.getBody(), StandardCharsets.UTF_8));
            }
            ConsumeConcurrentlyStatus status =
                fail ? ConsumeConcurrentlyStatus.RECONSUME_LATER : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            for (MessageExt message : messages) {
                Map<String, Object> entry = Messages.describe(message);
                entry.put("consumer", consumer);
                entry.put("status", status.name());
                entry.put("popCk", message.getProperty(MessageConst.PROPERTY_POP_CK) != null);
                log.add(entry);
                if (!fail) {
                    succeeded.add((String) entry.get("body"));
                }
            }
            return status;
        }

        /** Whether this delivery of message {@code body} is to be failed: the first one of an odd message. */
        private boolean failsNow(String body) {
            boolean firstDelivery = seen.add(body);
            return firstDelivery && failOddOnce && Integer.parseInt(body) % 2 == 1;
        }

        synchronized int succeededCount() {
            return succeeded.size();
        }

        synchronized List<Map<String, Object>> snapshot() {
            return new ArrayList<>(log);
        }
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        String group = args.get("group");
        int count = args.getInt("count");
        DefaultMQProducer producer = clients.producer(group + "-producer");
        List<MessageQueue> queues = Topics.create(producer, topic, args.getInt("queues", 4));
        MQClientInstance client = producer.getDefaultMQProducerImpl().getmQClientFactory();
        String brokerAddr = BrokerAddresses.master(client, queues.get(0));
        MQClientAPIImpl api = client.getMQClientAPIImpl();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("modeRefusals", refusedModeChanges(api, brokerAddr, topic, group));
        serveGroupByPop(api, brokerAddr, topic, group);

        Deliveries deliveries = new Deliveries("odd".equals(args.get("fail-once")));
        List<DefaultMQPushConsumer> consumers = new ArrayList<>();
        for (int i = 0; i < args.getInt("consumers"); i++) {
            DefaultMQPushConsumer consumer = clients.pushConsumer(group);
            consumer.setClientRebalance(false);
            consumer.setPopInvisibleTime(Long.parseLong(args.get("invisible-ms")));
            consumers.add(PushConsumers.startFromFirst(consumer, topic, deliveries.listener(i)));
        }
        Await.until("a POP assignment for every consumer", ASSIGNMENT_TIMEOUT_MS,
            () -> consumers.stream().noneMatch(c -> popQueueIds(c, topic).isEmpty()));

        result.put("consumers", describeAssignments(consumers, topic));
        result.put("sent", Messages.sendSync(producer, Messages.build(topic, 0, count, Messages.UNTAGGED)));
        Await.until(count + " messages consumed successfully", TIMEOUT_MS, () -> deliveries.succeededCount() >= count);
        Thread.sleep(args.getLong("watch-ms", 1500));
        result.put("deliveries", deliveries.snapshot());
        return result;
    }

    /**
     * Creates the subscription group and sets its request mode for {@code topic} to POP, shared
     * by all consumers (popShareQueueNum 0), on the master at {@code brokerAddr}.
     */
    private static void serveGroupByPop(MQClientAPIImpl api, String brokerAddr, String topic, String group)
        throws Exception {
        SubscriptionGroupConfig config = new SubscriptionGroupConfig();
        config.setGroupName(group);
        api.createSubscriptionGroup(brokerAddr, config, REQUEST_TIMEOUT_MS);
        api.setMessageRequestMode(brokerAddr, topic, group, MessageRequestMode.POP, 0, REQUEST_TIMEOUT_MS);
    }

    /** SET_MESSAGE_REQUEST_MODE that must be refused: for the group's retry topic and for a topic that does not exist. */
    private static Map<String, Object> refusedModeChanges(MQClientAPIImpl api, String brokerAddr, String topic,
        String group) throws Exception {
        Map<String, Object> refusals = new LinkedHashMap<>();
        refusals.put("retryTopic", tryPopMode(api, brokerAddr, "%RETRY%" + group, group));
        refusals.put("unknownTopic", tryPopMode(api, brokerAddr, topic + "_ABSENT", group));
        return refusals;
    }

    private static Map<String, Object> tryPopMode(MQClientAPIImpl api, String brokerAddr, String topic, String group)
        throws Exception {
        Map<String, Object> outcome = new LinkedHashMap<>();
        try {
            api.setMessageRequestMode(brokerAddr, topic, group, MessageRequestMode.POP, 0, REQUEST_TIMEOUT_MS);
            outcome.put("code", 0);
        } catch (MQClientException refused) {
            outcome.put("code", refused.getResponseCode());
            outcome.put("remark", refused.getErrorMessage());
        }
        return outcome;
    }

    /** Queue ids of {@code topic} the consumer pops (its rebalance's POP process queues). */
    private static Set<Integer> popQueueIds(DefaultMQPushConsumer consumer, String topic) {
        Set<Integer> ids = new TreeSet<>();
        for (MessageQueue queue : consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl()
            .getPopProcessQueueTable().keySet()) {
            if (queue.getTopic().equals(topic)) {
                ids.add(queue.getQueueId());
            }
        }
        return ids;
    }

    private static List<Map<String, Object>> describeAssignments(List<DefaultMQPushConsumer> consumers, String topic) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (DefaultMQPushConsumer consumer : consumers) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("instance", consumer.getInstanceName());
            fields.put("popQueues", popQueueIds(consumer, topic));
            fields.put("pullQueues", Assignments.queueIds(consumer, topic));
            described.add(fields);
        }
        return described;
    }
}
