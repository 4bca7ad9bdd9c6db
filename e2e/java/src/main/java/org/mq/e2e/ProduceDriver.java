package org.mq.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * DefaultMQProducer in one send mode: sync, async, oneway, batch or selector
 * (MessageQueueSelector putting message i on queue i % queues).
 *
 * <p>Options: --namesrv --topic --group --mode --count [--queues 4].
 * Result: {@code sent} (one entry per SendResult; none for oneway) and
 * {@code storedPerQueue} (queueId to the broker's max offset, once they add up to count).
 */
public final class ProduceDriver {
    private static final long SEND_TIMEOUT_MS = 15_000;

    private ProduceDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("produce", argv, ProduceDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        String topic = args.get("topic");
        int count = args.getInt("count");
        DefaultMQProducer producer = clients.producer(args.get("group"));
        List<MessageQueue> queues = Topics.create(producer, topic, args.getInt("queues", 4));
        List<Message> messages = Messages.build(topic, 0, count, Messages.UNTAGGED);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", send(args.get("mode"), producer, messages));
        result.put("storedPerQueue", awaitStored(producer, queues, count));
        return result;
    }

    private static List<Map<String, Object>> send(String mode, DefaultMQProducer producer, List<Message> messages)
        throws Exception {
        switch (mode) {
            case "sync":
                return Messages.sendSync(producer, messages);
            case "async":
                return sendAsync(producer, messages);
            case "oneway":
                for (Message message : messages) {
                    producer.sendOneway(message);
                }
                return List.of();
            case "batch":
                return List.of(Messages.describe(producer.send(messages)));
            case "selector":
                return Messages.sendByIndexSelector(producer, messages);
            default:
                throw new IllegalArgumentException("unknown --mode " + mode);
        }
    }

    private static List<Map<String, Object>> sendAsync(DefaultMQProducer producer, List<Message> messages)
        throws Exception {
        List<Map<String, Object>> sent = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(messages.size());
        for (Message message : messages) {
            producer.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    sent.add(Messages.describe(message, result));
                    done.countDown();
                }

                @Override
                public void onException(Throwable failure) {
                    failures.add(failure);
                    done.countDown();
                }
            });
        }
        if (!done.await(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(done.getCount() + " async sends never completed");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " async sends failed", failures.get(0));
        }
        return sent;
    }

    /** Waits until the broker's queues hold {@code count} messages (oneway sends land later). */
    private static Map<String, Object> awaitStored(DefaultMQProducer producer, List<MessageQueue> queues, int count)
        throws Exception {
        Map<String, Object> stored = new LinkedHashMap<>();
        Await.until(count + " messages stored", SEND_TIMEOUT_MS, () -> {
            long total = 0;
            for (MessageQueue queue : queues) {
                long maxOffset = producer.maxOffset(queue);
                stored.put(String.valueOf(queue.getQueueId()), maxOffset);
                total += maxOffset;
            }
            return total >= count;
        });
        return stored;
    }
}
