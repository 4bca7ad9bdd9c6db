// Our TypeScript client (@mq/client) using the advanced features (issue #6) against Apache
// RocketMQ 5.5.0's own name server and broker, with the same broker.conf keys as the Java table.
import { startApacheCluster } from '../support/apache-rocketmq';
import { SDK_ADVANCED_BROKER_CONFIG, SDK_ADVANCED_SCENARIOS } from '../support/client-sdk-advanced-scenarios';
import { describeSdkScenarios } from '../support/client-sdk-suite';
import { javaToolchain } from '../support/maven';

describeSdkScenarios(
  {
    title: '@mq/client, advanced features, against Apache RocketMQ',
    prerequisites: javaToolchain,
    start: startApacheCluster,
  },
  { scenarios: SDK_ADVANCED_SCENARIOS, brokerConfig: SDK_ADVANCED_BROKER_CONFIG, concurrentRows: 3 },
);
