package org.mq.e2e;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * DefaultLitePullConsumer in subscribe mode: sends {@code count} messages, then a new
 * group subscribes with "*" from the first offset and polls them, committing as it goes.
 *
 * <p>Options: --namesrv --topic --group --count [--queues 4] [--grace-ms 1000].
 * Result: {@code sent}, {@code received} and {@code committed} (queueId to offset).
 */
public final class LitePullSubscribeDriver {
    private static final long TIMEOUT_MS = 30_000;

    private LitePullSubscribeDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("lite-pull-subscribe", argv, LitePullSubscribeDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        int count = args.getInt("count");
        DefaultMQProducer producer = clients.producer(args.get("group") + "-producer");
        Topics.create(producer, topic, args.getInt("queues", 4));
        List<Map<String, Object>> sent = Messages.sendSync(producer,
            Messages.build(topic, 0, count, Messages.UNTAGGED));

        DefaultLitePullConsumer consumer = clients.litePullConsumer(args.get("group"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.start();
        List<Map<String, Object>> received =
            LitePull.pollAtLeast(consumer, count, TIMEOUT_MS, args.getLong("grace-ms", 1000));
        consumer.commitSync();
        Collection<MessageQueue> queues = consumer.fetchMessageQueues(topic);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("received", received);
        result.put("committed", LitePull.committed(consumer, queues));
        return result;
    }
}
