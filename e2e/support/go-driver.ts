import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AVAILABLE, type Availability } from './availability';
import { workloadOptions, type DriverCommand, type GrpcWorkload } from './grpc-client-drivers';
import { cachedHomeBuild } from './home-cache';
import { hashSources } from './maven';
import { runToCompletion } from './processes';

const GO_PROJECT = path.resolve(__dirname, '..', 'grpc-go');
/** Cold: module download plus compiling gRPC and protobuf, several minutes on 2 busy cores. */
const BUILD_TIMEOUT_MS = 12 * 60_000;

/** The `go` directive of grpc-go/go.mod, e.g. `1.25`. */
function requiredGoVersion(): string {
  const goMod = fs.readFileSync(path.join(GO_PROJECT, 'go.mod'), 'utf8');
  return /^go (\d+\.\d+)/m.exec(goMod)?.[1] ?? '0.0';
}

function atLeast(version: string, minimum: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  const [minMajor, minMinor] = minimum.split('.').map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

/** Whether `go` is on the PATH and new enough for grpc-go/go.mod (no toolchain download). */
export function goToolchain(): Availability {
  const probe = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) return { available: false, reason: `needs Go: \`go env GOVERSION\` failed (${probe.error?.message ?? probe.stderr.trim()})` };
  const version = probe.stdout.trim().replace(/^go/, '');
  const required = requiredGoVersion();
  return atLeast(version, required) ? AVAILABLE : { available: false, reason: `needs Go ${required}+, found ${version}` };
}

/** `GOTOOLCHAIN=local`: use the installed Go, never download another one. */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' };
}

/**
 * Builds grpc-go (or reuses the build of the same sources and Go version) into
 * `~/.cache/mq-e2e/grpc-go/driver-<hash>/`; modules come from the Go module proxy into the default
 * module cache, checked against go.sum. Returns the binary.
 */
export async function buildGoDriver(): Promise<string> {
  const goVersion = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim();
  const sources = fs
    .readdirSync(GO_PROJECT)
    .filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum')
    .map((f) => path.join(GO_PROJECT, f));
  const dir = await cachedHomeBuild('grpc-go', 'driver', hashSources(sources, goVersion), async (tmpDir) => {
    const build = await runToCompletion('go', ['build', '-o', path.join(tmpDir, 'grpc-go-driver'), '.'], {
      cwd: GO_PROJECT,
      env: goEnv(),
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    if (build.code !== 0) throw new Error(`go build in ${GO_PROJECT} ${build.timedOut ? 'timed out' : `exited with ${build.code}`}:\n${build.stderr}`);
  });
  return path.join(dir, 'grpc-go-driver');
}

/** The Go driver's command for a workload; the client's logs go to `logDir`. */
export function goDriverCommand(binary: string, workload: GrpcWorkload, logDir: string): DriverCommand {
  const seconds = (ms: number): string => `${ms / 1000}s`;
  return {
    client: 'rocketmq-clients golang/v5',
    command: binary,
    args: [
      ...workloadOptions(workload),
      `--deadline=${seconds(workload.deadlineMs)}`,
    ],
    env: { ...process.env, 'rocketmq.client.logRoot': logDir },
  };
}
