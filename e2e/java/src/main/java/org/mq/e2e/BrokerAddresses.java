package org.mq.e2e;

import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

/** Where the drivers send requests the client API addresses to a broker directly. */
final class BrokerAddresses {
    private BrokerAddresses() {
    }

    /**
     * The master serving {@code queue}. The route is refreshed first: before a client has sent
     * to a topic, a 5.x client has not recorded its brokers (and a null address would send the
     * request to the name server instead).
     */
    static String master(MQClientInstance client, MessageQueue queue) {
        client.updateTopicRouteInfoFromNameServer(queue.getTopic());
        String addr = client.findBrokerAddressInPublish(queue.getBrokerName());
        if (addr == null) {
            throw new IllegalStateException("no master address for broker " + queue.getBrokerName());
        }
        return addr;
    }
}
