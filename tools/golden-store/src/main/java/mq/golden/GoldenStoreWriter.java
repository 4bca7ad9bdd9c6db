package mq.golden;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.PutMessageStatus;

/**
 * Writes the Apache fixture: 48 messages on 2 topics (tags, keys, UNIQ_KEY) with Apache's
 * DefaultMessageStore and small file sizes, shuts down cleanly, then writes a manifest of
 * what the store holds, as Apache's own API reads it back.
 *
 * Usage: GoldenStoreWriter storeDir manifestFile
 */
public final class GoldenStoreWriter {
    static final String[] TOPICS = {"GoldenA", "GoldenB"};
    static final int[] QUEUES = {2, 3};
    static final int MESSAGES = 48;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        deleteTree(root);
        DefaultMessageStore store = GoldenStores.open(root.toString());
        List<String> queues = new ArrayList<>();
        for (int t = 0; t < TOPICS.length; t++) {
            for (int q = 0; q < QUEUES[t]; q++) {
                queues.add(TOPICS[t] + ":" + q);
            }
        }
        for (int i = 0; i < MESSAGES; i++) {
            PutMessageResult result = store.putMessage(message(i));
            if (result.getPutMessageStatus() != PutMessageStatus.PUT_OK) {
                throw new IllegalStateException("put " + i + ": " + result.getPutMessageStatus());
            }
        }
        List<String> queries = List.of("GoldenA#five", "GoldenB#five", "GoldenA#key-3", "GoldenB#" + uniqKey(5), "GoldenA#absent");
        String manifest = Json.write(StoreDump.dump(store, queues, queries));
        store.shutdown();
        new File(root.toFile(), "lock").delete();
        Files.writeString(Path.of(args[1]), manifest + "\n");
    }

    static String uniqKey(int i) {
        return String.format("0A000001%04X%08X%012X", 4242, 0x6F6C64, i);
    }

    private static MessageExtBrokerInner message(int i) {
        int t = i % 3 == 2 ? 1 : 0;
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(TOPICS[t]);
        msg.setQueueId((i / 3) % QUEUES[t]);
        if (i % 4 != 0) {
            msg.setTags(i % 2 == 0 ? "TagA" : "TagB");
        }
        msg.setKeys("key-" + i + " " + (i % 5 == 0 ? "five" : "other"));
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqKey(i));
        msg.setBody(("golden message " + i + " " + "x".repeat((i * 37) % 300)).getBytes(StandardCharsets.UTF_8));
        msg.setFlag(i);
        msg.setSysFlag(0);
        msg.setBornTimestamp(1700000000000L + i);
        msg.setBornHost(new InetSocketAddress("10.0.0.1", 50000));
        msg.setStoreHost(new InetSocketAddress("10.0.0.2", 10911));
        msg.setPropertiesString(MessageDecoder.messageProperties2String(msg.getProperties()));
        msg.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(msg.getTags()));
        return msg;
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
