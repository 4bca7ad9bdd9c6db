package mq.golden;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/** The JSON view of one stored message that writer manifest and reader output share. */
final class Records {
    private Records() {
    }

    static Map<String, Object> describe(MessageExt m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", m.getTopic());
        out.put("queueId", m.getQueueId());
        out.put("queueOffset", m.getQueueOffset());
        out.put("commitLogOffset", m.getCommitLogOffset());
        out.put("storeSize", m.getStoreSize());
        out.put("storeTimestamp", m.getStoreTimestamp());
        out.put("bornTimestamp", m.getBornTimestamp());
        out.put("bodyCRC", m.getBodyCRC());
        out.put("sysFlag", m.getSysFlag());
        out.put("flag", m.getFlag());
        out.put("body", new String(m.getBody(), StandardCharsets.UTF_8));
        out.put("tags", m.getTags());
        out.put("keys", m.getKeys());
        out.put("uniqKey", m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
        out.put("offsetMsgId", m.getMsgId());
        return out;
    }
}
