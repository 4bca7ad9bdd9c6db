package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.SendReceipt;
import org.apache.rocketmq.client.apis.producer.Transaction;
import org.apache.rocketmq.client.apis.producer.TransactionResolution;

/**
 * One gRPC Producer sending each kind of message to the topic given for it (each optional):
 * <ul>
 *   <li>{@code --normal-topic}: {@code --count} messages, tags TagA, TagB alternating, key {@code <topic>-key-i};</li>
 *   <li>{@code --fifo-topic}: {@code --count} messages alternating between message groups order-A and order-B;</li>
 *   <li>{@code --delay-topic}: one message due {@code --delay-ms} (3000) after it is sent;</li>
 *   <li>{@code --transaction-topic}: one committed, one rolled back and one orphaned transaction,
 *   the orphan committed by the TransactionChecker when the broker checks it back.</li>
 * </ul>
 * Result: {@code normal}, {@code fifo} (sent in this order), {@code delay} and {@code transaction}
 * sections with the message ids the sends returned.
 */
public final class GrpcProduceDriver {
    private static final String ORPHAN_BODY = "orphan";
    private static final long CHECK_BACK_TIMEOUT_MS = 30_000;

    private final Set<String> checkedBack = ConcurrentHashMap.newKeySet();
    private final GrpcClients clients;
    private final int count;

    private GrpcProduceDriver(GrpcClients clients, int count) {
        this.clients = clients;
        this.count = count;
    }

    public static void main(String[] argv) {
        GrpcDriverMain.run("grpc-produce", argv, (args, clients) -> new GrpcProduceDriver(clients, args.getInt("count", 8)).run(args));
    }

    private Map<String, Object> run(Args args) throws Exception {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String kind : List.of("normal", "fifo", "delay", "transaction")) {
            String topic = args.get(kind + "-topic", "");
            if (!topic.isEmpty()) {
                topics.put(kind, topic);
            }
        }
        Producer producer = clients.producer(this::check, topics.values().toArray(new String[0]));
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : topics.entrySet()) {
            result.put(entry.getKey(), send(entry.getKey(), producer, entry.getValue(), args.getLong("delay-ms", 3000)));
        }
        return result;
    }

    private Object send(String kind, Producer producer, String topic, long delayMs) throws Exception {
        switch (kind) {
            case "normal":
                return sendNormal(producer, topic);
            case "fifo":
                return sendFifo(producer, topic);
            case "delay":
                return sendDelayed(producer, topic, delayMs);
            default:
                return sendTransactions(producer, topic);
        }
    }

    private List<Map<String, Object>> sendNormal(Producer producer, String topic) throws Exception {
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "normal-" + i;
            String tag = i % 2 == 0 ? "TagA" : "TagB";
            String key = topic + "-key-" + i;
            Message message = clients.message(topic).setTag(tag).setKeys(key).setBody(GrpcMessages.body(body)).build();
            Map<String, Object> fields = GrpcMessages.sent(producer.send(message), body);
            fields.put("tag", tag);
            fields.put("key", key);
            sent.add(fields);
        }
        return sent;
    }

    private List<Map<String, Object>> sendFifo(Producer producer, String topic) throws Exception {
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String group = i % 2 == 0 ? "order-A" : "order-B";
            String body = group + "-step-" + i / 2;
            Message message = clients.message(topic).setMessageGroup(group).setBody(GrpcMessages.body(body)).build();
            Map<String, Object> fields = GrpcMessages.sent(producer.send(message), body);
            fields.put("messageGroup", group);
            sent.add(fields);
        }
        return sent;
    }

    private Map<String, Object> sendDelayed(Producer producer, String topic, long delayMs) throws Exception {
        long deliverAt = System.currentTimeMillis() + delayMs;
        Message message = clients.message(topic).setDeliveryTimestamp(deliverAt).setBody(GrpcMessages.body("delayed")).build();
        Map<String, Object> fields = GrpcMessages.sent(producer.send(message), "delayed");
        fields.put("deliveryTimestamp", deliverAt);
        return fields;
    }

    private Map<String, Object> sendTransactions(Producer producer, String topic) throws Exception {
        Transaction committed = producer.beginTransaction();
        SendReceipt kept = producer.send(transactional(topic, "committed"), committed);
        committed.commit();
        Transaction rolledBack = producer.beginTransaction();
        SendReceipt dropped = producer.send(transactional(topic, "rolled back"), rolledBack);
        rolledBack.rollback();
        String orphan = producer.send(transactional(topic, ORPHAN_BODY), producer.beginTransaction()).getMessageId().toString();
        Await.until("the broker to check back transaction " + orphan, CHECK_BACK_TIMEOUT_MS, () -> checkedBack.contains(orphan));

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("committed", kept.getMessageId().toString());
        fields.put("rolledBack", dropped.getMessageId().toString());
        fields.put("orphan", orphan);
        fields.put("checkedBack", new ArrayList<>(checkedBack));
        return fields;
    }

    private Message transactional(String topic, String body) {
        return clients.message(topic).setBody(GrpcMessages.body(body)).build();
    }

    /** Commits the orphan; any other message is not this checker's to decide. */
    private TransactionResolution check(MessageView view) {
        checkedBack.add(view.getMessageId().toString());
        return ORPHAN_BODY.equals(GrpcMessages.body(view)) ? TransactionResolution.COMMIT : TransactionResolution.UNKNOWN;
    }
}
