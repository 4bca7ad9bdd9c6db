import path from 'node:path';
import { allocateClusterPorts, writeProperties } from '../../e2e/support/cluster';
import { ClusterSide, RunningCluster, benchBrokerConfig } from './cluster-side';
import { firstExitReason, startServer, stopAll, waitUntilListening } from './servers';

/** Our all-in-one server, built by `npm run build`. */
export const MQSERVER_BIN = path.resolve(__dirname, '..', '..', 'packages', 'broker', 'dist', 'bin', 'mqserver.js');

/** Our all-in-one `mqserver` (name server, broker and gRPC API in one Node process), from a broker.conf. */
export const ourSide: ClusterSide = {
  name: 'ours',
  async start({ workDir, flushDiskType, grpc }): Promise<RunningCluster> {
    const ports = await allocateClusterPorts();
    const confFile = path.join(workDir, 'broker.conf');
    writeProperties(confFile, benchBrokerConfig(ports, workDir, flushDiskType));
    const args = [
      MQSERVER_BIN,
      '-c', confFile,
      '--namesrv-port', String(ports.namesrv),
      '--broker-port', String(ports.broker),
      '--grpc-port', grpc ? String(ports.grpc) : '-1',
      '--store-dir', path.join(workDir, 'store'),
    ];
    const server = await startServer('ours-mqserver', { command: process.execPath, args }, workDir, ports.broker, MQSERVER_BIN);
    const servers = [server];
    try {
      if (grpc) await waitUntilListening(server.process, ports.grpc);
    } catch (err) {
      await stopAll(servers);
      throw err;
    }
    return {
      side: 'ours',
      namesrvAddr: `127.0.0.1:${ports.namesrv}`,
      brokerAddr: `127.0.0.1:${ports.broker}`,
      grpcEndpoint: grpc ? `127.0.0.1:${ports.grpc}` : undefined,
      brokerPids: [server.pid],
      grpcServerPids: [server.pid],
      exitReason: () => firstExitReason(servers),
      stop: () => stopAll(servers),
    };
  },
};
