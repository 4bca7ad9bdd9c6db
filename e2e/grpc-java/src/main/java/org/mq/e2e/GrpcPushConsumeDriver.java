package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.message.MessageView;

/**
 * A gRPC PushConsumer (concurrent) whose listener fails each message's first {@code --fail-times}
 * deliveries and succeeds after that, so every message must be redelivered by the broker.
 *
 * <p>Options: --endpoints --topic --group [--filter '*'] --expect [--fail-times 0].
 * Result: {@code consumed}: per message id, its body and the delivery attempts the listener saw.
 */
public final class GrpcPushConsumeDriver {
    private static final long TIMEOUT_MS = 60_000;

    private final Map<String, List<Object>> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> succeeded = new ConcurrentHashMap<>();
    private final int failTimes;

    private GrpcPushConsumeDriver(int failTimes) {
        this.failTimes = failTimes;
    }

    public static void main(String[] argv) {
        GrpcDriverMain.run("grpc-push-consume", argv, (args, clients) -> new GrpcPushConsumeDriver(args.getInt("fail-times", 0)).run(args, clients));
    }

    private Map<String, Object> run(Args args, GrpcClients clients) throws Exception {
        clients.pushConsumer(args.get("group"), args.get("topic"), args.get("filter", "*"), this::consume);
        int expected = args.getInt("expect");
        Await.until(expected + " messages consumed successfully", TIMEOUT_MS, () -> succeeded.size() >= expected);

        Map<String, Object> consumed = new LinkedHashMap<>();
        succeeded.forEach((id, body) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("body", body);
            fields.put("attempts", attempts.get(id));
            consumed.put(id, fields);
        });
        return Map.of("consumed", consumed);
    }

    private ConsumeResult consume(MessageView view) {
        String id = view.getMessageId().toString();
        List<Object> seen = attempts.computeIfAbsent(id, key -> new ArrayList<>());
        synchronized (seen) {
            seen.add(view.getDeliveryAttempt());
            if (seen.size() <= failTimes) {
                return ConsumeResult.FAILURE;
            }
        }
        succeeded.put(id, GrpcMessages.body(view));
        return ConsumeResult.SUCCESS;
    }
}
