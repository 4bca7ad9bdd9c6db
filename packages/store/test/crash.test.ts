import { CRASH_QUEUES, crashCycle, runChildUntilKilled } from './support/crash-cycle';
import { removeDir, tempDir } from './support/store-fixture';

const CYCLES = Number(process.env.MQ_CRASH_CYCLES ?? 20);

describe('crash recovery (child killed with SIGKILL)', () => {
  let dir: string;

  beforeAll(async () => {
    // Warms the child's transpile cache so cycles measure the store, not the compiler.
    const warm = tempDir();
    await runChildUntilKilled(warm, 'ASYNC_FLUSH', 0, 10);
    removeDir(warm);
  }, 120_000);

  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it(`keeps every acknowledged SYNC_FLUSH message intact and in order over ${CYCLES} kills`, async () => {
    let seq = 0;
    let acked = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const report = await crashCycle(dir, 'SYNC_FLUSH', seq, 50 + Math.floor(Math.random() * 250));
      expect(report.missing).toBe(0);
      expect(report.missingBeforeTail).toBe(0);
      acked += report.acked;
      seq = report.nextSeq;
    }
    expect(acked).toBeGreaterThan(CYCLES * CRASH_QUEUES);
  }, 120_000);

  it('with ASYNC_FLUSH loses at most an unflushed tail and never serves a corrupt record', async () => {
    let seq = 0;
    for (let cycle = 0; cycle < 4; cycle++) {
      const report = await crashCycle(dir, 'ASYNC_FLUSH', seq, 50 + Math.floor(Math.random() * 250));
      expect(report.missingBeforeTail).toBe(0);
      seq = report.nextSeq;
    }
  }, 60_000);
});
