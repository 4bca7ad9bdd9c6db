#!/usr/bin/env node
// `npm start`: builds what is needed, then runs the all-in-one `mqserver` (namesrv + broker
// + gRPC proxy in one process). Arguments after `--` go to `mqserver` (see `mqserver --help`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nxBin = path.join(path.dirname(require.resolve('nx/package.json')), require('nx/package.json').bin.nx);
const build = spawnSync(process.execPath, [nxBin, 'run', '@mq/broker:build', '--output-style=stream'], {
  cwd: root,
  stdio: 'inherit',
  env: { NX_DAEMON: 'false', ...process.env },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const serverBin = path.join(root, 'packages', 'broker', 'dist', 'bin', 'mqserver.js');
if (!existsSync(serverBin)) {
  console.error(`build finished but ${serverBin} is missing`);
  process.exit(1);
}
const run = spawnSync(process.execPath, [serverBin, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 0);
