package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * Recalling a timer message through the remoting protocol (5.3.2+ clients only): two timer
 * messages with the same deliver time ({@code --ahead-ms} after the send) go to a topic a push
 * consumer listens on; the first is recalled (RECALL_MESSAGE with the {@code recallHandle} of its
 * SendResult), the second is the control. Once the control was delivered the driver keeps
 * listening for {@code --watch-ms}, then tries to recall the control: too late, its deliver time
 * has passed.
 *
 * <p>Options: --namesrv --topic --group --ahead-ms T [--watch-ms 2000] [--queues 4].
 * Result: {@code sent} (SendResult with {@code recallHandle}, and {@code deliverAtMs}),
 * {@code recalledMsgId} (what the recall returned), {@code received} and {@code lateRecall}
 * ({@code code} 0 when accepted, else the broker's response code and {@code remark}).
 */
public final class RecallDriver {
    private static final long TIMEOUT_MS = 60_000;

    private RecallDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("recall", argv, RecallDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        DefaultMQProducer producer = clients.producer(args.get("group") + "-producer");
        Topics.create(producer, topic, args.getInt("queues", 4));
        RecordingListener listener = new RecordingListener();
        PushConsumers.startFromFirst(clients, args.get("group"), topic, listener);

        long deliverAtMs = System.currentTimeMillis() + Long.parseLong(args.get("ahead-ms"));
        List<Map<String, Object>> sent = new ArrayList<>();
        List<String> recallHandles = new ArrayList<>();
        for (Message message : Messages.build(topic, 0, 2, Messages.UNTAGGED)) {
            message.setDeliverTimeMs(deliverAtMs);
            SendResult result = producer.send(message);
            Map<String, Object> entry = Messages.describe(message, result);
            entry.put("recallHandle", result.getRecallHandle());
            entry.put("deliverAtMs", deliverAtMs);
            sent.add(entry);
            recallHandles.add(result.getRecallHandle());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("recalledMsgId", producer.recallMessage(topic, recallHandles.get(0)));

        Await.until("a timer delivery", TIMEOUT_MS, () -> listener.count() >= 1);
        Thread.sleep(args.getLong("watch-ms", 2000));
        result.put("received", listener.snapshot());
        result.put("lateRecall", tryRecall(producer, topic, recallHandles.get(1)));
        return result;
    }

    private static Map<String, Object> tryRecall(DefaultMQProducer producer, String topic, String recallHandle)
        throws Exception {
        Map<String, Object> outcome = new LinkedHashMap<>();
        try {
            outcome.put("msgId", producer.recallMessage(topic, recallHandle));
            outcome.put("code", 0);
        } catch (MQBrokerException refused) {
            outcome.put("code", refused.getResponseCode());
            outcome.put("remark", refused.getErrorMessage());
        }
        return outcome;
    }
}
