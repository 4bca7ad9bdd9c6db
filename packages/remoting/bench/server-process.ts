/**
 * Bench servers in child processes: both ends of their IPC protocol, with bounded waits and
 * children that never outlive the bench.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/** What a server child sends its parent. */
type ServerMessage = { type: 'ready'; port: number } | { type: 'cpu'; micros: number };
type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

const READY_TIMEOUT_MS = 15_000;
const REPLY_TIMEOUT_MS = 5_000;

/** A bench server running in a child process. */
export interface ServerProcess {
  readonly port: number;
  /** The child's CPU time so far (user + system), in µs. */
  cpuMicros(): Promise<number>;
}

const children = new Set<ChildProcess>();
let cleanupInstalled = false;

/**
 * Forks `script args` and resolves once the child reports its port. Rejects, with the child
 * killed, if the child fails to spawn, exits or is not ready within 15 s.
 */
export async function startServerProcess(name: string, script: string, args: string[]): Promise<ServerProcess> {
  killChildrenOnExit();
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  try {
    const { port } = await nextMessage(child, 'ready', READY_TIMEOUT_MS, `the ${name} server (pid ${child.pid}) to start`);
    return { port, cpuMicros: () => askCpuMicros(child, name) };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** Kills every server child still running. */
export function stopServerProcesses(): void {
  for (const child of children) child.kill();
  children.clear();
}

/**
 * The child side: starts the server, reports its port, answers CPU queries, and exits when the
 * parent goes away. A failed start exits the child, which the parent sees.
 */
export function serveParent(start: () => Promise<number>): void {
  const send = (message: ServerMessage) => process.send?.(message);
  process.once('disconnect', () => process.exit(0));
  process.on('message', () => send({ type: 'cpu', micros: processCpuMicros() }));
  start().then(
    (port) => send({ type: 'ready', port }),
    (error: unknown) => {
      process.stderr.write(`bench server failed to start: ${String((error as Error)?.stack ?? error)}\n`);
      process.exit(1);
    },
  );
}

/** This process's CPU time so far (user + system), in µs. */
export function processCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

async function askCpuMicros(child: ChildProcess, name: string): Promise<number> {
  const reply = nextMessage(child, 'cpu', REPLY_TIMEOUT_MS, `the ${name} server (pid ${child.pid}) to report its CPU time`);
  if (child.connected) child.send('cpu');
  return (await reply).micros;
}

/** The child's next message of `type`; rejects if the child errors or exits first, or on timeout. */
function nextMessage<T extends ServerMessage['type']>(child: ChildProcess, type: T, timeoutMs: number, what: string): Promise<MessageOf<T>> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage).off('error', onError).off('exit', onExit);
      outcome();
    };
    const onMessage = (message: ServerMessage) => {
      if (message?.type === type) settle(() => resolve(message as MessageOf<T>));
    };
    const onError = (error: Error) => settle(() => reject(new Error(`failed waiting for ${what}: ${error.message}`)));
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => reject(new Error(`gave up waiting for ${what}: it exited (${signal ?? `code ${code}`})`)));
    const timer = setTimeout(() => settle(() => reject(new Error(`gave up waiting for ${what}: no answer within ${timeoutMs} ms`))), timeoutMs);
    child.on('message', onMessage).once('error', onError).once('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
  });
}

/** Children die with the bench, however it ends: normal exit, error or signal. */
function killChildrenOnExit(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', stopServerProcesses);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopServerProcesses();
      process.stderr.write(`bench interrupted by ${signal}\n`);
      process.exit(128 + constants.signals[signal]);
    });
  }
}
