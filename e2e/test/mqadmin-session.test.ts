// The mqadmin session protocol (support/mqadmin-session.ts): frames, and a session whose JVM is a
// small node script speaking the same protocol; then Apache's real MqadminSession driver.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeIf } from '../support/availability';
import { javaToolchain } from '../support/maven';
import { FrameReader, MqadminSession, type SessionLaunch } from '../support/mqadmin-session';
import { apacheMqadmin } from '../support/mqadmin-tools';

function frame(outcome: 'done' | 'exit', stdout: string, stderr = ''): Buffer {
  const out = Buffer.from(stdout);
  const err = Buffer.from(stderr);
  return Buffer.concat([Buffer.from(`@@mqadmin-result ${outcome} ${out.length} ${err.length}\n`), out, err]);
}

describe('FrameReader', () => {
  test('reassembles frames split anywhere, even inside a multi-byte character', () => {
    const bytes = Buffer.concat([frame('done', 'héllo ✓\n', 'warn\n'), frame('exit', '', 'usage\n')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const reader = new FrameReader();
      const frames = [...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut))];
      expect(frames).toEqual([
        { outcome: 'done', stdout: 'héllo ✓\n', stderr: 'warn\n' },
        { outcome: 'exit', stdout: '', stderr: 'usage\n' },
      ]);
      expect(reader.takeStray()).toBe('');
    }
  });

  test('keeps text outside frames, and a line that only looks like a header, as stray text', () => {
    const reader = new FrameReader();
    const frames = reader.push(Buffer.concat([Buffer.from('noise\n@@mqadmin-result bogus\n'), frame('done', 'ok\n')]));
    expect(frames).toEqual([{ outcome: 'done', stdout: 'ok\n', stderr: '' }]);
    expect(reader.takeStray()).toBe('noise\n@@mqadmin-result bogus\n');
    expect(reader.takeStray()).toBe('');
  });
});

/**
 * A stand-in for the JVM: `echo <words>` prints them; `exit <code> <text>` prints text and
 * ends the process the way System.exit in a command does; `console <text>` prints text outside
 * the command's capture; `hang` never answers.
 */
const FAKE_SESSION = `
const frame = (outcome, out, err = '') => {
  const o = Buffer.from(out), e = Buffer.from(err);
  process.stdout.write(Buffer.concat([Buffer.from('@@mqadmin-result ' + outcome + ' ' + o.length + ' ' + e.length + '\\n'), o, e]));
};
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [name, ...args] = line.split('\\0');
  if (name === 'echo') frame('done', args.join(' ') + '\\n');
  if (name === 'exit') { frame('exit', args.slice(1).join(' ')); process.stdout.end(() => process.exit(Number(args[0]))); }
  if (name === 'console') process.stderr.write(args.join(' '), () => frame('done', ''));
}).on('close', () => process.exit(0));
`;

describe('MqadminSession', () => {
  const ended: Array<number | null> = [];
  let session: MqadminSession;

  function launch(): SessionLaunch {
    return { command: process.execPath, args: ['-e', FAKE_SESSION], env: process.env, ended: (code) => ended.push(code) };
  }

  beforeEach(() => {
    ended.length = 0;
    session = new MqadminSession(launch, 5000);
  });

  afterEach(() => session.close());

  test('runs commands in call order in one process, each with its own output', async () => {
    const runs = await Promise.all([session.run(['echo', 'one']), session.run(['echo', 'two', 'words']), session.run(['echo', 'with space'])]);
    expect(runs.map((run) => run.stdout)).toEqual(['one\n', 'two words\n', 'with space\n']);
    expect(runs.every((run) => run.code === 0 && !run.timedOut)).toBe(true);
    expect(ended).toEqual([]);
    await session.close();
    expect(ended).toEqual([0]);
  });

  test('a command that ends the process gets its exit code and output; the next one starts a new process', async () => {
    const exited = await session.run(['exit', '3', 'usage: ...']);
    expect(exited).toMatchObject({ code: 3, stdout: 'usage: ...', timedOut: false });
    expect(ended).toEqual([3]);
    expect(await session.run(['echo', 'again'])).toMatchObject({ code: 0, stdout: 'again\n' });
  });

  test("what the process prints outside a command's capture is reported with the command that ends next", async () => {
    // The two pipes race, so the text may arrive just after the frame of the command that printed it.
    const runs = await Promise.all([session.run(['console', 'stray Exception']), session.run(['echo', 'next'])]);
    expect(runs.map((run) => run.stderr).join('|')).toMatch(/^(stray Exception\|)|(\|stray Exception)$/);
  });

  test('a command that never answers is killed at the timeout, and the session recovers', async () => {
    // Long enough for a node process to start under load, which the first command's time includes.
    session = new MqadminSession(launch, 4000);
    expect(await session.run(['echo', 'started'])).toMatchObject({ code: 0 });
    const hung = await session.run(['hang']);
    expect(hung).toMatchObject({ code: null, timedOut: true });
    expect(hung.stderr).toContain('the mqadmin session JVM ended');
    expect(await session.run(['echo', 'alive'])).toMatchObject({ code: 0, stdout: 'alive\n' });
  });

  test('an argument with a newline is refused before it reaches the process', async () => {
    await expect(session.run(['echo', 'two\nlines'])).rejects.toThrow('cannot hold a newline');
    expect(await session.run(['echo', 'next'])).toMatchObject({ stdout: 'next\n' });
  });
});

describeIf(javaToolchain(), "Apache's mqadmin in one JVM (e2e/apache/mqadmin MqadminSession)", () => {
  let home = '';

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-mqadmin-session-'));
  });

  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  test("-h, and a missing required option, end the JVM through Apache's parser (System.exit 0 and 1), as they end the script", async () => {
    // No name server listens here: these commands never connect.
    const tool = (await apacheMqadmin())('127.0.0.1:1', home);
    try {
      const help = await tool.run(['topicRoute', '-h', '-t', 'AnyTopic']);
      expect(help).toMatchObject({ code: 0, timedOut: false });
      expect(help.stdout).toMatch(/^usage: mqadmin topicRoute /m);
      const bad = await tool.run(['topicRoute', '-h']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Missing required option: t');
      expect(bad.stdout).toMatch(/^usage: mqadmin topicRoute /m);
      const missing = await tool.run(['noSuchCommand']);
      expect(missing).toMatchObject({ code: 0, stdout: 'The sub command noSuchCommand not exist.\n' });
    } finally {
      await tool.close();
    }
  }, 120_000);
});
