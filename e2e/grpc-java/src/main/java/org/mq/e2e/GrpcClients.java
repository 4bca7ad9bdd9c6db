package org.mq.e2e;

import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.FilterExpressionType;
import org.apache.rocketmq.client.apis.consumer.MessageListener;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageBuilder;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.TransactionChecker;

/**
 * The official gRPC clients, all with the client's default configuration (TLS on, 3 s request
 * timeout) apart from the endpoints.
 */
final class GrpcClients {
    private final ClientServiceProvider provider = ClientServiceProvider.loadService();
    private final ClientConfiguration configuration;

    GrpcClients(String endpoints) {
        configuration = ClientConfiguration.newBuilder().setEndpoints(endpoints).build();
    }

    boolean sslEnabled() {
        return configuration.isSslEnabled();
    }

    MessageBuilder message(String topic) {
        return provider.newMessageBuilder().setTopic(topic);
    }

    Producer producer(TransactionChecker checker, String... topics) throws ClientException {
        return provider.newProducerBuilder()
            .setClientConfiguration(configuration)
            .setTopics(topics)
            .setTransactionChecker(checker)
            .build();
    }

    SimpleConsumer simpleConsumer(String group, String topic, String tagExpression, Duration awaitDuration)
        throws ClientException {
        return provider.newSimpleConsumerBuilder()
            .setClientConfiguration(configuration)
            .setConsumerGroup(group)
            .setAwaitDuration(awaitDuration)
            .setSubscriptionExpressions(Map.of(topic, tagFilter(tagExpression)))
            .build();
    }

    PushConsumer pushConsumer(String group, String topic, String tagExpression, MessageListener listener)
        throws ClientException {
        return provider.newPushConsumerBuilder()
            .setClientConfiguration(configuration)
            .setConsumerGroup(group)
            .setSubscriptionExpressions(Map.of(topic, tagFilter(tagExpression)))
            .setMessageListener(listener)
            .build();
    }

    private static FilterExpression tagFilter(String expression) {
        return new FilterExpression(expression, FilterExpressionType.TAG);
    }
}
