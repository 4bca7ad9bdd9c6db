package org.mq.e2e;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/**
 * The official client's side of packages/client/bench/client-vs-java.ts, on an existing topic:
 * messages of --body-size bytes sent for --warmup-seconds (not measured), then for --seconds
 * with 1 in flight (sync sends), then for --seconds with --inflight in flight (async sends
 * bounded by a Semaphore); then a push consumer of a new group drains everything sent, from
 * the first offset. Clients keep the Java defaults apart from the name server.
 *
 * <p>Options: --namesrv --topic --group [--inflight 64] [--seconds 5] [--warmup-seconds 2] [--body-size 1024].
 * Result: {@code send1} and {@code sendN} ({@code tps}, {@code avgRtMs}, {@code sent}, {@code failed}, {@code cpuUsPerMsg}),
 * {@code consume} ({@code tps}, {@code consumed}, {@code cpuUsPerMsg}): tps from the first to the last message received;
 * cpuUsPerMsg is this JVM's CPU time (all threads, GC and JIT included) over the phase per message.
 */
public final class ThroughputDriver {
    private static final long DRAIN_TIMEOUT_MS = 300_000;

    private ThroughputDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("throughput", argv, ThroughputDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients unused) throws Exception {
        String namesrv = args.get("namesrv");
        String topic = args.get("topic");
        String group = args.get("group");
        int inflight = args.getInt("inflight", 64);
        long phaseMs = args.getLong("seconds", 5) * 1000;
        byte[] body = new byte[args.getInt("body-size", 1024)];
        Arrays.fill(body, (byte) 'a');

        DefaultMQProducer producer = new DefaultMQProducer(group + "_P");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("throughput-" + ProcessHandle.current().pid());
        producer.start();
        Phase warmup = sendConcurrently(producer, topic, body, inflight, args.getLong("warmup-seconds", 2) * 1000);
        Phase one = sendSequentially(producer, topic, body, phaseMs);
        Phase many = sendConcurrently(producer, topic, body, inflight, phaseMs);
        long total = warmup.sent + one.sent + many.sent;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("send1", one.describe());
        result.put("sendN", many.describe());
        result.put("consume", consume(namesrv, topic, group + "_C", total));
        return result;
    }

    /** What one send phase achieved. */
    private static final class Phase {
        final long sent;
        final long failed;
        final long rtNanos;
        final long elapsedNanos;
        final long cpuNanos;

        Phase(long sent, long failed, long rtNanos, long elapsedNanos, long cpuNanos) {
            this.sent = sent;
            this.failed = failed;
            this.rtNanos = rtNanos;
            this.elapsedNanos = elapsedNanos;
            this.cpuNanos = cpuNanos;
        }

        Map<String, Object> describe() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("tps", sent * 1e9 / elapsedNanos);
            figures.put("avgRtMs", sent == 0 ? 0 : rtNanos / 1e6 / sent);
            figures.put("sent", sent);
            figures.put("failed", failed);
            figures.put("cpuUsPerMsg", cpuPerMessageMicros(cpuNanos, sent));
            return figures;
        }
    }

    private static Phase sendSequentially(DefaultMQProducer producer, String topic, byte[] body, long durationMs)
        throws Exception {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + durationMs * 1_000_000;
        long sent = 0;
        long rtNanos = 0;
        while (System.nanoTime() < deadline) {
            long sentAt = System.nanoTime();
            producer.send(new Message(topic, "TagA", body));
            rtNanos += System.nanoTime() - sentAt;
            sent++;
        }
        return new Phase(sent, 0, rtNanos, System.nanoTime() - start, processCpuNanos() - cpuStart);
    }

    private static Phase sendConcurrently(DefaultMQProducer producer, String topic, byte[] body, int inflight,
        long durationMs) throws Exception {
        Semaphore slots = new Semaphore(inflight);
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong rtNanos = new AtomicLong();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + durationMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            slots.acquire();
            long sentAt = System.nanoTime();
            producer.send(new Message(topic, "TagA", body), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    rtNanos.addAndGet(System.nanoTime() - sentAt);
                    sent.incrementAndGet();
                    slots.release();
                }

                @Override
                public void onException(Throwable failure) {
                    failed.incrementAndGet();
                    slots.release();
                }
            });
        }
        slots.acquire(inflight); // every send answered
        return new Phase(sent.get(), failed.get(), rtNanos.get(), System.nanoTime() - start, processCpuNanos() - cpuStart);
    }

    private static Map<String, Object> consume(String namesrv, String topic, String group, long total) throws Exception {
        AtomicLong consumed = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("throughput-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            long now = System.nanoTime();
            firstAt.compareAndSet(0, now);
            lastAt.accumulateAndGet(now, Math::max);
            consumed.addAndGet(messages.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        long cpuStart = processCpuNanos();
        consumer.start();
        Await.until(total + " messages consumed", DRAIN_TIMEOUT_MS, () -> consumed.get() >= total);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tps", consumed.get() * 1e9 / Math.max(1, lastAt.get() - firstAt.get()));
        figures.put("consumed", consumed.get());
        figures.put("cpuUsPerMsg", cpuPerMessageMicros(processCpuNanos() - cpuStart, consumed.get()));
        return figures;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double cpuPerMessageMicros(long cpuNanos, long messages) {
        return messages == 0 ? 0 : cpuNanos / 1e3 / messages;
    }
}
