package org.mq.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * DefaultLitePullConsumer in assign mode: message i goes to queue i % queues, the consumer
 * assigns itself every queue, paused until every queue is sought to {@code --seek}, so it
 * must receive exactly the messages at queue offsets {@code seek..end}.
 *
 * <p>Options: --namesrv --topic --group --count --seek --expect [--queues 4] [--grace-ms 1000].
 * Result: {@code sent} (with queueId/queueOffset) and {@code received}.
 */
public final class LitePullAssignDriver {
    private static final long TIMEOUT_MS = 30_000;

    private LitePullAssignDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("lite-pull-assign", argv, LitePullAssignDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        DefaultMQProducer producer = clients.producer(args.get("group") + "-producer");
        Topics.create(producer, topic, args.getInt("queues", 4));
        List<Map<String, Object>> sent = Messages.sendByIndexSelector(producer,
            Messages.build(topic, 0, args.getInt("count"), Messages.UNTAGGED));

        // Assigned and paused before start: the client's pull tasks must not fetch from the
        // committed offset while the seek is applied, or a pull already past its cancel check
        // can hand over the messages before the seek offset (a race inside the Java client).
        List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
        DefaultLitePullConsumer consumer = clients.litePullConsumer(args.get("group"));
        consumer.setAutoCommit(false);
        consumer.assign(queues);
        consumer.pause(queues);
        consumer.start();
        for (MessageQueue queue : queues) {
            consumer.seek(queue, args.getLong("seek", 0));
        }
        consumer.resume(queues);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("received",
            LitePull.pollAtLeast(consumer, args.getInt("expect"), TIMEOUT_MS, args.getLong("grace-ms", 1000)));
        return result;
    }
}
