// The advanced features (issue #6) through our @mq/client against our mqnamesrv and mqbroker,
// with the table and broker.conf keys that client-advanced-apache.test.ts runs against Apache's.
import { SDK_ADVANCED_BROKER_CONFIG, SDK_ADVANCED_SCENARIOS } from '../support/client-sdk-advanced-scenarios';
import { describeSdkScenarios } from '../support/client-sdk-suite';
import { ourBinaries, startOurCluster } from '../support/our-cluster';

describeSdkScenarios(
  {
    title: '@mq/client, advanced features, against our namesrv and broker',
    prerequisites: ourBinaries,
    start: startOurCluster,
  },
  { scenarios: SDK_ADVANCED_SCENARIOS, brokerConfig: SDK_ADVANCED_BROKER_CONFIG, concurrentRows: 3 },
);
