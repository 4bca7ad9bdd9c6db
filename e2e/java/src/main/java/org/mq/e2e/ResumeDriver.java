package org.mq.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Consumption resumes from the committed offset: a push consumer (clustering, from the
 * first offset) consumes a first batch, waits until its offset table covers the batch, and
 * shuts down (which persists the offsets to the broker); a second batch is sent while nobody
 * listens; a new consumer instance of the same group must then receive exactly the second
 * batch, since the group's offsets are only known to the broker.
 *
 * <p>Options: --namesrv --topic --group --first N --second M [--queues 4] [--grace-ms 1500].
 * Result: {@code sent}, {@code committedBeforeRestart} (queueId to the consumer's offset at shutdown),
 * {@code firstRun} and {@code secondRun} (messages each consumer instance received).
 */
public final class ResumeDriver {
    private static final long TIMEOUT_MS = 30_000;

    private ResumeDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("resume", argv, ResumeDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        int first = args.getInt("first");
        int second = args.getInt("second");
        long graceMs = args.getLong("grace-ms", 1500);
        DefaultMQProducer producer = clients.producer(args.get("group") + "-producer");
        List<MessageQueue> queues = Topics.create(producer, topic, args.getInt("queues", 4));

        List<Map<String, Object>> sent = Messages.sendSync(producer, Messages.build(topic, 0, first, Messages.UNTAGGED));
        RecordingListener firstRun = new RecordingListener();
        DefaultMQPushConsumer consumer = startConsumer(clients, args, firstRun);
        Await.until(first + " deliveries before the restart", TIMEOUT_MS, () -> firstRun.count() >= first);
        Thread.sleep(graceMs);
        Map<String, Object> committed = awaitConsumedOffsets(consumer, queues, first);
        consumer.shutdown();

        sent.addAll(Messages.sendSync(producer, Messages.build(topic, first, second, Messages.UNTAGGED)));
        RecordingListener secondRun = new RecordingListener();
        startConsumer(clients, args, secondRun);
        Await.until(second + " deliveries after the restart", TIMEOUT_MS, () -> secondRun.count() >= second);
        Thread.sleep(graceMs);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("committedBeforeRestart", committed);
        result.put("firstRun", firstRun.snapshot());
        result.put("secondRun", secondRun.snapshot());
        return result;
    }

    private static DefaultMQPushConsumer startConsumer(Clients clients, Args args, RecordingListener listener)
        throws Exception {
        DefaultMQPushConsumer consumer = clients.pushConsumer(args.get("group"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(args.get("topic"), "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }

    /**
     * Waits until the consumer's in-memory offsets add up to {@code total}. Reading from the
     * broker instead (READ_FROM_STORE) would overwrite those offsets in a 4.9 client.
     */
    private static Map<String, Object> awaitConsumedOffsets(DefaultMQPushConsumer consumer,
        List<MessageQueue> queues, long total) throws Exception {
        OffsetStore offsets = consumer.getDefaultMQPushConsumerImpl().getOffsetStore();
        Map<String, Object> committed = new LinkedHashMap<>();
        Await.until("consumed offsets adding up to " + total, TIMEOUT_MS, () -> {
            long sum = 0;
            for (MessageQueue queue : queues) {
                long offset = offsets.readOffset(queue, ReadOffsetType.READ_FROM_MEMORY);
                committed.put(String.valueOf(queue.getQueueId()), offset);
                sum += Math.max(offset, 0);
            }
            return sum >= total;
        });
        return committed;
    }
}
