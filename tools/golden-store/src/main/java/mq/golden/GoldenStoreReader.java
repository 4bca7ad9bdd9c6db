package mq.golden;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.rocketmq.store.DefaultMessageStore;

/**
 * Opens a store directory (written by @mq/store) with Apache's DefaultMessageStore, using the
 * fixture file sizes, and prints every message of every consume queue plus the given key
 * queries as one JSON object on stdout.
 *
 * Usage: GoldenStoreReader storeDir [topic#key ...]
 */
public final class GoldenStoreReader {
    public static void main(String[] args) throws Exception {
        String root = args[0];
        List<String> queues = new ArrayList<>();
        File[] topics = new File(root, "consumequeue").listFiles(File::isDirectory);
        Arrays.sort(topics);
        for (File topic : topics) {
            String[] ids = topic.list();
            Arrays.sort(ids);
            for (String id : ids) {
                queues.add(topic.getName() + ":" + id);
            }
        }
        DefaultMessageStore store = GoldenStores.open(root);
        String json = Json.write(StoreDump.dump(store, queues, Arrays.asList(args).subList(1, args.length)));
        store.shutdown();
        System.out.println(json);
        System.exit(0);
    }
}
