// Our mqadmin (packages/tools/dist) against Apache RocketMQ 5.5.0's own name server and broker.
import { startApacheCluster } from '../support/apache-rocketmq';
import { allOf } from '../support/availability';
import { javaToolchain } from '../support/maven';
import { ourMqadmin, ourMqadminBuilt } from '../support/mqadmin-tools';
import { describeMqadminSuite } from '../support/mqadmin-suite';

describeMqadminSuite({
  title: "our mqadmin against Apache RocketMQ's namesrv and broker",
  prerequisites: () => allOf(javaToolchain(), ourMqadminBuilt()),
  startCluster: startApacheCluster,
  tool: async () => ourMqadmin,
});
