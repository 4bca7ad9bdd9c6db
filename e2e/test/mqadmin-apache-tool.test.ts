// Apache RocketMQ's own mqadmin (rocketmq-tools 5.5.0, from Maven Central) against our name server and broker.
import { allOf } from '../support/availability';
import { javaToolchain } from '../support/maven';
import { apacheMqadmin } from '../support/mqadmin-tools';
import { describeMqadminSuite } from '../support/mqadmin-suite';
import { ourBinaries, startOurCluster } from '../support/our-cluster';

describeMqadminSuite({
  title: "Apache's mqadmin against our mqnamesrv and mqbroker",
  prerequisites: () => allOf(javaToolchain(), ourBinaries()),
  startCluster: startOurCluster,
  tool: apacheMqadmin,
});
