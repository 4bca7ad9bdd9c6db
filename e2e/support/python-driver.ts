import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { AVAILABLE, type Availability } from './availability';
import { workloadOptions, type DriverCommand, type GrpcWorkload } from './grpc-client-drivers';
import { cachedHomeBuild } from './home-cache';
import { hashSources } from './maven';
import { runToCompletion } from './processes';

const PYTHON_PROJECT = path.resolve(__dirname, '..', 'grpc-python');
const REQUIREMENTS = path.join(PYTHON_PROJECT, 'requirements.txt');
/** Cold: about 20 wheels (grpcio, protobuf, opentelemetry) from PyPI. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** The pinned grpcio wheels need 3.9+. */
const PROBE = 'import sys, venv, ensurepip; print(sys.version); sys.exit(0 if sys.version_info >= (3, 9) else 1)';

function probePython(): { version?: string; problem?: string } {
  const probe = spawnSync('python3', ['-c', PROBE], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error) return { problem: `\`python3\` not found (${probe.error.message})` };
  if (probe.status !== 0) return { problem: `python3 3.9+ with venv and ensurepip is missing (${(probe.stdout + probe.stderr).trim()})` };
  return { version: probe.stdout.trim() };
}

/** Whether `python3` (3.9+, with `venv` and `ensurepip`) is on the PATH. */
export function pythonToolchain(): Availability {
  const { problem } = probePython();
  return problem === undefined ? AVAILABLE : { available: false, reason: `needs Python: ${problem}` };
}

/**
 * A venv with requirements.txt installed from PyPI, under `~/.cache/mq-e2e/grpc-python/`
 * (reused while requirements.txt and the Python version are unchanged). Returns its interpreter.
 */
export async function installPythonDriver(): Promise<string> {
  const dir = await cachedHomeBuild('grpc-python', 'venv', hashSources([REQUIREMENTS], probePython().version ?? ''), async (tmpDir) => {
    await step('python3', ['-m', 'venv', tmpDir], 120_000);
    const pip = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-r', REQUIREMENTS];
    await step(path.join(tmpDir, 'bin', 'python'), pip, INSTALL_TIMEOUT_MS);
  });
  return path.join(dir, 'bin', 'python');
}

async function step(command: string, args: readonly string[], timeoutMs: number): Promise<void> {
  const run = await runToCompletion(command, args, { timeoutMs });
  if (run.code !== 0) throw new Error(`${command} ${args.join(' ')} ${run.timedOut ? 'timed out' : `exited with ${run.code}`}:\n${run.stdout}\n${run.stderr}`);
}

/** The Python driver's command for a workload; `home` is its HOME, where the client logs. */
export function pythonDriverCommand(python: string, workload: GrpcWorkload, home: string): DriverCommand {
  return {
    client: 'rocketmq-python-client',
    command: python,
    args: [
      path.join(PYTHON_PROJECT, 'driver.py'),
      ...workloadOptions(workload),
      `--deadline-seconds=${workload.deadlineMs / 1000}`,
    ],
    env: { ...process.env, HOME: home, PYTHONUNBUFFERED: '1' },
  };
}
