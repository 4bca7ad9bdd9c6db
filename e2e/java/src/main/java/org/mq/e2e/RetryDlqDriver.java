package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Retry, then the dead-letter queue: a push consumer with maxReconsumeTimes = --max-reconsume
 * whose listener always answers RECONSUME_LATER gets one message max + 1 times (the broker
 * picking each retry's delay level), after which the message must be in {@code %DLQ%<group>}.
 * First, CONSUMER_SEND_MSG_BACK for a commit-log offset that holds no message must be refused
 * (sent straight through the client API: the consumer's own sendMessageBack would fall back to
 * re-sending a copy).
 *
 * <p>Options: --namesrv --topic --group --max-reconsume N [--queues 4] [--grace-ms 1500].
 * Result: {@code group}, {@code deadLetterTopic}, {@code unknownSendBack} ({@code code}, {@code remark}), {@code sent}, {@code deliveries}
 * (every delivery in order) and {@code deadLetters} (what the DLQ topic holds under the message's key).
 */
public final class RetryDlqDriver {
    /** Default delay levels 3 and 4 (10 s, 30 s) and the first delivery. */
    private static final long TIMEOUT_MS = 90_000;
    private static final long UNKNOWN_COMMIT_LOG_OFFSET = 1L << 40;

    private RetryDlqDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("retry-dlq", argv, RetryDlqDriver::run);
    }

    /** Records every delivery and fails it. */
    private static final class AlwaysLater implements MessageListenerConcurrently {
        private final RecordingListener deliveries = new RecordingListener();

        @Override
        public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
            deliveries.consumeMessage(messages, context);
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        String group = args.get("group");
        int maxReconsume = args.getInt("max-reconsume");
        DefaultMQProducer producer = clients.producer(group + "-producer");
        List<MessageQueue> queues = Topics.create(producer, topic, args.getInt("queues", 4));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("unknownSendBack", sendBackUnknown(producer, queues.get(0), group, maxReconsume));

        AlwaysLater listener = new AlwaysLater();
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        consumer.setMaxReconsumeTimes(maxReconsume);
        PushConsumers.startFromFirst(consumer, topic, listener);
        result.put("sent", Messages.sendSync(producer, Messages.build(topic, 0, 1, Messages.UNTAGGED)));

        int deliveries = maxReconsume + 1;
        Await.until(deliveries + " deliveries", TIMEOUT_MS, () -> listener.deliveries.count() >= deliveries);
        String deadLetterTopic = "%DLQ%" + group;
        List<MessageExt> deadLetters = new ArrayList<>();
        Await.until("the message in " + deadLetterTopic, TIMEOUT_MS, () -> {
            deadLetters.clear();
            deadLetters.addAll(findByKey(producer, deadLetterTopic, Messages.key(topic, 0)));
            return !deadLetters.isEmpty();
        });
        Thread.sleep(args.getLong("grace-ms", 1500));
        result.put("group", group);
        result.put("deadLetterTopic", deadLetterTopic);
        result.put("deliveries", listener.deliveries.snapshot());
        result.put("deadLetters", describeWithTopic(deadLetters));
        return result;
    }

    private static Map<String, Object> sendBackUnknown(DefaultMQProducer producer, MessageQueue queue, String group,
        int maxReconsume) throws Exception {
        MessageExt unknown = new MessageExt();
        unknown.setTopic(queue.getTopic());
        unknown.setCommitLogOffset(UNKNOWN_COMMIT_LOG_OFFSET);
        unknown.setMsgId("00000000000000000000000000000000");
        MQClientAPIImpl api = producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl();
        String brokerAddr = BrokerAddresses.master(producer.getDefaultMQProducerImpl().getmQClientFactory(), queue);
        Map<String, Object> outcome = new LinkedHashMap<>();
        try {
            api.consumerSendMessageBack(brokerAddr, queue.getBrokerName(), unknown, group, 0, 5000, maxReconsume);
            outcome.put("code", 0);
        } catch (MQBrokerException refused) {
            outcome.put("code", refused.getResponseCode());
            outcome.put("remark", refused.getErrorMessage());
        }
        return outcome;
    }

    private static List<MessageExt> findByKey(DefaultMQProducer producer, String topic, String key) {
        try {
            QueryResult found = producer.queryMessage(topic, key, 32, 0, Long.MAX_VALUE);
            return found.getMessageList();
        } catch (Exception notThereYet) {
            return List.of();
        }
    }

    private static List<Map<String, Object>> describeWithTopic(List<MessageExt> messages) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (MessageExt message : messages) {
            Map<String, Object> fields = Messages.describe(message);
            fields.put("topic", message.getTopic());
            described.add(fields);
        }
        return described;
    }
}
