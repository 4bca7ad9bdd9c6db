// POP consumption and recall through the remoting protocol, with the official Java client
// 5.5.0 against Apache RocketMQ 5.5.0's own servers: proves the drivers and the expectations
// that java-pop-ours.test.ts holds our servers to.
import { startApacheCluster } from '../support/apache-rocketmq';
import { referenceRun } from '../support/availability';
import { describeClientScenarios } from '../support/client-scenario-suite';
import { POP_BROKER_CONFIG, POP_CLIENT_VERSIONS, POP_SCENARIOS } from '../support/pop-scenarios';

describeClientScenarios(
  {
    title: 'official Java client 5.5.0, POP consumption and recall, against Apache RocketMQ',
    prerequisites: referenceRun,
    start: startApacheCluster,
  },
  { scenarios: POP_SCENARIOS, brokerConfig: POP_BROKER_CONFIG, clientVersions: POP_CLIENT_VERSIONS, concurrentRows: 3 },
);
