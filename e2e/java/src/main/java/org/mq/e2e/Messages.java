package org.mq.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The messages the drivers send and how they report them. Message {@code i} of a run
 * has body {@code "i"}, key {@code "<topic>-key-i"} and the tag {@code tags[i % tags.length]}
 * (no tag when that entry is empty), so the suites can tell every message apart.
 */
final class Messages {
    /** A tag cycle of one empty entry: no message gets a tag. */
    static final String[] UNTAGGED = {""};

    private Messages() {
    }

    /** Parses {@code --tags TagA,TagB,}: a comma-separated cycle, empty entries meaning "no tag". */
    static String[] tagCycle(String option) {
        return option.isEmpty() ? UNTAGGED : option.split(",", -1);
    }

    private static Message build(String topic, int index, String[] tags) {
        String tag = tags[index % tags.length];
        Message message = new Message(topic, String.valueOf(index).getBytes(StandardCharsets.UTF_8));
        if (!tag.isEmpty()) {
            message.setTags(tag);
        }
        message.setKeys(key(topic, index));
        return message;
    }

    static String key(String topic, int index) {
        return topic + "-key-" + index;
    }

    static List<Message> build(String topic, int from, int count, String[] tags) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            messages.add(build(topic, i, tags));
        }
        return messages;
    }

    /** Sends the messages one by one, synchronously, and describes each result. */
    static List<Map<String, Object>> sendSync(DefaultMQProducer producer, List<Message> messages) throws Exception {
        List<Map<String, Object>> sent = new ArrayList<>(messages.size());
        for (Message message : messages) {
            sent.add(describe(message, producer.send(message)));
        }
        return sent;
    }

    /** Sends message i synchronously through a MessageQueueSelector that picks queue i % queues. */
    static List<Map<String, Object>> sendByIndexSelector(DefaultMQProducer producer, List<Message> messages)
        throws Exception {
        MessageQueueSelector byIndex = (queues, message, index) -> queues.get((Integer) index % queues.size());
        List<Map<String, Object>> sent = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            sent.add(describe(messages.get(i), producer.send(messages.get(i), byIndex, i)));
        }
        return sent;
    }

    static Map<String, Object> describe(Message message, SendResult result) {
        Map<String, Object> fields = describe(result);
        fields.put("body", body(message.getBody()));
        fields.put("tags", message.getTags());
        return fields;
    }

    static Map<String, Object> describe(SendResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", result.getSendStatus().name());
        fields.put("msgId", result.getMsgId());
        fields.put("offsetMsgId", result.getOffsetMsgId());
        fields.put("queueId", result.getMessageQueue().getQueueId());
        fields.put("queueOffset", result.getQueueOffset());
        return fields;
    }

    static Map<String, Object> describe(MessageExt message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("body", body(message.getBody()));
        fields.put("tags", message.getTags());
        fields.put("keys", message.getKeys());
        fields.put("msgId", message.getMsgId());
        fields.put("queueId", message.getQueueId());
        fields.put("queueOffset", message.getQueueOffset());
        fields.put("reconsumeTimes", message.getReconsumeTimes());
        fields.put("bornTimestamp", message.getBornTimestamp());
        fields.put("storeTimestamp", message.getStoreTimestamp());
        return fields;
    }

    static List<Map<String, Object>> describe(List<MessageExt> messages) {
        List<Map<String, Object>> described = new ArrayList<>(messages.size());
        for (MessageExt message : messages) {
            described.add(describe(message));
        }
        return described;
    }

    private static String body(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
