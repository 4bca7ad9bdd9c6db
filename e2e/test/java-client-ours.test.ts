// The same scenario table as java-client-apache.test.ts, against our mqnamesrv and mqbroker
// started as real processes from packages/*/dist/bin.
import { describeClientScenarios } from '../support/client-scenario-suite';
import { ourBinaries, startOurCluster } from '../support/our-cluster';

describeClientScenarios({
  title: 'official Java clients against our namesrv and broker',
  prerequisites: ourBinaries,
  start: startOurCluster,
});
