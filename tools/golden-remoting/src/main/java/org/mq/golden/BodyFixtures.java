package org.mq.golden;

import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.serializer.SerializerFeature;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigAndMappingSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.ProducerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * Request and response bodies encoded by Java's {@link RemotingSerializable#encode()} (fastjson 1,
 * default features), plus the name server's standard-JSON route data and the compressed
 * REGISTER_BROKER body. Each manifest entry's {@code expected} is the object Java decodes back from
 * the file, re-written as standard JSON (numeric map keys quoted, maps sorted); MessageQueue-keyed
 * maps are listed as {@code [{key, value}]} entries.
 */
final class BodyFixtures {
    private static final String ADDR_A0 = "192.168.0.10:10911";
    private static final String ADDR_A1 = "192.168.0.11:10911";
    private static final String ADDR_B0 = "192.168.0.12:10911";

    private BodyFixtures() {
    }

    static void writeAll(FixtureSet out) throws Exception {
        TopicRouteData route = topicRouteData();
        writeJson(out, "topic-route-data.json", "TopicRouteData, default encoding: brokerAddrs keys are bare numbers",
            route.encode(), TopicRouteData.class);
        writeJson(out, "topic-route-data-standard.json",
            "TopicRouteData as the name server encodes it for version >= V4_9_4 or acceptStandardJsonOnly",
            route.encode(SerializerFeature.BrowserCompatible, SerializerFeature.QuoteFieldNames,
                SerializerFeature.SkipTransientField, SerializerFeature.MapSortField),
            TopicRouteData.class, "standard");
        writeJson(out, "cluster-info.json", "ClusterInfo (GET_BROKER_CLUSTER_INFO body)", clusterInfo().encode(),
            ClusterInfo.class);
        writeJson(out, "heartbeat-data.json", "HeartbeatData with a producer and a consumer with two subscriptions",
            heartbeatData().encode(), HeartbeatData.class);
        writeJson(out, "topic-config-serialize-wrapper.json", "TopicConfigSerializeWrapper with two topics",
            topicConfigWrapper(new TopicConfigSerializeWrapper()).encode(), TopicConfigSerializeWrapper.class);
        RegisterBrokerBody register = registerBrokerBody();
        writeJson(out, "register-broker-body.json", "RegisterBrokerBody, encode(false)", register.encode(false),
            RegisterBrokerBody.class);
        writeCompressedRegisterBody(out, register);
        writeConsumeStats(out);
        writeJson(out, "lock-batch-request-body.json", "LockBatchRequestBody (LOCK_BATCH_MQ request body)",
            lockBatchRequestBody().encode(), LockBatchRequestBody.class);
        writeJson(out, "topic-list.json", "TopicList (GET_ALL_TOPIC_LIST_FROM_NAMESERVER body)", topicList().encode(),
            TopicList.class);
        writeJson(out, "kv-table.json", "KVTable (GET_KVLIST_BY_NAMESPACE body)", kvTable().encode(), KVTable.class);
    }

    private static void writeJson(FixtureSet out, String file, String what, byte[] json,
        Class<? extends RemotingSerializable> type) throws Exception {
        writeJson(out, file, what, json, type, "java");
    }

    /** @param style "java" (fastjson defaults) or "standard" (the name server's browser-compatible route JSON) */
    private static void writeJson(FixtureSet out, String file, String what, byte[] json,
        Class<? extends RemotingSerializable> type, String style) throws Exception {
        Object decoded = RemotingSerializable.decode(json, type);
        JSONObject entry = new JSONObject();
        entry.put("kind", "json-body");
        entry.put("description", what);
        entry.put("style", style);
        entry.put("javaClass", type.getName());
        entry.put("expected", standardJson(decoded));
        out.addFile(file, json, entry);
    }

    /** Java's view of an object as plain JSON: non-string keys quoted, maps sorted. */
    private static Object standardJson(Object value) {
        return com.alibaba.fastjson2.JSON.parse(JSON.toJSONString(value, SerializerFeature.WriteNonStringKeyAsString,
            SerializerFeature.MapSortField));
    }

    private static TopicRouteData topicRouteData() {
        TopicRouteData route = new TopicRouteData();
        route.setQueueDatas(new ArrayList<>(List.of(queueData("broker-a", 8, 6), queueData("broker-b", 4, 4))));
        route.setBrokerDatas(new ArrayList<>(List.of(
            brokerData("broker-a", Map.of(0L, ADDR_A0, 1L, ADDR_A1)),
            brokerData("broker-b", Map.of(0L, ADDR_B0)))));
        route.setFilterServerTable(new HashMap<>());
        route.setOrderTopicConf("broker-a:8;broker-b:4");
        return route;
    }

    private static QueueData queueData(String brokerName, int queues, int perm) {
        QueueData data = new QueueData();
        data.setBrokerName(brokerName);
        data.setReadQueueNums(queues);
        data.setWriteQueueNums(queues);
        data.setPerm(perm);
        data.setTopicSysFlag(0);
        return data;
    }

    private static BrokerData brokerData(String brokerName, Map<Long, String> addrs) {
        BrokerData data = new BrokerData();
        data.setCluster("DefaultCluster");
        data.setBrokerName(brokerName);
        data.setBrokerAddrs(new HashMap<>(addrs));
        data.setZoneName("zone-1");
        data.setEnableActingMaster(false);
        return data;
    }

    private static ClusterInfo clusterInfo() {
        ClusterInfo info = new ClusterInfo();
        Map<String, BrokerData> brokers = new HashMap<>();
        brokers.put("broker-a", brokerData("broker-a", Map.of(0L, ADDR_A0, 1L, ADDR_A1)));
        brokers.put("broker-b", brokerData("broker-b", Map.of(0L, ADDR_B0)));
        info.setBrokerAddrTable(brokers);
        Map<String, Set<String>> clusters = new HashMap<>();
        clusters.put("DefaultCluster", new HashSet<>(Set.of("broker-a", "broker-b")));
        info.setClusterAddrTable(clusters);
        return info;
    }

    private static HeartbeatData heartbeatData() {
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID("192.168.0.20@4242#1718000000000");
        ProducerData producer = new ProducerData();
        producer.setGroupName("ProducerGroupName");
        heartbeat.getProducerDataSet().add(producer);

        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName("ConsumerGroupName");
        consumer.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.setUnitMode(false);
        consumer.getSubscriptionDataSet().add(subscription("TopicTest", "TagA || TagB", Set.of("TagA", "TagB")));
        consumer.getSubscriptionDataSet().add(subscription("%RETRY%ConsumerGroupName", "*", Set.of()));
        heartbeat.getConsumerDataSet().add(consumer);
        heartbeat.setHeartbeatFingerprint(123456789);
        heartbeat.setWithoutSub(false);
        return heartbeat;
    }

    private static SubscriptionData subscription(String topic, String expression, Set<String> tags) {
        SubscriptionData data = new SubscriptionData();
        data.setTopic(topic);
        data.setSubString(expression);
        data.setExpressionType("TAG");
        data.setSubVersion(1718000000456L);
        Set<String> tagSet = new LinkedHashSet<>();
        Set<Integer> codeSet = new LinkedHashSet<>();
        for (String tag : new java.util.TreeSet<>(tags)) {
            tagSet.add(tag);
            codeSet.add(tag.hashCode());
        }
        data.setTagsSet(tagSet);
        data.setCodeSet(codeSet);
        return data;
    }

    private static <T extends TopicConfigSerializeWrapper> T topicConfigWrapper(T wrapper) {
        ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        table.put("TopicTest", topicConfig("TopicTest", 8, 6, false));
        table.put("OrderTopic", topicConfig("OrderTopic", 4, 6, true));
        wrapper.setTopicConfigTable(table);
        DataVersion version = new DataVersion();
        version.setTimestamp(1718000000789L);
        version.setCounter(new AtomicLong(7));
        version.setStateVersion(2);
        wrapper.setDataVersion(version);
        return wrapper;
    }

    private static TopicConfig topicConfig(String name, int queues, int perm, boolean order) {
        TopicConfig config = new TopicConfig(name, queues, queues, perm);
        config.setOrder(order);
        config.setTopicSysFlag(0);
        if (order) {
            config.setAttributes(new HashMap<>(Map.of("+message.type", "FIFO")));
        }
        return config;
    }

    private static RegisterBrokerBody registerBrokerBody() {
        TopicConfigAndMappingSerializeWrapper wrapper = topicConfigWrapper(new TopicConfigAndMappingSerializeWrapper());
        DataVersion mappingVersion = new DataVersion();
        mappingVersion.setTimestamp(1718000000999L);
        mappingVersion.setCounter(new AtomicLong(0));
        wrapper.setMappingDataVersion(mappingVersion);
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        body.setFilterServerList(new ArrayList<>(List.of("192.168.0.30:30000")));
        return body;
    }

    /**
     * encode(true): zlib stream of length-prefixed parts. The expected value is what
     * RegisterBrokerBody.decode(bytes, true, version) reads back.
     */
    private static void writeCompressedRegisterBody(FixtureSet out, RegisterBrokerBody body) throws Exception {
        byte[] compressed = body.encode(true);
        RegisterBrokerBody decoded = RegisterBrokerBody.decode(compressed, true, MQVersion.Version.V5_3_3);
        JSONObject entry = new JSONObject();
        entry.put("kind", "register-broker-body-compressed");
        entry.put("description", "RegisterBrokerBody.encode(true): deflate (level 9) of length-prefixed JSON parts");
        entry.put("javaClass", RegisterBrokerBody.class.getName());
        JSONObject expected = (JSONObject) standardJson(decoded);
        // Not part of the compressed format: Java's decode fills them with its own defaults
        // (the mapping DataVersion even with "now").
        expected.getJSONObject("topicConfigSerializeWrapper").remove("mappingDataVersion");
        expected.getJSONObject("topicConfigSerializeWrapper").remove("topicQueueMappingDetailMap");
        entry.put("expected", expected);
        entry.put("inflated", Describe.bytes(inflate(compressed)));
        out.addFile("register-broker-body-compressed.bin", compressed, entry);
    }

    private static byte[] inflate(byte[] data) throws Exception {
        try (java.util.zip.InflaterInputStream in =
                 new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    private static void writeConsumeStats(FixtureSet out) throws Exception {
        ConsumeStats stats = new ConsumeStats();
        for (int queueId = 0; queueId < 3; queueId++) {
            OffsetWrapper offsets = new OffsetWrapper();
            offsets.setBrokerOffset(1000 + queueId);
            offsets.setConsumerOffset(900 + queueId);
            offsets.setPullOffset(950 + queueId);
            offsets.setLastTimestamp(1718000000000L + queueId);
            stats.getOffsetTable().put(new MessageQueue("TopicTest", queueId == 2 ? "broker-b" : "broker-a", queueId),
                offsets);
        }
        stats.setConsumeTps(12.5);
        byte[] json = stats.encode();

        ConsumeStats decoded = RemotingSerializable.decode(json, ConsumeStats.class);
        JSONArray table = new JSONArray();
        new java.util.TreeMap<>(decoded.getOffsetTable()).forEach((mq, offsets) -> {
            JSONObject item = new JSONObject();
            item.put("key", standardJson(mq));
            item.put("value", standardJson(offsets));
            table.add(item);
        });
        JSONObject expected = new JSONObject();
        expected.put("consumeTps", decoded.getConsumeTps());
        expected.put("offsetTable", table);
        JSONObject entry = new JSONObject();
        entry.put("kind", "json-body");
        entry.put("description", "ConsumeStats: offsetTable keys are MessageQueue objects in key position");
        entry.put("style", "java");
        entry.put("javaClass", ConsumeStats.class.getName());
        entry.put("expected", expected);
        out.addFile("consume-stats.json", json, entry);
    }

    private static LockBatchRequestBody lockBatchRequestBody() {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup("ConsumerGroupName");
        body.setClientId("192.168.0.20@4242");
        body.setOnlyThisBroker(true);
        body.getMqSet().add(new MessageQueue("TopicTest", "broker-a", 0));
        body.getMqSet().add(new MessageQueue("TopicTest", "broker-a", 1));
        return body;
    }

    private static TopicList topicList() {
        TopicList list = new TopicList();
        list.getTopicList().addAll(List.of("TopicTest", "OrderTopic", "%RETRY%ConsumerGroupName"));
        list.setBrokerAddr(ADDR_A0);
        return list;
    }

    private static KVTable kvTable() {
        KVTable table = new KVTable();
        table.getTable().put("TopicTest", "broker-a:8;broker-b:4");
        table.getTable().put("名字", "値");
        return table;
    }
}
