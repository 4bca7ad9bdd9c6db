package org.mq.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.SendReceipt;

/** Bodies as text, and the JSON shape of sent and received messages. */
final class GrpcMessages {
    private GrpcMessages() {
    }

    static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String body(MessageView view) {
        return StandardCharsets.UTF_8.decode(view.getBody()).toString();
    }

    /** What a send reported, next to what was sent. */
    static Map<String, Object> sent(SendReceipt receipt, String body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", receipt.getMessageId().toString());
        fields.put("body", body);
        return fields;
    }

    /** A received message with its delivery metadata. */
    static Map<String, Object> received(MessageView view) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", view.getMessageId().toString());
        fields.put("body", body(view));
        fields.put("tag", view.getTag().orElse(null));
        fields.put("keys", new ArrayList<>(view.getKeys()));
        fields.put("messageGroup", view.getMessageGroup().orElse(null));
        fields.put("deliveryTimestamp", view.getDeliveryTimestamp().orElse(null));
        fields.put("bornTimestamp", view.getBornTimestamp());
        fields.put("deliveryAttempt", view.getDeliveryAttempt());
        return fields;
    }
}
