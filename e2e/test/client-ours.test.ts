// The same @mq/client scenarios as client-apache.test.ts, against our mqnamesrv and mqbroker.
import { describeSdkScenarios } from '../support/client-sdk-suite';
import { ourBinaries, startOurCluster } from '../support/our-cluster';

describeSdkScenarios({
  title: '@mq/client against our namesrv and broker',
  prerequisites: ourBinaries,
  start: startOurCluster,
});
