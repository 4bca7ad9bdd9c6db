#!/usr/bin/env node
// Runs the whole jest suite once (every package and e2e) and ends with the plain line
// `N passed, N failed` taken from jest's own JSON results. Exit code is jest's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'mq-jest-'));
const outFile = path.join(outDir, 'results.json');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const args = [jestBin, '--json', `--outputFile=${outFile}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

let summary = 'jest produced no results';
try {
  const results = JSON.parse(readFileSync(outFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
  if (results.numPendingTests > 0) summary += `, ${results.numPendingTests} skipped`;
  if (results.numRuntimeErrorTestSuites > 0) console.log(`${results.numRuntimeErrorTestSuites} test suites failed to run`);
} catch (err) {
  console.log(`could not read jest results: ${err.message}`);
}
rmSync(outDir, { recursive: true, force: true });
console.log(summary);
process.exit(run.status ?? 1);
