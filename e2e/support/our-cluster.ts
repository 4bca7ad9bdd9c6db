import fs from 'node:fs';
import path from 'node:path';
import { AVAILABLE, Availability } from './availability';
import { BrokerConfigOverrides, Cluster, ClusterLauncher, startCluster } from './cluster';

const PACKAGES = path.resolve(__dirname, '..', '..', 'packages');
const NAMESRV_BIN = path.join(PACKAGES, 'namesrv', 'dist', 'bin', 'mqnamesrv.js');
const BROKER_BIN = path.join(PACKAGES, 'broker', 'dist', 'bin', 'mqbroker.js');

/** Whether our built name server and broker programs exist (they come from `npm run build`). */
export function ourBinaries(): Availability {
  const missing = [NAMESRV_BIN, BROKER_BIN].filter((bin) => !fs.existsSync(bin));
  if (missing.length === 0) return AVAILABLE;
  return {
    available: false,
    reason: `our servers are not built yet (missing ${missing.map((bin) => path.relative(PACKAGES, bin)).join(', ')}; run \`npm run build\`)`,
  };
}

/**
 * Our programs with RocketMQ's command lines: `mqnamesrv -c namesrv.conf` and
 * `mqbroker -n <namesrv> -c broker.conf`, the listen ports coming from the conf files.
 */
const ourLauncher: ClusterLauncher = {
  name: 'ours',
  namesrv: (confFile) => ({ command: process.execPath, args: [NAMESRV_BIN, '-c', confFile] }),
  broker: (confFile, namesrvAddr) => ({ command: process.execPath, args: [BROKER_BIN, '-n', namesrvAddr, '-c', confFile] }),
};

/** Starts our name server and one broker in `workDir` (must exist and be empty). */
export function startOurCluster(workDir: string, brokerOverrides?: BrokerConfigOverrides): Promise<Cluster> {
  return startCluster(ourLauncher, workDir, brokerOverrides);
}
