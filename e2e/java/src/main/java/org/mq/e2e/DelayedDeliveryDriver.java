package org.mq.e2e;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Scheduled delivery: message i is sent with a delay level ({@code --kind level}, value = the
 * level) or a timer deliver time ({@code --kind timer}, value = milliseconds ahead of the
 * send) to a topic a push consumer already listens on. The 5.x client sets the timer with
 * {@code Message.setDeliverTimeMs}; 4.9.8 has no timer API, so the driver puts the same
 * property ({@code TIMER_DELIVER_MS}) on the message by hand.
 *
 * <p>Options: --namesrv --topic --group --kind level|timer --values 3,99 --expect N
 * [--queues 4] [--grace-ms 1500]. {@code expect} is how many of the messages must arrive;
 * the driver then listens for {@code grace-ms} more so early or stray deliveries show too.
 * Result: {@code topic}, {@code sent} (SendResult, {@code scheduled} value, {@code deliverAtMs} for timers),
 * {@code stored} (the record the send stored, looked up by its offset id: topic, queueId,
 * storeTimestamp, properties), {@code received} and {@code timerApi}.
 */
public final class DelayedDeliveryDriver {
    private static final long TIMEOUT_MS = 60_000;
    private static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";

    private DelayedDeliveryDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("delayed-delivery", argv, DelayedDeliveryDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        String kind = args.get("kind");
        DefaultMQProducer producer = clients.producer(args.get("group") + "-producer");
        Topics.create(producer, topic, args.getInt("queues", 4));
        RecordingListener listener = new RecordingListener();
        PushConsumers.startFromFirst(clients, args.get("group"), topic, listener);

        List<Map<String, Object>> sent = new ArrayList<>();
        List<Map<String, Object>> stored = new ArrayList<>();
        String[] values = args.get("values").split(",");
        for (int i = 0; i < values.length; i++) {
            Message message = Messages.build(topic, i, 1, Messages.UNTAGGED).get(0);
            long value = Long.parseLong(values[i]);
            Long deliverAtMs = schedule(message, kind, value);
            SendResult result = producer.send(message);
            Map<String, Object> entry = Messages.describe(message, result);
            entry.put("scheduled", value);
            entry.put("deliverAtMs", deliverAtMs);
            sent.add(entry);
            stored.add(describeStored(producer.viewMessage(topic, result.getOffsetMsgId())));
        }
        int expected = args.getInt("expect");
        Await.until(expected + " scheduled deliveries", TIMEOUT_MS, () -> listener.count() >= expected);
        Thread.sleep(args.getLong("grace-ms", 1500));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("topic", topic);
        result.put("timerApi", timerApi() == null ? "property" : "setDeliverTimeMs");
        result.put("sent", sent);
        result.put("stored", stored);
        result.put("received", listener.snapshot());
        return result;
    }

    /** Schedules the message; returns the deliver time of a timer message, null for a delay level. */
    private static Long schedule(Message message, String kind, long value) throws Exception {
        switch (kind) {
            case "level":
                message.setDelayTimeLevel((int) value);
                return null;
            case "timer":
                long deliverAtMs = System.currentTimeMillis() + value;
                Method api = timerApi();
                if (api != null) {
                    api.invoke(message, deliverAtMs);
                } else {
                    MessageAccessor.putProperty(message, TIMER_DELIVER_MS, String.valueOf(deliverAtMs));
                }
                return deliverAtMs;
            default:
                throw new IllegalArgumentException("unknown --kind " + kind);
        }
    }

    /** {@code Message.setDeliverTimeMs(long)}, which only 5.x clients have. */
    private static Method timerApi() {
        try {
            return Message.class.getMethod("setDeliverTimeMs", long.class);
        } catch (NoSuchMethodException olderClient) {
            return null;
        }
    }

    private static Map<String, Object> describeStored(MessageExt message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", message.getTopic());
        fields.put("queueId", message.getQueueId());
        fields.put("storeTimestamp", message.getStoreTimestamp());
        fields.put("properties", new LinkedHashMap<>(message.getProperties()));
        return fields;
    }
}
