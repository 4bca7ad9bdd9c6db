package org.mq.e2e;

import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;

/**
 * Creates official clients tuned for tests (route, heartbeat and offset intervals of
 * one second instead of 30/30/5). Each client gets its own instance name, so clients in
 * one JVM never share an MQClientInstance and behave like separate processes.
 * Clients are not shut down at the end: {@link DriverMain} halts the JVM, which closes
 * their connections at once (a 5.x client's shutdown alone takes about three seconds).
 */
final class Clients {
    private static final int TEST_INTERVAL_MS = 1000;

    private final String namesrv;
    private int instanceCount;

    Clients(String namesrv) {
        this.namesrv = namesrv;
    }

    /** A started producer. */
    DefaultMQProducer producer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        configure(producer);
        producer.setSendMsgTimeout(5000);
        producer.start();
        return producer;
    }

    /** A started transactional producer whose local transactions and check-backs {@code listener} answers. */
    TransactionMQProducer transactionProducer(String group, TransactionListener listener) throws Exception {
        TransactionMQProducer producer = new TransactionMQProducer(group);
        configure(producer);
        producer.setSendMsgTimeout(5000);
        producer.setTransactionListener(listener);
        producer.start();
        return producer;
    }

    /** A push consumer, not yet started: subscribe and register a listener first. */
    DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        configure(consumer);
        consumer.setConsumeThreadMin(2);
        consumer.setConsumeThreadMax(2);
        return consumer;
    }

    /**
     * A lite pull consumer, not yet started. It keeps its default 20 pull threads: a pull
     * parked in a broker long poll (up to 20 s) holds its thread even after a seek, and the
     * re-pull from the seek offset needs a free one.
     */
    DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        configure(consumer);
        consumer.setAutoCommitIntervalMillis(TEST_INTERVAL_MS);
        consumer.setTopicMetadataCheckIntervalMillis(TEST_INTERVAL_MS);
        return consumer;
    }

    private void configure(ClientConfig config) {
        config.setNamesrvAddr(namesrv);
        config.setInstanceName(instanceName(++instanceCount));
        config.setPollNameServerInterval(TEST_INTERVAL_MS);
        config.setHeartbeatBrokerInterval(TEST_INTERVAL_MS);
        config.setPersistConsumerOffsetInterval(TEST_INTERVAL_MS);
    }

    private static String instanceName(int index) {
        return "e2e-" + ProcessHandle.current().pid() + "-" + index;
    }
}
