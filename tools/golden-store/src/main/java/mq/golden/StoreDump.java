package mq.golden;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.GetMessageStatus;
import org.apache.rocketmq.store.QueryMessageResult;

/** Reads a whole store through Apache's DefaultMessageStore API and describes it as JSON. */
final class StoreDump {
    private StoreDump() {
    }

    /** queues: "topic:queueId" entries; queries: "topic#key" entries. */
    static Map<String, Object> dump(DefaultMessageStore store, List<String> queues, List<String> queries) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mappedFileSizeCommitLog", store.getMessageStoreConfig().getMappedFileSizeCommitLog());
        config.put("mappedFileSizeConsumeQueue", store.getMessageStoreConfig().getMappedFileSizeConsumeQueue());
        config.put("maxHashSlotNum", store.getMessageStoreConfig().getMaxHashSlotNum());
        config.put("maxIndexNum", store.getMessageStoreConfig().getMaxIndexNum());
        out.put("config", config);
        List<Object> queueList = new ArrayList<>();
        List<Object> messages = new ArrayList<>();
        for (String q : queues) {
            String topic = q.substring(0, q.lastIndexOf(':'));
            int queueId = Integer.parseInt(q.substring(q.lastIndexOf(':') + 1));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("topic", topic);
            info.put("queueId", queueId);
            info.put("minOffset", store.getMinOffsetInQueue(topic, queueId));
            info.put("maxOffset", store.getMaxOffsetInQueue(topic, queueId));
            queueList.add(info);
            readQueue(store, topic, queueId, messages);
        }
        out.put("queues", queueList);
        out.put("messages", messages);
        List<Object> queryList = new ArrayList<>();
        for (String q : queries) {
            String topic = q.substring(0, q.indexOf('#'));
            String key = q.substring(q.indexOf('#') + 1);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("topic", topic);
            info.put("key", key);
            info.put("offsets", query(store, topic, key));
            queryList.add(info);
        }
        out.put("queries", queryList);
        return out;
    }

    private static void readQueue(DefaultMessageStore store, String topic, int queueId, List<Object> messages) {
        long offset = store.getMinOffsetInQueue(topic, queueId);
        while (true) {
            GetMessageResult result = store.getMessage("golden", topic, queueId, offset, 32, null);
            try {
                if (result == null || result.getStatus() != GetMessageStatus.FOUND) {
                    return;
                }
                for (ByteBuffer buffer : result.getMessageBufferList()) {
                    MessageExt m = MessageDecoder.decode(buffer, true, false);
                    messages.add(Records.describe(m));
                }
                offset = result.getNextBeginOffset();
            } finally {
                if (result != null) {
                    result.release();
                }
            }
        }
    }

    private static List<Object> query(DefaultMessageStore store, String topic, String key) {
        List<Long> offsets = new ArrayList<>();
        QueryMessageResult result = store.queryMessage(topic, key, 32, 0, Long.MAX_VALUE);
        try {
            for (ByteBuffer buffer : result.getMessageBufferList()) {
                offsets.add(MessageDecoder.decode(buffer, false, false).getCommitLogOffset());
            }
        } finally {
            result.release();
        }
        offsets.sort(null);
        return new ArrayList<>(offsets);
    }
}
