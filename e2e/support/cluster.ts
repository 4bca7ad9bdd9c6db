import fs from 'node:fs';
import path from 'node:path';
import { freePortWithNeighbours } from './free-port';
import { ManagedProcess } from './processes';
import { waitForPort } from './wait-for-port';

const LISTEN_TIMEOUT_MS = 90_000;

/** A running name server and a single master broker. */
export interface Cluster {
  /** `127.0.0.1:<port>` of the name server. */
  readonly namesrvAddr: string;
  /** `127.0.0.1:<listenPort>` of the broker. */
  readonly brokerAddr: string;
  /** Confs, store, logs. */
  readonly workDir: string;
  /** Why a server is gone, or undefined while both run. */
  exitReason(): string | undefined;
  /** Stops the broker and the name server together (their whole process groups). Idempotent. */
  stop(): Promise<void>;
}

/** A command line, without the log file and working directory which the cluster decides. */
export interface Command {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** How one implementation (Apache's, ours) is started from generated conf files. */
export interface ClusterLauncher {
  /** Label for process names and errors, e.g. `apache`. */
  name: string;
  namesrv(confFile: string, workDir: string): Command;
  broker(confFile: string, namesrvAddr: string, workDir: string): Command;
}

/** The ports a cluster uses; the broker also binds listenPort - 2 (fast channel) and haListenPort. */
export interface ClusterPorts {
  namesrv: number;
  broker: number;
  brokerHa: number;
  /** Our broker's gRPC API (`grpcServerPort`); Apache's broker ignores the key. */
  grpc: number;
}

const BROKER_FAST_CHANNEL_OFFSET = -2;
const BROKER_HA_OFFSET = 1;

/** Free ports for a name server and a broker, including the broker's implicit neighbours. */
export async function allocateClusterPorts(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const namesrv = await freePortWithNeighbours([], taken);
  const broker = await freePortWithNeighbours([BROKER_FAST_CHANNEL_OFFSET, BROKER_HA_OFFSET], taken);
  const grpc = await freePortWithNeighbours([], taken);
  return { namesrv, broker, brokerHa: broker + BROKER_HA_OFFSET, grpc };
}

/** namesrv.conf: RocketMQ's property names, read by Apache's NamesrvStartup and our mqnamesrv alike. */
export function namesrvConfig(ports: ClusterPorts): Record<string, string | number> {
  return { listenPort: ports.namesrv };
}

/**
 * broker.conf with RocketMQ's property names: a single master on 127.0.0.1, topics created
 * on first use, small store files in the cluster's work dir, and disk-usage guards relaxed
 * so a nearly full CI disk does not make the broker refuse writes.
 */
export function brokerConfig(ports: ClusterPorts, workDir: string): Record<string, string | number | boolean> {
  const storeDir = path.join(workDir, 'store');
  return {
    brokerClusterName: 'DefaultCluster',
    brokerName: 'broker-e2e',
    brokerId: 0,
    brokerRole: 'ASYNC_MASTER',
    flushDiskType: 'ASYNC_FLUSH',
    namesrvAddr: `127.0.0.1:${ports.namesrv}`,
    brokerIP1: '127.0.0.1',
    listenPort: ports.broker,
    haListenPort: ports.brokerHa,
    grpcServerPort: ports.grpc,
    storePathRootDir: storeDir,
    storePathCommitLog: path.join(storeDir, 'commitlog'),
    autoCreateTopicEnable: true,
    autoCreateSubscriptionGroup: true,
    mappedFileSizeCommitLog: 64 * 1024 * 1024,
    mappedFileSizeConsumeQueue: 60_000,
    diskMaxUsedSpaceRatio: 98,
    diskSpaceWarningLevelRatio: 98,
    diskSpaceCleanForciblyRatio: 98,
  };
}

/** broker.conf keys a suite sets on top of {@link brokerConfig} (same keys on Apache's broker and ours). */
export type BrokerConfigOverrides = Record<string, string | number | boolean>;

/** Writes a Java `.properties` file (values here never need escaping). */
export function writeProperties(file: string, properties: Record<string, string | number | boolean>): void {
  const lines = Object.entries(properties).map(([key, value]) => `${key}=${String(value)}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function startServer(name: string, command: Command, workDir: string): ManagedProcess {
  return ManagedProcess.start({ name, ...command, cwd: workDir, logFile: path.join(workDir, `${name}.log`) });
}

async function listening(server: ManagedProcess, port: number): Promise<void> {
  await waitForPort(port, { timeoutMs: LISTEN_TIMEOUT_MS, abandon: () => server.exitReason });
}

/**
 * Starts the name server, waits until it listens, then starts the broker (so its first
 * registration reaches a live name server) and waits until the broker listens.
 * Listening is not registered: suites confirm the route with a probe before using it.
 */
export async function startCluster(
  launcher: ClusterLauncher,
  workDir: string,
  brokerOverrides: BrokerConfigOverrides = {},
): Promise<Cluster> {
  const ports = await allocateClusterPorts();
  const namesrvConf = path.join(workDir, 'namesrv.conf');
  const brokerConf = path.join(workDir, 'broker.conf');
  writeProperties(namesrvConf, namesrvConfig(ports));
  writeProperties(brokerConf, { ...brokerConfig(ports, workDir), ...brokerOverrides });
  const namesrvAddr = `127.0.0.1:${ports.namesrv}`;

  const servers: ManagedProcess[] = [];
  // Both at once: Apache's servers each take their whole SIGTERM grace to exit, one after the other would add them up.
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    servers.push(startServer(`${launcher.name}-namesrv`, launcher.namesrv(namesrvConf, workDir), workDir));
    await listening(servers[0], ports.namesrv);
    servers.push(startServer(`${launcher.name}-broker`, launcher.broker(brokerConf, namesrvAddr, workDir), workDir));
    await listening(servers[1], ports.broker);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    namesrvAddr,
    brokerAddr: `127.0.0.1:${ports.broker}`,
    workDir,
    exitReason: () => servers.map((s) => s.exitReason).find((reason) => reason !== undefined),
    stop,
  };
}
