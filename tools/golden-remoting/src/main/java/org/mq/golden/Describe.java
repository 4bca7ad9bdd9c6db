package org.mq.golden;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;

/** Turns what Java decodes from fixture bytes into manifest JSON. */
final class Describe {
    private Describe() {
    }

    /** A whole frame, decoded by {@link RemotingCommand#decode(ByteBuffer)} after the 4-byte length. */
    static JSONObject frame(byte[] frame) throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(frame);
        int frameLength = buf.getInt(0);
        int headerField = buf.getInt(4);
        RemotingCommand cmd = RemotingCommand.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
        JSONObject out = new JSONObject();
        out.put("frameLength", frameLength);
        out.put("serializeType", cmd.getSerializeTypeCurrentRPC().name());
        out.put("serializeTypeCode", cmd.getSerializeTypeCurrentRPC().getCode());
        out.put("headerLength", RemotingCommand.getHeaderLength(headerField));
        out.put("code", cmd.getCode());
        out.put("language", cmd.getLanguage().name());
        out.put("languageCode", cmd.getLanguage().getCode());
        out.put("version", cmd.getVersion());
        out.put("opaque", cmd.getOpaque());
        out.put("flag", cmd.getFlag());
        out.put("isResponse", cmd.isResponseType());
        out.put("isOneway", cmd.isOnewayRPC());
        out.put("remark", cmd.getRemark());
        out.put("extFields", orderedExtFields(frame, cmd));
        out.put("body", bytes(cmd.getBody()));
        return out;
    }

    /**
     * The typed custom header as Java decodes it from the frame: every non-null instance field,
     * the inherited RpcRequestHeader ones included, keyed by field name (= extFields key).
     */
    static JSONObject customHeader(byte[] frame, Class<? extends CommandCustomHeader> type) throws Exception {
        RemotingCommand cmd = RemotingCommand.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
        CommandCustomHeader header = cmd.decodeCommandCustomHeader(type);
        JSONObject out = new JSONObject();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(header);
                if (value != null) {
                    out.put(field.getName(), value);
                }
            }
        }
        return out;
    }

    /** extFields in the order they appear in the encoded header, so byte-exact re-encoding can follow it. */
    private static JSONObject orderedExtFields(byte[] frame, RemotingCommand cmd) {
        JSONObject out = new JSONObject();
        HashMap<String, String> decoded = cmd.getExtFields();
        if (decoded == null) {
            return out;
        }
        for (String key : extFieldOrder(frame, cmd.getSerializeTypeCurrentRPC())) {
            out.put(key, decoded.get(key));
        }
        if (out.size() != decoded.size()) {
            throw new IllegalStateException("extFields order lost a key: " + out + " vs " + decoded);
        }
        return out;
    }

    private static List<String> extFieldOrder(byte[] frame, SerializeType type) {
        int headerLength = RemotingCommand.getHeaderLength(ByteBuffer.wrap(frame).getInt(4));
        if (type == SerializeType.JSON) {
            String header = new String(frame, 8, headerLength, StandardCharsets.UTF_8);
            JSONObject ext = JSONObject.parseObject(header).getJSONObject("extFields");
            return ext == null ? List.of() : List.copyOf(ext.keySet());
        }
        ByteBuffer buf = ByteBuffer.wrap(frame, 8, headerLength).slice();
        buf.position(2 + 1 + 2 + 4 + 4);
        buf.position(buf.position() + 4 + buf.getInt(buf.position()));
        int mapEnd = buf.position() + 4 + buf.getInt();
        java.util.ArrayList<String> keys = new java.util.ArrayList<>();
        while (buf.position() < mapEnd) {
            byte[] key = new byte[buf.getShort()];
            buf.get(key);
            keys.add(new String(key, StandardCharsets.UTF_8));
            buf.position(buf.position() + 4 + buf.getInt(buf.position()));
        }
        return keys;
    }

    /** Bytes as base64, plus the UTF-8 text when it decodes cleanly. Null stays null. */
    static JSONObject bytes(byte[] data) {
        if (data == null) {
            return null;
        }
        JSONObject out = new JSONObject();
        out.put("length", data.length);
        out.put("base64", Base64.getEncoder().encodeToString(data));
        String text = new String(data, StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), data)) {
            out.put("utf8", text);
        }
        return out;
    }

    /** A stored record as Java's decoders see it (server decode and client decode). */
    static JSONObject storedRecord(MessageExt server, MessageClientExt client, int magicCode, int storedSysFlag,
        int storedBodyLength, String propertiesString) {
        JSONObject out = new JSONObject();
        out.put("storeSize", server.getStoreSize());
        out.put("magicCode", magicCode);
        out.put("bodyCRC", server.getBodyCRC());
        out.put("queueId", server.getQueueId());
        out.put("flag", server.getFlag());
        out.put("queueOffset", server.getQueueOffset());
        out.put("commitLogOffset", server.getCommitLogOffset());
        out.put("storedSysFlag", storedSysFlag);
        out.put("sysFlagAfterDecompress", server.getSysFlag());
        out.put("bornTimestamp", server.getBornTimestamp());
        out.put("bornHost", host(server.getBornHost()));
        out.put("storeTimestamp", server.getStoreTimestamp());
        out.put("storeHost", host(server.getStoreHost()));
        out.put("reconsumeTimes", server.getReconsumeTimes());
        out.put("preparedTransactionOffset", server.getPreparedTransactionOffset());
        out.put("storedBodyLength", storedBodyLength);
        out.put("body", bytes(server.getBody()));
        out.put("topic", server.getTopic());
        out.put("propertiesString", propertiesString);
        out.put("properties", sorted(server.getProperties()));
        out.put("tags", server.getTags());
        out.put("keys", server.getKeys());
        out.put("offsetMsgId", server.getMsgId());
        out.put("clientMsgId", client.getMsgId());
        out.put("clientOffsetMsgId", client.getOffsetMsgId());
        return out;
    }

    static JSONObject host(java.net.SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        JSONObject out = new JSONObject();
        out.put("ip", inet.getAddress().getHostAddress());
        out.put("port", inet.getPort());
        out.put("addressHex", hex(inet.getAddress().getAddress()));
        return out;
    }

    /** A message of a batch body as {@code MessageDecoder.decodeMessages} sees it. */
    static JSONObject batchMessage(Message msg) {
        JSONObject out = new JSONObject();
        out.put("flag", msg.getFlag());
        out.put("body", bytes(msg.getBody()));
        out.put("properties", sorted(msg.getProperties()));
        return out;
    }

    static JSONObject sorted(Map<String, String> map) {
        JSONObject out = new JSONObject();
        if (map != null) {
            new java.util.TreeMap<>(map).forEach(out::put);
        }
        return out;
    }

    static JSONArray array(List<JSONObject> items) {
        JSONArray out = new JSONArray();
        out.addAll(items);
        return out;
    }

    static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            sb.append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }
}
