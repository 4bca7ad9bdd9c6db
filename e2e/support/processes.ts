import { ChildProcess, ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * Child processes of the e2e suites. Every child leads its own process group, so stopping
 * it also stops anything it spawned, and every group still alive when this process exits is
 * killed: no server or driver may outlive the test run.
 */
const liveGroups = new Set<number>();

process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function track(child: ChildProcess): Promise<string> {
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (description: string): void => {
      if (settled) return;
      settled = true;
      if (pid !== undefined) liveGroups.delete(pid);
      resolve(description);
    };
    child.once('exit', (code, signal) => settle(signal ? `killed by ${signal}` : `exited with code ${code}`));
    child.once('error', (err) => settle(`failed to start: ${err.message}`));
  });
}

/** How to start a long-running process (a name server, a broker). */
export interface ProcessSpec {
  /** Short label used in errors, e.g. `apache-namesrv`. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr go here, so a failed suite can point at the log. */
  logFile: string;
}

/** A long-running child process whose output goes to a log file. */
export class ManagedProcess {
  private readonly child: ChildProcess;
  private exitDescription: string | undefined;
  readonly exited: Promise<void>;

  private constructor(readonly spec: ProcessSpec) {
    const log = fs.openSync(spec.logFile, 'a');
    this.child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.exited = track(this.child).then((description) => {
      this.exitDescription = description;
    });
  }

  static start(spec: ProcessSpec): ManagedProcess {
    return new ManagedProcess(spec);
  }

  /** Why the process is gone, or undefined while it runs. */
  get exitReason(): string | undefined {
    return this.exitDescription && `${this.spec.name} ${this.exitDescription} (log: ${this.spec.logFile})`;
  }

  /** SIGTERM to the group, SIGKILL if it is still there after `graceMs`. Idempotent. */
  async stop(graceMs = 3000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (this.exitDescription === undefined) {
      killGroup(pid, 'SIGTERM');
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([this.exited, timeout]);
    }
    killGroup(pid, 'SIGKILL');
    await this.exited;
  }
}

/** A child that leads its own process group, with piped stdio (see `spawnGroupLeader`). */
export interface GroupLeader {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with how the process ended (`exited with code 0`, `killed by SIGKILL`, ...). */
  readonly exited: Promise<string>;
  /** Sends `signal` to the whole group. */
  kill(signal: NodeJS.Signals): void;
}

/** Starts a long-running child with piped stdin, stdout and stderr, killed with its group when this process exits. */
export function spawnGroupLeader(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): GroupLeader {
  const child = spawn(command, args, { env: options.env ?? process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = track(child);
  return {
    child,
    exited,
    kill: (signal) => {
      if (child.pid !== undefined) killGroup(child.pid, signal);
    },
  };
}

/** What a process that ran to completion left behind. */
export interface CompletedRun {
  /** Exit code; null when it was killed, negative (an errno) when it could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command to completion, collecting its output; SIGKILLs its group after `timeoutMs`. */
export async function runToCompletion(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CompletedRun> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
  }, options.timeoutMs);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const outcome = await track(child);
  const startFailed = child.pid === undefined;
  if (!startFailed) await closed; // 'close' comes after 'exit' once stdout/stderr are drained
  clearTimeout(timer);
  return {
    code: child.exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8') + (startFailed ? `\n${command} ${outcome}` : ''),
    timedOut,
  };
}
