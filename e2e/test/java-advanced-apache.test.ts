// The advanced-feature table (delay, timer, transactions, retry/DLQ, SQL92, reset by time)
// through the official Java clients against Apache RocketMQ 5.5.0's own servers: proves the
// drivers and the expectations that java-advanced-ours.test.ts holds our servers to.
import { ADVANCED_BROKER_CONFIG, ADVANCED_SCENARIOS } from '../support/advanced-scenarios';
import { startApacheCluster } from '../support/apache-rocketmq';
import { referenceRun } from '../support/availability';
import { describeClientScenarios } from '../support/client-scenario-suite';

describeClientScenarios(
  {
    title: 'official Java clients, advanced features, against Apache RocketMQ',
    prerequisites: referenceRun,
    start: startApacheCluster,
  },
  { scenarios: ADVANCED_SCENARIOS, brokerConfig: ADVANCED_BROKER_CONFIG, concurrentRows: 3 },
);
