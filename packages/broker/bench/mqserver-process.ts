/**
 * The built `mqserver` bin (name server + broker) as a benchmark's child process: ephemeral
 * ports, a temp store, relaxed disk guards, addresses read from its boot lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the broker build puts the bin; benchmarks need `NX_DAEMON=false npx nx run @mq/broker:build` first. */
export const MQSERVER_BIN = path.resolve(__dirname, '..', 'dist', 'bin', 'mqserver.js');

/** How to start one `mqserver`. */
export interface MqServerOptions {
  /** Working directory: the broker.conf and the store go here. */
  readonly dir: string;
  readonly brokerName: string;
  /** Extra `key=value` broker.conf lines, e.g. `flushDiskType=SYNC_FLUSH`. */
  readonly conf?: readonly string[];
  /** Serve the gRPC API on an ephemeral port (off by default). */
  readonly grpc?: boolean;
  /** Extra node flags for the child, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
}

/** A started `mqserver` and the addresses it announced. */
export interface RunningMqServer {
  readonly child: ChildProcess;
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  /** `host:port` of the gRPC API when it was asked for. */
  readonly grpcAddr?: string;
}

const RELAXED_DISK_GUARDS = ['diskMaxUsedSpaceRatio=98', 'diskSpaceWarningLevelRatio=98', 'diskSpaceCleanForciblyRatio=98'];
const BOOT_LINE = /The broker\[[^,]+, ([\d.]+:\d+)\] boot success\. serializeType=\w+ and name server is ([\d.]+:\d+)/;
const GRPC_LINE = /gRPC API \(apache\.rocketmq\.v2\) listening on ([\d.]+:\d+)/;

/** Throws an actionable error when the bin has not been built. */
export function requireBuiltMqServer(): void {
  if (!fs.existsSync(MQSERVER_BIN)) throw new Error(`${MQSERVER_BIN} missing: build first with \`NX_DAEMON=false npx nx run @mq/broker:build\``);
}

/** Starts `mqserver`; resolves once it printed its boot line (and its gRPC line when gRPC is on). */
export function startMqServer(options: MqServerOptions): Promise<RunningMqServer> {
  const conf = path.join(options.dir, 'broker.conf');
  const grpcPort = options.grpc ? 0 : -1;
  fs.writeFileSync(conf, [`brokerName=${options.brokerName}`, `grpcServerPort=${grpcPort}`, ...RELAXED_DISK_GUARDS, ...(options.conf ?? []), ''].join('\n'));
  const args = [...(options.nodeFlags ?? []), MQSERVER_BIN, '-c', conf, '--namesrv-port', '0', '--broker-port', '0', '--store-dir', path.join(options.dir, 'store')];
  const child = spawn(process.execPath, args, { env: { ...process.env, MQ_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const boot = BOOT_LINE.exec(out);
      const grpc = GRPC_LINE.exec(out);
      if (boot && (grpc || !options.grpc)) resolve({ child, brokerAddr: boot[1], namesrvAddr: boot[2], grpcAddr: grpc?.[1] });
    });
    child.once('exit', (code, signal) => reject(new Error(`mqserver exited (${code ?? signal}) before booting:\n${out}`)));
  });
}

/** Stops it with SIGTERM (a graceful shutdown, so a `--cpu-prof` profile gets written); resolves on exit. */
export function stopMqServer(server: RunningMqServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}
