package org.mq.golden;

import com.alibaba.fastjson2.JSONObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.apache.rocketmq.remoting.protocol.header.PullMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2;

/**
 * Whole frames ({@code length | serializeType+headerLength | header | body}) written by
 * {@link RemotingCommand#encode()} (used by tools and tests) or by {@link RemotingCommand#fastEncodeHeader}
 * plus the body, which is exactly what Java's NettyEncoder puts on the socket.
 */
final class FrameFixtures {
    /** Clients send their MQVersion ordinal in every request. */
    private static final int CLIENT_VERSION = MQVersion.Version.V5_3_3.ordinal();

    private FrameFixtures() {
    }

    static void writeAll(FixtureSet out) throws Exception {
        for (SerializeType type : SerializeType.values()) {
            String suffix = type.name().toLowerCase();
            writeFrame(out, "request-" + suffix + ".bin",
                "request with several extFields, no remark, no body (" + type + ")", requestWithExtFields(type), false);
            writeFrame(out, "response-" + suffix + ".bin",
                "response with a non-ASCII remark, one extField and a body (" + type + ")", responseWithRemarkAndBody(type), false);
            writeFrame(out, "oneway-" + suffix + ".bin",
                "one-way request with one extField (" + type + ")", onewayRequest(type), false);
            writeFrame(out, "response-bare-" + suffix + ".bin",
                "response with no remark, no extFields, no body (" + type + ")", bareResponse(type), false);
            writeFrame(out, "send-message-v2-" + suffix + ".bin",
                "SEND_MESSAGE_V2 request from a real SendMessageRequestHeaderV2, written by NettyEncoder's path (" + type + ")",
                sendMessageV2(type), true);
            writeFrame(out, "pull-message-" + suffix + ".bin",
                "PULL_MESSAGE request from a real PullMessageRequestHeader, written by NettyEncoder's path (" + type + ")",
                pullMessage(type), true);
        }
    }

    private static RemotingCommand requestWithExtFields(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, null);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setVersion(CLIENT_VERSION);
        cmd.setOpaque(42);
        cmd.addExtField("topic", "TopicTest");
        cmd.addExtField("acceptStandardJsonOnly", "true");
        cmd.addExtField("lo", "false");
        cmd.addExtField("bname", "broker-a");
        cmd.addExtField("note", "値 \"quoted\" \\ tab\t");
        return cmd;
    }

    private static RemotingCommand responseWithRemarkAndBody(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(ResponseCode.TOPIC_NOT_EXIST, "No topic route info in name server for the topic: TopicTest, 见 FAQ");
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setOpaque(42);
        cmd.setLanguage(LanguageCode.JAVA);
        cmd.setVersion(CLIENT_VERSION);
        cmd.addExtField("brokerName", "broker-a");
        cmd.setBody("{\"hello\":\"body bytes\"}".getBytes(StandardCharsets.UTF_8));
        return cmd;
    }

    private static RemotingCommand onewayRequest(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.UNREGISTER_CLIENT, null);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setVersion(CLIENT_VERSION);
        cmd.setOpaque(-7);
        cmd.setLanguage(LanguageCode.GO);
        cmd.markOnewayRPC();
        cmd.addExtField("clientID", "192.168.0.20@4242");
        return cmd;
    }

    private static RemotingCommand bareResponse(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setOpaque(Integer.MAX_VALUE);
        return cmd;
    }

    /** Built the way the Java producer does: a V1 header, converted by createSendMessageRequestHeaderV2. */
    private static RemotingCommand sendMessageV2(SerializeType type) {
        SendMessageRequestHeader v1 = new SendMessageRequestHeader();
        v1.setProducerGroup("ProducerGroupName");
        v1.setTopic("TopicTest");
        v1.setDefaultTopic("TBW102");
        v1.setDefaultTopicQueueNums(4);
        v1.setQueueId(3);
        v1.setSysFlag(0);
        v1.setBornTimestamp(1718000000123L);
        v1.setFlag(0);
        v1.setProperties("TAGS\u0001TagA\u0002KEYS\u0001order-1\u0002UNIQ_KEY\u0001C0A8001410922A9F7B8C5E1A00000000\u0002WAIT\u0001true\u0002");
        v1.setReconsumeTimes(0);
        v1.setUnitMode(false);
        v1.setBatch(false);
        v1.setBrokerName("broker-a");
        SendMessageRequestHeaderV2 header = SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(v1);
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.SEND_MESSAGE_V2, header);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setVersion(CLIENT_VERSION);
        cmd.setOpaque(1001);
        cmd.setBody("Hello RocketMQ".getBytes(StandardCharsets.UTF_8));
        return cmd;
    }

    private static RemotingCommand pullMessage(SerializeType type) {
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup("ConsumerGroupName");
        header.setTopic("TopicTest");
        header.setQueueId(2);
        header.setQueueOffset(1234567890123L);
        header.setMaxMsgNums(32);
        header.setSysFlag(3);
        header.setCommitOffset(1234567890000L);
        header.setSuspendTimeoutMillis(15000L);
        header.setSubscription("TagA || TagB");
        header.setSubVersion(1718000000456L);
        header.setExpressionType("TAG");
        header.setBrokerName("broker-a");
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, header);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setVersion(CLIENT_VERSION);
        cmd.setOpaque(1002);
        return cmd;
    }

    /**
     * @param wirePath true: fastEncodeHeader + body (NettyEncoder); false: {@link RemotingCommand#encode()}
     */
    private static void writeFrame(FixtureSet out, String file, String what, RemotingCommand cmd, boolean wirePath)
        throws Exception {
        byte[] frame = wirePath ? encodeLikeNettyEncoder(cmd) : toArray(cmd.encode());
        CommandCustomHeader header = cmd.readCustomHeader();
        JSONObject entry = new JSONObject();
        entry.put("kind", "frame");
        entry.put("description", what);
        entry.put("encoder", wirePath ? "fastEncodeHeader+body (NettyEncoder)" : "RemotingCommand.encode()");
        entry.put("deterministic", isDeterministic(cmd, frame));
        entry.putAll(Describe.frame(frame));
        if (header != null) {
            entry.put("customHeaderClass", header.getClass().getSimpleName());
            entry.put("customHeader", Describe.customHeader(frame, header.getClass()));
        }
        out.addFile(file, frame, entry);
    }

    /**
     * Byte layout is fixed when no HashMap order is involved: a binary header whose fields come from a
     * FastCodesHeader in declaration order or from at most one extField. JSON headers (sorted top-level
     * keys, HashMap-ordered extFields) are fixed only with at most one extField.
     */
    private static boolean isDeterministic(RemotingCommand cmd, byte[] frame) {
        HashMap<String, String> ext = cmd.getExtFields();
        int extCount = ext == null ? 0 : ext.size();
        boolean fastBinary = cmd.getSerializeTypeCurrentRPC() == SerializeType.ROCKETMQ
            && cmd.readCustomHeader() instanceof org.apache.rocketmq.remoting.protocol.FastCodesHeader;
        return fastBinary || extCount <= 1;
    }

    private static byte[] encodeLikeNettyEncoder(RemotingCommand cmd) {
        ByteBuf buf = Unpooled.buffer();
        cmd.fastEncodeHeader(buf);
        if (cmd.getBody() != null) {
            buf.writeBytes(cmd.getBody());
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
