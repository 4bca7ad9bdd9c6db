package org.mq.golden;

import com.alibaba.fastjson2.JSONObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.TimeZone;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageId;

/**
 * Offset message ids from {@link MessageDecoder#createMessageId(java.net.SocketAddress, long)} and
 * unique client ids (UNIQ_KEY) from {@link MessageClientIDSetter#createUniqID()}, with what Java
 * reads back from them. Nearly-time answers depend on the clock and time zone at generation, so
 * both are recorded next to them.
 */
final class IdFixtures {
    private IdFixtures() {
    }

    static void writeAll(FixtureSet out) throws Exception {
        offsetMsgId(out, "192.168.0.10", 10911, 4096L);
        offsetMsgId(out, "10.0.0.5", 10911, 123456789L);
        offsetMsgId(out, "255.255.255.254", 65535, 9007199254740991L);
        offsetMsgId(out, "2001:db8::5", 10911, 987654321L);
        offsetMsgId(out, "fd00::1", 40001, 0L);

        for (int i = 0; i < 3; i++) {
            uniqId(out, "createUniqID() on the generating host", MessageClientIDSetter.createUniqID());
        }
        uniqId(out, "hand-built IPv4 id: 192.168.0.20, pid 0x1092, class-loader hash 0x2A9F7B8C, time 0x5E1A0000, counter 0",
            "C0A80014" + "1092" + "2A9F7B8C" + "5E1A0000" + "0000");
        uniqId(out, "hand-built IPv6 id: fd00::2, pid 0x5BD1, class-loader hash 0x30946E09, time 0x00100000, counter 1",
            "FD000000000000000000000000000002" + "5BD1" + "30946E09" + "00100000" + "0001");
    }

    private static void offsetMsgId(FixtureSet out, String ip, int port, long offset) throws Exception {
        String id = MessageDecoder.createMessageId(new InetSocketAddress(InetAddress.getByName(ip), port), offset);
        MessageId decoded = MessageDecoder.decodeMessageId(id);
        MessageId decodedLower = MessageDecoder.decodeMessageId(id.toLowerCase());
        if (!decoded.getAddress().equals(decodedLower.getAddress()) || decoded.getOffset() != decodedLower.getOffset()) {
            throw new IllegalStateException("Java reads a lower-case id differently: " + id);
        }
        JSONObject entry = new JSONObject();
        entry.put("kind", "offset-msg-id");
        entry.put("description", "MessageDecoder.createMessageId(" + ip + ":" + port + ", " + offset + ")");
        entry.put("ip", ip);
        entry.put("port", port);
        entry.put("offset", offset);
        entry.put("msgId", id);
        entry.put("decodedHost", Describe.host(decoded.getAddress()));
        entry.put("decodedOffset", decoded.getOffset());
        out.addEntry(entry);
    }

    private static void uniqId(FixtureSet out, String what, String id) throws InterruptedException {
        // Java maps an id made in the very millisecond it is read back to the previous month
        // (">=" in getNearlyTimeFromID); a short pause keeps the answers about ordinary ids.
        Thread.sleep(5);
        long now = System.currentTimeMillis();
        byte[] bytes = org.apache.rocketmq.common.UtilAll.string2bytes(id);
        int timeOffset = ByteBuffer.wrap(bytes).getInt(bytes.length - 6);
        JSONObject entry = new JSONObject();
        entry.put("kind", "uniq-id");
        entry.put("description", what);
        entry.put("id", id);
        entry.put("ip", MessageClientIDSetter.getIPStrFromID(id));
        entry.put("ipHex", Describe.hex(MessageClientIDSetter.getIPFromID(id)));
        entry.put("pid", MessageClientIDSetter.getPidFromID(id));
        entry.put("msSinceMonthStart", Integer.toUnsignedLong(timeOffset));
        entry.put("nearlyTime", MessageClientIDSetter.getNearlyTimeFromID(id).getTime());
        entry.put("generatedAt", now);
        entry.put("timeZone", TimeZone.getDefault().getID());
        out.addEntry(entry);
    }
}
