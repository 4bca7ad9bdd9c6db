package org.mq.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Reset by time: a push consumer consumes a first and, a moment later, a second batch; then
 * the broker is asked to reset the group's offsets to the store time of the second batch's
 * first message (INVOKE_BROKER_TO_RESET_OFFSET, forced, as {@code mqadmin resetOffsetByTime}
 * sends it), which it passes on to the running consumer. The consumer must then get again
 * exactly the messages stored at or after that time.
 *
 * <p>Options: --namesrv --topic --group --first N --second M [--queues 4] [--gap-ms 300] [--grace-ms 1500].
 * Result: {@code sent}, {@code resetTimestamp}, {@code resetOffsets} (queueId to the offset the
 * broker reset to), {@code beforeReset} and {@code afterReset} (deliveries on either side).
 */
public final class ResetOffsetByTimeDriver {
    /** The client waits 10 s between dropping its queues and taking the new offsets. */
    private static final long TIMEOUT_MS = 45_000;

    private ResetOffsetByTimeDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("reset-offset-by-time", argv, ResetOffsetByTimeDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        String group = args.get("group");
        int first = args.getInt("first");
        int second = args.getInt("second");
        DefaultMQProducer producer = clients.producer(group + "-producer");
        List<MessageQueue> queues = Topics.create(producer, topic, args.getInt("queues", 4));
        RecordingListener listener = new RecordingListener();
        PushConsumers.startFromFirst(clients, group, topic, listener);

        List<Map<String, Object>> sent = Messages.sendSync(producer, Messages.build(topic, 0, first, Messages.UNTAGGED));
        Await.until(first + " deliveries of the first batch", TIMEOUT_MS, () -> listener.count() >= first);
        // Store times are in milliseconds: the gap puts every second-batch message after the first batch.
        Thread.sleep(args.getLong("gap-ms", 300));
        sent.addAll(Messages.sendSync(producer, Messages.build(topic, first, second, Messages.UNTAGGED)));
        Await.until(first + second + " deliveries", TIMEOUT_MS, () -> listener.count() >= first + second);

        List<Map<String, Object>> beforeReset = listener.snapshot();
        long resetTimestamp = earliestStoreTime(beforeReset, first);
        long redeliveries = beforeReset.stream().filter(m -> storeTime(m) >= resetTimestamp).count();
        Map<String, Object> resetOffsets = resetByTime(producer, queues.get(0), group, resetTimestamp);
        Await.until(redeliveries + " deliveries after the reset", TIMEOUT_MS,
            () -> listener.count() >= beforeReset.size() + redeliveries);
        Thread.sleep(args.getLong("grace-ms", 1500));

        List<Map<String, Object>> everything = listener.snapshot();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("resetTimestamp", resetTimestamp);
        result.put("resetOffsets", resetOffsets);
        result.put("beforeReset", beforeReset);
        result.put("afterReset", everything.subList(beforeReset.size(), everything.size()));
        return result;
    }

    /** The earliest store time among the deliveries of messages {@code fromBody} and later. */
    private static long earliestStoreTime(List<Map<String, Object>> deliveries, int fromBody) {
        return deliveries.stream()
            .filter(m -> Integer.parseInt((String) m.get("body")) >= fromBody)
            .mapToLong(ResetOffsetByTimeDriver::storeTime)
            .min()
            .orElseThrow();
    }

    private static long storeTime(Map<String, Object> delivery) {
        return (Long) delivery.get("storeTimestamp");
    }

    private static Map<String, Object> resetByTime(DefaultMQProducer producer, MessageQueue anyQueue, String group,
        long timestamp) throws Exception {
        MQClientInstance client = producer.getDefaultMQProducerImpl().getmQClientFactory();
        String brokerAddr = BrokerAddresses.master(client, anyQueue);
        Map<MessageQueue, Long> offsets = client.getMQClientAPIImpl()
            .invokeBrokerToResetOffset(brokerAddr, anyQueue.getTopic(), group, timestamp, true, 5000);
        Map<String, Object> byQueue = new LinkedHashMap<>();
        for (Map.Entry<MessageQueue, Long> entry : offsets.entrySet()) {
            byQueue.put(String.valueOf(entry.getKey().getQueueId()), entry.getValue());
        }
        return byQueue;
    }
}
