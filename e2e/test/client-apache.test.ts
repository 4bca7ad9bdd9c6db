// Our TypeScript client (@mq/client) against Apache RocketMQ's own name server and broker.
import { startApacheCluster } from '../support/apache-rocketmq';
import { describeSdkScenarios } from '../support/client-sdk-suite';
import { javaToolchain } from '../support/maven';

describeSdkScenarios({
  title: '@mq/client against Apache RocketMQ',
  prerequisites: javaToolchain,
  start: startApacheCluster,
});
