package org.mq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * Readiness probe: waits until the name server routes the auto-create key topic (TBW102)
 * to a master, which is what every other driver needs before it can create its topic.
 *
 * <p>Options: --namesrv [--timeout-ms 30000]. Result: {@code brokers[i] = {brokerName, addrs}}.
 */
public final class ClusterProbeDriver {
    private static final long ROUTE_RPC_TIMEOUT_MS = 3000;

    private ClusterProbeDriver() {
    }

    public static void main(String[] argv) {
        DriverMain.run("cluster-probe", argv, ClusterProbeDriver::run);
    }

    private static Map<String, Object> run(Args args, Clients clients) throws Exception {
        DefaultMQProducer producer = clients.producer("e2e-cluster-probe");
        List<Map<String, Object>> brokers = new ArrayList<>();
        Await.until("a master routed for " + producer.getCreateTopicKey(), args.getLong("timeout-ms", 30_000), () -> {
            brokers.clear();
            brokers.addAll(routedBrokers(producer));
            return !brokers.isEmpty();
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("brokers", brokers);
        return result;
    }

    /** TopicRouteData and BrokerData changed packages in 5.x; {@code var} keeps one source for both. */
    private static List<Map<String, Object>> routedBrokers(DefaultMQProducer producer) {
        List<Map<String, Object>> brokers = new ArrayList<>();
        try {
            var route = producer.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl()
                .getTopicRouteInfoFromNameServer(producer.getCreateTopicKey(), ROUTE_RPC_TIMEOUT_MS);
            for (var broker : route.getBrokerDatas()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("brokerName", broker.getBrokerName());
                entry.put("addrs", broker.getBrokerAddrs());
                brokers.add(entry);
            }
        } catch (Exception notRoutedYet) {
            // The name server answers TOPIC_NOT_EXIST until a broker has registered.
        }
        return brokers;
    }
}
