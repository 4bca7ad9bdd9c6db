package mq.golden;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;

/** Builds an Apache DefaultMessageStore with the small file sizes the fixtures use. */
final class GoldenStores {
    static final int COMMIT_LOG_FILE_SIZE = 4 * 1024;
    static final int CONSUME_QUEUE_FILE_SIZE = 5 * 20;
    static final int MAX_HASH_SLOT_NUM = 16;
    static final int MAX_INDEX_NUM = 32;

    private GoldenStores() {
    }

    static DefaultMessageStore open(String rootDir) throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(rootDir);
        config.setMappedFileSizeCommitLog(COMMIT_LOG_FILE_SIZE);
        config.setMappedFileSizeConsumeQueue(CONSUME_QUEUE_FILE_SIZE);
        config.setMaxHashSlotNum(MAX_HASH_SLOT_NUM);
        config.setMaxIndexNum(MAX_INDEX_NUM);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        config.setHaListenPort(0);
        DefaultMessageStore store = new DefaultMessageStore(config, new BrokerStatsManager("golden", true),
            (topic, queueId, logicOffset, tagsCode, msgStoreTime, filterBitMap, properties) -> { },
            new BrokerConfig(), new ConcurrentHashMap<>());
        if (!store.load()) {
            throw new IllegalStateException("DefaultMessageStore.load() failed for " + rootDir);
        }
        store.start();
        return store;
    }
}
