package org.mq.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.message.MessageQueue;

/** Polling loop and offset report shared by the lite pull drivers. */
final class LitePull {
    private static final long POLL_TIMEOUT_MS = 200;

    private LitePull() {
    }

    /**
     * Polls until {@code expected} messages arrived (bounded by {@code timeoutMs}), then
     * for {@code graceMs} more so that duplicates or strays show up in the result.
     */
    static List<Map<String, Object>> pollAtLeast(DefaultLitePullConsumer consumer, int expected, long timeoutMs,
        long graceMs) throws Exception {
        List<Map<String, Object>> received = new ArrayList<>();
        Await.until(expected + " polled messages", timeoutMs, () -> {
            received.addAll(Messages.describe(consumer.poll(POLL_TIMEOUT_MS)));
            return received.size() >= expected;
        });
        long graceEnd = System.currentTimeMillis() + graceMs;
        while (System.currentTimeMillis() < graceEnd) {
            received.addAll(Messages.describe(consumer.poll(POLL_TIMEOUT_MS)));
        }
        return received;
    }

    /** queueId to the group's committed offset as the client reports it. */
    static Map<String, Object> committed(DefaultLitePullConsumer consumer, Collection<MessageQueue> queues)
        throws Exception {
        Map<String, Object> offsets = new LinkedHashMap<>();
        for (MessageQueue queue : queues) {
            offsets.put(String.valueOf(queue.getQueueId()), consumer.committed(queue));
        }
        return offsets;
    }
}
