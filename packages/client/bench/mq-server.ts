import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const MQ_SERVER_BIN = path.resolve(__dirname, '..', '..', 'broker', 'dist', 'bin', 'mqserver.js');
const BOOT_LINE = /The broker\[[^,]+, ([\d.]+:\d+)\] boot success\. .* name server is ([\d.]+:\d+)/;

/** Our built all-in-one `mqserver` (name server + broker) in a child process. */
export interface MqServer {
  namesrvAddr: string;
  brokerAddr: string;
  stop(): Promise<void>;
}

/** Starts `mqserver` on ephemeral ports over `dir` and resolves once its boot line names both addresses. */
export function startMqServer(dir: string): Promise<MqServer> {
  if (!fs.existsSync(MQ_SERVER_BIN)) throw new Error(`${MQ_SERVER_BIN} is missing: build first (NX_DAEMON=false npx nx run @mq/broker:build)`);
  const conf = path.join(dir, 'broker.conf');
  const relaxedDiskGuards = ['diskMaxUsedSpaceRatio=98', 'diskSpaceWarningLevelRatio=98', 'diskSpaceCleanForciblyRatio=98'];
  fs.writeFileSync(conf, ['brokerName=broker-client-bench', 'grpcServerPort=-1', ...relaxedDiskGuards, ''].join('\n'));
  const args = [MQ_SERVER_BIN, '-c', conf, '--namesrv-port', '0', '--broker-port', '0', '--store-dir', path.join(dir, 'store')];
  const child = spawn(process.execPath, args, { env: { ...process.env, MQ_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const boot = BOOT_LINE.exec(out);
      if (boot) resolve({ brokerAddr: boot[1]!, namesrvAddr: boot[2]!, stop: () => stop(child) });
    });
    child.once('exit', (code, signal) => reject(new Error(`mqserver exited (${code ?? signal}) before booting:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
