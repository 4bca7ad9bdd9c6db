package org.mq.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/**
 * SQL92 filtering: one consumer group per expression ({@code MessageSelector.bySql}), all
 * subscribed to one topic, then a table of messages with user properties; each group must
 * receive exactly the messages its expression matches. First, a consumer subscribing with a
 * malformed expression must fail to start with the broker's response code.
 *
 * <p>Options: --namesrv --topic --group --expressions (one per line) --messages (one per line,
 * {@code name=value} pairs separated by {@code ;}, an empty line for no properties)
 * --malformed EXPR --expect-total N [--queues 4] [--grace-ms 1500]. Message i has body "i".
 * {@code expect-total} is the sum over the expressions of how many messages each matches.
 * Result: {@code malformed} ({@code code}, {@code message}), {@code sent} and
 * {@code received[j]}: what the group of expression j received.
 */
public final class SqlFilterDriver {
    private static final long TIMEOUT_MS = 30_000;

    private SqlFilterDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("sql-filter", argv, SqlFilterDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        String group = args.get("group");
        int queueCount = args.getInt("queues", 4);
        DefaultMQProducer producer = clients.producer(group + "-producer");
        Topics.create(producer, topic, queueCount);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("malformed", subscribeMalformed(clients, group + "-malformed", topic, args.get("malformed")));

        String[] expressions = args.get("expressions").split("\n");
        String sharedInstance = "sql-" + ProcessHandle.current().pid();
        List<DefaultMQPushConsumer> consumers = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        for (int j = 0; j < expressions.length; j++) {
            DefaultMQPushConsumer consumer = clients.pushConsumer(group + "-" + j);
            consumer.setInstanceName(sharedInstance);
            RecordingListener listener = new RecordingListener();
            start(consumer, topic, MessageSelector.bySql(expressions[j]), listener);
            consumers.add(consumer);
            listeners.add(listener);
        }
        Await.until("every group owning every queue", TIMEOUT_MS,
            () -> Assignments.ownedByAll(consumers, topic, queueCount));

        List<Map<String, Object>> sent = new ArrayList<>();
        String[] table = args.get("messages").split("\n", -1);
        for (int i = 0; i < table.length; i++) {
            Message message = withProperties(new Message(topic, String.valueOf(i).getBytes(StandardCharsets.UTF_8)), table[i]);
            sent.add(Messages.describe(message, producer.send(message)));
        }
        int expected = args.getInt("expect-total");
        Await.until(expected + " filtered deliveries", TIMEOUT_MS, () -> total(listeners) >= expected);
        Thread.sleep(args.getLong("grace-ms", 1500));

        List<List<Map<String, Object>>> received = new ArrayList<>();
        for (RecordingListener listener : listeners) {
            received.add(listener.snapshot());
        }
        result.put("sent", sent);
        result.put("received", received);
        return result;
    }

    private static Map<String, Object> subscribeMalformed(Clients clients, String group, String topic, String expression) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        try {
            start(clients.pushConsumer(group), topic, MessageSelector.bySql(expression), new RecordingListener());
            outcome.put("code", 0);
        } catch (MQClientException refused) {
            outcome.put("code", refused.getResponseCode());
            outcome.put("message", refused.getErrorMessage());
        } catch (Exception other) {
            outcome.put("code", -1);
            outcome.put("message", other.toString());
        }
        return outcome;
    }

    private static void start(DefaultMQPushConsumer consumer, String topic, MessageSelector selector,
        RecordingListener listener) throws Exception {
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, selector);
        consumer.registerMessageListener(listener);
        consumer.start();
    }

    private static Message withProperties(Message message, String properties) {
        for (String pair : properties.split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            message.putUserProperty(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return message;
    }

    private static int total(List<RecordingListener> listeners) {
        int total = 0;
        for (RecordingListener listener : listeners) {
            total += listener.count();
        }
        return total;
    }
}
