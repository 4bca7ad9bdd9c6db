// The official Java clients (newest 4.9.x and 5.x) against Apache RocketMQ's own name server
// and broker: proves the drivers, the scenario table and the harness before our servers exist.
import { startApacheCluster } from '../support/apache-rocketmq';
import { referenceRun } from '../support/availability';
import { describeClientScenarios } from '../support/client-scenario-suite';

describeClientScenarios({
  title: 'official Java clients against Apache RocketMQ',
  prerequisites: referenceRun,
  start: startApacheCluster,
});
