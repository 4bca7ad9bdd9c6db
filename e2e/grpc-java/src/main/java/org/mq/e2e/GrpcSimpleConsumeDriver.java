package org.mq.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;

/**
 * A gRPC SimpleConsumer receiving and acking until {@code --expect} distinct messages are acked.
 *
 * <p>Options: --endpoints --topic --group [--filter '*'] --expect [--await-ms 5000]
 * [--invisible-ms 15000] [--redeliver-first false] [--drain false]. With --redeliver-first the
 * first message is not acked but its invisible duration is changed to 1 s, so it is delivered
 * again (then acked). With --drain a last receive after that must come back empty.
 * Result: {@code received} (every delivery, in order), {@code redelivered} (id or null) and,
 * with --drain, {@code drained} (what the last receive returned).
 */
public final class GrpcSimpleConsumeDriver {
    private static final int BATCH = 16;
    private static final long TIMEOUT_MS = 45_000;
    private static final Duration REDELIVERY_DELAY = Duration.ofSeconds(1);

    private GrpcSimpleConsumeDriver() {
    }

    public static void main(String[] argv) {
        GrpcDriverMain.run("grpc-simple-consume", argv, GrpcSimpleConsumeDriver::run);
    }

    private static Map<String, Object> run(Args args, GrpcClients clients) throws Exception {
        SimpleConsumer consumer = clients.simpleConsumer(args.get("group"), args.get("topic"), args.get("filter", "*"),
            Duration.ofMillis(args.getLong("await-ms", 5000)));
        Duration invisible = Duration.ofMillis(args.getLong("invisible-ms", 15_000));
        int expected = args.getInt("expect");
        boolean redeliverFirst = Boolean.parseBoolean(args.get("redeliver-first", "false"));

        List<Map<String, Object>> received = new ArrayList<>();
        Set<String> acked = new LinkedHashSet<>();
        String redelivered = null;
        Await.until(expected + " messages acked", TIMEOUT_MS, () -> {
            for (MessageView view : consumer.receive(BATCH, invisible)) {
                received.add(GrpcMessages.received(view));
                if (redeliverFirst && received.size() == 1) {
                    consumer.changeInvisibleDuration(view, REDELIVERY_DELAY);
                } else {
                    consumer.ack(view);
                    acked.add(view.getMessageId().toString());
                }
            }
            return acked.size() >= expected;
        });
        if (redeliverFirst) {
            redelivered = (String) received.get(0).get("messageId");
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("received", received);
        result.put("redelivered", redelivered);
        if (Boolean.parseBoolean(args.get("drain", "false"))) {
            List<Map<String, Object>> drained = new ArrayList<>();
            for (MessageView view : consumer.receive(BATCH, invisible)) {
                drained.add(GrpcMessages.received(view));
            }
            result.put("drained", drained);
        }
        return result;
    }
}
