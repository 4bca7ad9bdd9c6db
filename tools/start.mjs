#!/usr/bin/env node
// `npm start`: builds what is needed, then runs the all-in-one `mq` (namesrv + broker
// + gRPC proxy in one process). Arguments after `--` go to `mq` (see `mq --help`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nxBin = path.join(root, 'node_modules', 'nx', 'bin', 'nx.js');
const build = spawnSync(process.execPath, [nxBin, 'run', '@mq/broker:build', '--output-style=stream'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const mqBin = path.join(root, 'packages', 'broker', 'dist', 'bin', 'mq.js');
if (!existsSync(mqBin)) {
  console.log('broker not built yet: the all-in-one `mq` arrives with @mq/broker');
  process.exit(0);
}
const run = spawnSync(process.execPath, [mqBin, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 0);
