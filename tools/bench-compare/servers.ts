import path from 'node:path';
import { Command } from '../../e2e/support/cluster';
import { ManagedProcess } from '../../e2e/support/processes';
import { waitForPort } from '../../e2e/support/wait-for-port';
import { childPidByCommandLine } from './process-stats';

const LISTEN_TIMEOUT_MS = 90_000;

/** A server started by the bench, with the pid its figures are sampled from. */
export interface StartedServer {
  readonly process: ManagedProcess;
  readonly pid: number;
}

/**
 * Starts one server (log in `<workDir>/<name>.log`) and resolves once it listens on `port`;
 * `pidMarker` is a part of its command line that tells it apart from its siblings.
 */
export async function startServer(name: string, command: Command, workDir: string, port: number, pidMarker: string): Promise<StartedServer> {
  const server = ManagedProcess.start({ name, ...command, cwd: workDir, logFile: path.join(workDir, `${name}.log`) });
  try {
    await waitUntilListening(server, port);
    return { process: server, pid: childPidByCommandLine(pidMarker) };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Resolves once `server` listens on `port` (it may serve several); rejects if it exits first. */
export function waitUntilListening(server: ManagedProcess, port: number): Promise<void> {
  return waitForPort(port, { timeoutMs: LISTEN_TIMEOUT_MS, abandon: () => server.exitReason });
}

/** Stops servers in reverse start order; each stop is idempotent. */
export async function stopAll(servers: readonly StartedServer[]): Promise<void> {
  for (const server of [...servers].reverse()) await server.process.stop();
}

/** The first reason one of the servers is gone, if any. */
export function firstExitReason(servers: readonly StartedServer[]): string | undefined {
  return servers.map((server) => server.process.exitReason).find((reason) => reason !== undefined);
}
