package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * DefaultMQPushConsumer: several consumers of one group, CLUSTERING or BROADCASTING,
 * with a subscription expression; messages carry a cycle of tags.
 *
 * <p>Options: --namesrv --topic --group --model CLUSTERING|BROADCASTING --consumers N
 * --subscription EXPR --tags A,B,C --count N --expect E [--queues 4] [--grace-ms 1500].
 * {@code expect} is how many messages match the subscription: the group as a whole must
 * consume that many in clustering, each consumer that many in broadcasting. After that the
 * driver keeps listening for {@code grace-ms} so duplicates or strays are reported too.
 * Result: {@code sent} and {@code consumers[i] = {instance, queues, received}}.
 */
public final class PushConsumeDriver {
    private static final long TIMEOUT_MS = 30_000;

    private PushConsumeDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("push-consume", argv, PushConsumeDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        String group = args.get("group");
        String model = args.get("model", "CLUSTERING");
        int queueCount = args.getInt("queues", 4);
        DefaultMQProducer producer = clients.producer(group + "-producer");
        Topics.create(producer, topic, queueCount);

        List<DefaultMQPushConsumer> consumers = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < args.getInt("consumers", 1); i++) {
            RecordingListener listener = new RecordingListener();
            consumers.add(startConsumer(clients, args, model, listener));
            listeners.add(listener);
        }
        boolean broadcasting = MessageModels.isBroadcasting(model);
        Await.until("a settled queue assignment", TIMEOUT_MS, () -> broadcasting
            ? Assignments.ownedByAll(consumers, topic, queueCount)
            : Assignments.sharedOut(consumers, topic, queueCount));

        List<Map<String, Object>> sent = Messages.sendSync(producer,
            Messages.build(topic, 0, args.getInt("count"), Messages.tagCycle(args.get("tags", ""))));
        int expected = args.getInt("expect") * (broadcasting ? consumers.size() : 1);
        Await.until(expected + " deliveries", TIMEOUT_MS, () -> totalReceived(listeners) >= expected);
        Thread.sleep(args.getLong("grace-ms", 1500));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        result.put("consumers", report(consumers, listeners, topic));
        return result;
    }

    private static DefaultMQPushConsumer startConsumer(Clients clients, Args args, String model,
        RecordingListener listener) throws Exception {
        DefaultMQPushConsumer consumer = clients.pushConsumer(args.get("group"));
        MessageModels.set(consumer, model);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(args.get("topic"), args.get("subscription", "*"));
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }

    private static int totalReceived(List<RecordingListener> listeners) {
        int total = 0;
        for (RecordingListener listener : listeners) {
            total += listener.count();
        }
        return total;
    }

    private static List<Map<String, Object>> report(List<DefaultMQPushConsumer> consumers,
        List<RecordingListener> listeners, String topic) {
        List<Map<String, Object>> report = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("instance", consumers.get(i).getInstanceName());
            entry.put("queues", Assignments.queueIds(consumers.get(i), topic));
            entry.put("received", listeners.get(i).snapshot());
            report.add(entry);
        }
        return report;
    }
}
