import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** The machine a run measured, as printed with its table. */
export interface MachineDescription {
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  os: string;
  node: string;
  java: string;
  /** 1, 5 and 15 minute load averages when the run ended: other work on the machine skews the figures. */
  loadAverage: number[];
}

function javaVersion(): string {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  return run.stderr?.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown';
}

/** nproc, CPU model, RAM, kernel, Node and Java versions and the load of this machine. */
export function describeMachine(): MachineDescription {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: javaVersion(),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}
