import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..', '..', '..');
const bin = path.join(root, 'packages', 'tools', 'src', 'bin', 'mq.ts');
const register = path.join(root, 'tools', 'ts-register.js');

describe('the mq bin', () => {
  it('prints the workloads for --help and exits 0', async () => {
    const { stdout } = await run(process.execPath, ['-r', register, bin, '--help'], { timeout: 60_000 });
    expect(stdout).toContain('Usage: mq bench <workload> [options]');
    for (const workload of ['producer', 'consumer', 'tproducer', 'batchproducer', 'timer']) expect(stdout).toMatch(new RegExp(`^  ${workload} `, 'm'));
  });

  it('exits 1 with the reason for a bad flag', async () => {
    const failure = await run(process.execPath, ['-r', register, bin, 'bench', 'consumer', '-r', '2'], { timeout: 60_000 }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('option --failRate must be between 0 and 1, got 2');
  });
});
