package org.mq.golden;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.compression.CompressionType;
import org.apache.rocketmq.common.compression.CompressorFactory;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.common.message.MessageVersion;
import org.apache.rocketmq.common.sysflag.MessageSysFlag;
import org.apache.rocketmq.store.MessageExtEncoder;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * Stored message records (the commit-log format, also the PULL_MESSAGE response body) written by
 * {@link MessageDecoder#encode(MessageExt, boolean)}, one V2-magic record written by the broker's own
 * {@link MessageExtEncoder}, and a SEND_BATCH_MESSAGE body from {@link MessageDecoder#encodeMessages(List)}.
 */
final class RecordFixtures {
    private static final long BORN_TIMESTAMP = 1718000000123L;
    private static final long STORE_TIMESTAMP = 1718000000130L;

    private RecordFixtures() {
    }

    static void writeAll(FixtureSet out) throws Exception {
        MessageExt ipv4 = message("TopicTest", "Hello RocketMQ 0".getBytes(StandardCharsets.UTF_8), 0);
        addTagsKeysAndUserProps(ipv4, "TagA", List.of("order-1", "user-42"));
        writeRecord(out, "record-ipv4.bin", "IPv4 born and store hosts; TAGS, KEYS, UNIQ_KEY, WAIT and user properties",
            ipv4, false);

        MessageExt ipv6 = message("TopicTest", "IPv6 hosts".getBytes(StandardCharsets.UTF_8),
            MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        ipv6.setBornHost(new InetSocketAddress(InetAddress.getByName("fd00::1"), 40001));
        ipv6.setStoreHost(new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 10911));
        ipv6.setReconsumeTimes(2);
        ipv6.setPreparedTransactionOffset(4096);
        addTagsKeysAndUserProps(ipv6, "TagB", List.of("v6"));
        writeRecord(out, "record-ipv6.bin", "IPv6 born and store hosts (sysFlag 0x10 | 0x20), reconsumeTimes 2",
            ipv6, false);

        ipv6.setSysFlag(MessageSysFlag.BORNHOST_V6_FLAG);
        ipv6.setStoreHost(new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 10911));
        writeRecord(out, "record-ipv6-born-only.bin", "IPv6 born host, IPv4 store host (sysFlag 0x10)", ipv6, false);

        writeCompressed(out, "record-zlib.bin", "body compressed with zlib level 5 (sysFlag COMPRESSED | ZLIB type 0x301)",
            MessageSysFlag.COMPRESSED_FLAG | MessageSysFlag.COMPRESSION_ZLIB_TYPE);
        writeCompressed(out, "record-zlib-legacy.bin",
            "body compressed, sysFlag 0x1 only (no type bits: old clients; Java reads it as zlib)",
            MessageSysFlag.COMPRESSED_FLAG);

        MessageExt noProps = message("T", new byte[0], 0);
        writeRecord(out, "record-empty.bin", "empty body, one-char topic, no properties at all", noProps, false);

        writeLongTopicV2(out);
        writePullBody(out);
        writeBatchBody(out);
    }

    private static MessageExt message(String topic, byte[] body, int sysFlag) throws Exception {
        MessageExt msg = new MessageExt();
        msg.setTopic(topic);
        msg.setBody(body);
        msg.setBodyCRC(UtilAll.crc32(body));
        msg.setQueueId(3);
        msg.setFlag(0);
        msg.setQueueOffset(17);
        msg.setCommitLogOffset(123456789L);
        msg.setSysFlag(sysFlag);
        msg.setBornTimestamp(BORN_TIMESTAMP);
        msg.setBornHost(new InetSocketAddress(InetAddress.getByName("192.168.0.20"), 53412));
        msg.setStoreTimestamp(STORE_TIMESTAMP);
        msg.setStoreHost(new InetSocketAddress(InetAddress.getByName("192.168.0.10"), 10911));
        return msg;
    }

    private static void addTagsKeysAndUserProps(Message msg, String tag, List<String> keys) {
        msg.setTags(tag);
        msg.setKeys(keys);
        msg.setWaitStoreMsgOK(true);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
            "C0A8001410922A9F7B8C5E1A00000000");
        msg.putUserProperty("orderId", "A-1001");
        msg.putUserProperty("city", "北京");
    }

    private static void writeCompressed(FixtureSet out, String file, String what, int sysFlag) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("line ").append(i).append(": compressible RocketMQ payload\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        MessageExt msg = message("TopicTest", body, sysFlag);
        // The broker computes BODYCRC over the bytes it receives, i.e. the compressed body.
        byte[] compressed = CompressorFactory.getCompressor(CompressionType.ZLIB).compress(body, 5);
        msg.setBodyCRC(UtilAll.crc32(compressed));
        msg.setTags("TagC");
        writeRecord(out, file, what, msg, true);
    }

    private static void writeRecord(FixtureSet out, String file, String what, MessageExt msg, boolean compress)
        throws Exception {
        byte[] record = MessageDecoder.encode(msg, compress);
        JSONObject entry = new JSONObject();
        entry.put("kind", "stored-record");
        entry.put("description", what);
        entry.put("encoder", "MessageDecoder.encode(msg, needCompress=" + compress + ")");
        entry.put("record", describeRecord(record));
        out.addFile(file, record, entry);
    }

    /**
     * Topics longer than 127 bytes need magic V2 (2-byte topic length). MessageDecoder.encode only
     * writes V1, so this record comes from the broker's MessageExtEncoder. Like the commit log does
     * at append time, the physical offset is then written in place at MESSAGE_PHYSIC_OFFSET_POSITION.
     */
    private static void writeLongTopicV2(FixtureSet out) throws Exception {
        String topic = "LongTopic-" + "x".repeat(190);
        MessageExtBrokerInner inner = new MessageExtBrokerInner();
        MessageExt base = message(topic, "V2 record".getBytes(StandardCharsets.UTF_8), 0);
        inner.setTopic(base.getTopic());
        inner.setBody(base.getBody());
        inner.setBodyCRC(base.getBodyCRC());
        inner.setQueueId(base.getQueueId());
        inner.setQueueOffset(base.getQueueOffset());
        inner.setSysFlag(base.getSysFlag());
        inner.setBornTimestamp(base.getBornTimestamp());
        inner.setBornHost(base.getBornHost());
        inner.setStoreTimestamp(base.getStoreTimestamp());
        inner.setStoreHost(base.getStoreHost());
        inner.setTags("TagV2");
        MessageAccessor.putProperty(inner, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
            "C0A8001410922A9F7B8C5E1A00000001");
        inner.setPropertiesString(MessageDecoder.messageProperties2String(inner.getProperties()));
        inner.setVersion(MessageVersion.MESSAGE_VERSION_V2);

        MessageExtEncoder encoder = new MessageExtEncoder(new MessageStoreConfig());
        if (encoder.encode(inner) != null) {
            throw new IllegalStateException("MessageExtEncoder refused the V2 record");
        }
        ByteBuffer encoded = encoder.getEncoderBuffer();
        byte[] record = new byte[encoded.getInt(0)];
        encoded.get(record);
        ByteBuffer.wrap(record).putLong(MessageDecoder.MESSAGE_PHYSIC_OFFSET_POSITION, 987654321L);

        JSONObject entry = new JSONObject();
        entry.put("kind", "stored-record");
        entry.put("description", "topic of 200 bytes: magic V2 (0xDAA320AB), 2-byte topic length");
        entry.put("encoder", "store MessageExtEncoder.encode(MessageExtBrokerInner version V2) + physical offset");
        entry.put("record", describeRecord(record));
        out.addFile("record-v2-long-topic.bin", record, entry);
    }

    /** Three records back to back at consecutive commit-log offsets, as a PULL_MESSAGE body carries them. */
    private static void writePullBody(FixtureSet out) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        JSONArray records = new JSONArray();
        long commitLogOffset = 8192;
        for (int i = 0; i < 3; i++) {
            MessageExt msg = message("TopicTest", ("pull body message " + i).getBytes(StandardCharsets.UTF_8), 0);
            msg.setQueueId(1);
            msg.setQueueOffset(100 + i);
            msg.setCommitLogOffset(commitLogOffset);
            msg.setTags(i % 2 == 0 ? "TagA" : "TagB");
            MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
                "C0A8001410922A9F7B8C5E1A0000001" + i);
            byte[] record = MessageDecoder.encode(msg, false);
            body.write(record);
            records.add(describeRecord(record));
            commitLogOffset += record.length;
        }
        byte[] bytes = body.toByteArray();
        List<MessageExt> decoded = MessageDecoder.decodes(ByteBuffer.wrap(bytes));
        if (decoded.size() != 3) {
            throw new IllegalStateException("Java decoded " + decoded.size() + " messages from the pull body");
        }
        JSONObject entry = new JSONObject();
        entry.put("kind", "pull-body");
        entry.put("description", "three stored records back to back (PULL_MESSAGE response body)");
        entry.put("records", records);
        out.addFile("pull-body.bin", bytes, entry);
    }

    private static void writeBatchBody(FixtureSet out) throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message msg = new Message("TopicTest", "TagA", "batch-key-" + i,
                ("batch message " + i).getBytes(StandardCharsets.UTF_8));
            MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
                "C0A8001410922A9F7B8C5E1A0000002" + i);
            if (i == 1) {
                msg.setFlag(7);
                msg.putUserProperty("seq", "1");
            }
            messages.add(msg);
        }
        byte[] bytes = MessageDecoder.encodeMessages(messages);
        JSONArray decoded = new JSONArray();
        for (Message msg : MessageDecoder.decodeMessages(ByteBuffer.wrap(bytes))) {
            decoded.add(Describe.batchMessage(msg));
        }
        JSONArray propertiesStrings = new JSONArray();
        for (Message msg : messages) {
            propertiesStrings.add(MessageDecoder.messageProperties2String(msg.getProperties()));
        }
        JSONObject entry = new JSONObject();
        entry.put("kind", "batch-body");
        entry.put("description", "SEND_BATCH_MESSAGE body from MessageDecoder.encodeMessages (3 messages)");
        entry.put("messages", decoded);
        entry.put("propertiesStrings", propertiesStrings);
        out.addFile("batch-body.bin", bytes, entry);
    }

    /** What Java's server-side and client-side decoders read from one record. */
    private static JSONObject describeRecord(byte[] record) {
        MessageExt raw = MessageDecoder.decode(ByteBuffer.wrap(record), true, false, false, true);
        MessageExt server = MessageDecoder.decode(ByteBuffer.wrap(record), true, true, false);
        MessageClientExt client = (MessageClientExt) MessageDecoder.clientDecode(ByteBuffer.wrap(record), true);
        if (raw == null || server == null || client == null) {
            throw new IllegalStateException("Java could not decode its own record");
        }
        String propertiesString = raw.getProperties() == null ? "" : raw.getProperties().get("propertiesString");
        int magic = ByteBuffer.wrap(record).getInt(MessageDecoder.MESSAGE_MAGIC_CODE_POSITION);
        int storedBodyLength = raw.getBody() == null ? 0 : raw.getBody().length;
        return Describe.storedRecord(server, client, magic, raw.getSysFlag(), storedBodyLength, propertiesString);
    }
}
