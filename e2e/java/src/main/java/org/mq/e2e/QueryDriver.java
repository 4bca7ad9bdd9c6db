package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Message lookup: sends {@code count} messages with distinct keys, then finds each one by
 * key (queryMessage, through the broker's index) and by its offset message id (viewMessage).
 *
 * <p>Options: --namesrv --topic --group --count [--queues 4].
 * Result: {@code sent}, {@code byKey[i] = {key, found}} and {@code byId[i] = {offsetMsgId, found}}.
 */
public final class QueryDriver {
    private static final long INDEX_TIMEOUT_MS = 15_000;
    private static final int MAX_RESULTS = 32;
    private static final long TIME_WINDOW_MS = 60_000;

    private QueryDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("query", argv, QueryDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        int count = args.getInt("count");
        DefaultMQProducer producer = clients.producer(args.get("group"));
        Topics.create(producer, topic, args.getInt("queues", 4));
        long begin = System.currentTimeMillis() - TIME_WINDOW_MS;
        List<Map<String, Object>> sent = Messages.sendSync(producer,
            Messages.build(topic, 0, count, Messages.UNTAGGED));

        List<Map<String, Object>> byKey = new ArrayList<>();
        List<Map<String, Object>> byId = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byKey.add(lookUpKey(producer, topic, Messages.key(topic, i), begin));
            byId.add(lookUpOffsetId(producer, topic, (String) sent.get(i).get("offsetMsgId")));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("byKey", byKey);
        result.put("byId", byId);
        return result;
    }

    /**
     * The index is built asynchronously after the append, and the client throws
     * (NO_MESSAGE) while the key is not indexed yet, so that answer is retried.
     */
    private static Map<String, Object> lookUpKey(DefaultMQProducer producer, String topic, String key, long begin)
        throws Exception {
        List<MessageExt> found = new ArrayList<>();
        Await.until("key " + key + " in the index", INDEX_TIMEOUT_MS, () -> {
            try {
                QueryResult result = producer.queryMessage(topic, key, MAX_RESULTS, begin,
                    System.currentTimeMillis() + TIME_WINDOW_MS);
                found.addAll(result.getMessageList());
            } catch (MQClientException notIndexedYet) {
                return false;
            }
            return !found.isEmpty();
        });
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", key);
        entry.put("found", Messages.describe(found));
        return entry;
    }

    private static Map<String, Object> lookUpOffsetId(DefaultMQProducer producer, String topic, String offsetMsgId)
        throws Exception {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("offsetMsgId", offsetMsgId);
        // viewMessage(offsetMsgId) alone is gone in 5.x; (topic, id) decodes an offset id in both.
        entry.put("found", Messages.describe(producer.viewMessage(topic, offsetMsgId)));
        return entry;
    }
}
