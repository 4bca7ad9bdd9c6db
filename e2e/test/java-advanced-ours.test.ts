// The same advanced-feature table as java-advanced-apache.test.ts, against our mqnamesrv and
// mqbroker started as real processes from packages/*/dist/bin, with the same broker.conf keys.
import { ADVANCED_BROKER_CONFIG, ADVANCED_SCENARIOS } from '../support/advanced-scenarios';
import { describeClientScenarios } from '../support/client-scenario-suite';
import { ourBinaries, startOurCluster } from '../support/our-cluster';

describeClientScenarios(
  {
    title: 'official Java clients, advanced features, against our namesrv and broker',
    prerequisites: ourBinaries,
    start: startOurCluster,
  },
  { scenarios: ADVANCED_SCENARIOS, brokerConfig: ADVANCED_BROKER_CONFIG, concurrentRows: 3 },
);
