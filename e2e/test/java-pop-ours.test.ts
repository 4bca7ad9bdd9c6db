// The same POP and recall table as java-pop-apache.test.ts, against our mqnamesrv and mqbroker
// started as real processes from packages/*/dist/bin, with the same broker.conf keys.
import { describeClientScenarios } from '../support/client-scenario-suite';
import { ourBinaries, startOurCluster } from '../support/our-cluster';
import { POP_BROKER_CONFIG, POP_CLIENT_VERSIONS, POP_SCENARIOS } from '../support/pop-scenarios';

describeClientScenarios(
  {
    title: 'official Java client 5.5.0, POP consumption and recall, against our namesrv and broker',
    prerequisites: ourBinaries,
    start: startOurCluster,
  },
  { scenarios: POP_SCENARIOS, brokerConfig: POP_BROKER_CONFIG, clientVersions: POP_CLIENT_VERSIONS, concurrentRows: 3 },
);
