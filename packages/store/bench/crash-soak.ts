/**
 * Crash soak: the crash test's cycle (child appends with SYNC_FLUSH from many producers and
 * is SIGKILLed at a random moment; the store is reopened and every queue is read back with
 * CRC checks) repeated many times on one store directory.
 * Run: npm run crash-soak -w @mq/store -- [cycles=200] [SYNC_FLUSH|ASYNC_FLUSH]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FlushDiskType } from '../src';
import { crashCycle } from '../test/support/crash-cycle';

async function main(): Promise<void> {
  const cycles = Number(process.argv[2] ?? 200);
  const mode = (process.argv[3] ?? 'SYNC_FLUSH') as FlushDiskType;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-crash-soak-'));
  let seq = 0;
  let acked = 0;
  let missing = 0;
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const report = await crashCycle(dir, mode, seq, 50 + Math.floor(Math.random() * 950));
      acked += report.acked;
      missing += report.missing;
      seq = report.nextSeq;
      if (report.missingBeforeTail > 0 || (mode === 'SYNC_FLUSH' && report.missing > 0)) throw new Error(`cycle ${cycle}: ${report.missing} acknowledged messages missing (${report.missingBeforeTail} before the tail)`);
      process.stdout.write(`cycle ${cycle}/${cycles}: acked ${report.acked}, missing ${report.missing}, total acked ${acked}\n`);
    }
    process.stdout.write(`${JSON.stringify({ cycles, mode, acked, missing })}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
