package org.mq.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Message trace with the official client: a DefaultMQProducer and a DefaultMQPushConsumer,
 * both created with {@code enableMsgTrace = true}, send and consume {@code --count}
 * messages (keys {@code trace-<i>}); both are then shut down, which flushes their trace
 * dispatchers into the trace topic.
 *
 * <p>Options: --namesrv --topic --group --count. Result: {@code msgIds} (the sent UNIQ_KEYs)
 * and {@code consumed} (how many of them the listener saw).
 */
public final class TraceDriver {
    private static final long CONSUME_TIMEOUT_MS = 30_000;
    /** The trace producers send asynchronously; give the last sends time to be answered. */
    private static final long TRACE_SEND_GRACE_MS = 1_500;

    private TraceDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("trace", argv, TraceDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String namesrv = args.get("namesrv");
        String topic = args.get("topic");
        String group = args.get("group");
        int count = args.getInt("count");

        DefaultMQProducer producer = new DefaultMQProducer(group + "_PRODUCER", true, null);
        configure(producer, namesrv, "producer");
        producer.start();
        Topics.create(producer, topic, 1);

        Set<String> seen = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group, true, null);
        configure(consumer, namesrv, "consumer");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                seen.add(message.getMsgId());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();

        List<String> msgIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = new Message(topic, "TagTrace", "trace-" + i, ("trace body " + i).getBytes(StandardCharsets.UTF_8));
            SendResult sent = producer.send(message);
            msgIds.add(sent.getMsgId());
        }
        Await.until("consumption of every traced message", CONSUME_TIMEOUT_MS, () -> seen.containsAll(msgIds));
        consumer.shutdown();
        producer.shutdown();
        Thread.sleep(TRACE_SEND_GRACE_MS);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("msgIds", msgIds);
        result.put("consumed", seen.size());
        return result;
    }

    private static void configure(ClientConfig config, String namesrv, String role) {
        config.setNamesrvAddr(namesrv);
        config.setInstanceName("e2e-trace-" + ProcessHandle.current().pid() + "-" + role);
        config.setPollNameServerInterval(1000);
        config.setHeartbeatBrokerInterval(1000);
        config.setPersistConsumerOffsetInterval(1000);
    }
}
