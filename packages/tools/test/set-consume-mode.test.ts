import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Admin } from '@mq/client';
import { MQError } from '@mq/common';
import { startEmbeddedBroker, type EmbeddedBroker } from '@mq/broker';
import { runMqadmin } from '../src/cli/program';
import { formatConsumeModeSummary, parseSetConsumeModeArgs } from '../src/commands/set-consume-mode';

const TOPIC = 'ToolConsumeModeTopic';
const GROUP = 'ToolConsumeModeGroup';

describe('parseSetConsumeModeArgs', () => {
  const base = { brokerAddr: '127.0.0.1:10911', topicName: ' T ', groupName: 'G', mode: 'POP' };

  it('reads the options like the Java tool: trimmed names, popShareQueueNum 0 by default', () => {
    expect(parseSetConsumeModeArgs(base)).toEqual({ target: { brokerAddr: '127.0.0.1:10911' }, topic: 'T', group: 'G', mode: 'POP', popShareQueueNum: 0 });
    expect(parseSetConsumeModeArgs({ ...base, brokerAddr: undefined, clusterName: 'C', popShareQueueNum: '-1' })).toMatchObject({ target: { clusterName: 'C' }, popShareQueueNum: -1 });
  });

  it('refuses a mode that is not a MessageRequestMode name, a bad number and a missing target', () => {
    expect(() => parseSetConsumeModeArgs({ ...base, mode: 'pop' })).toThrow(MQError);
    expect(() => parseSetConsumeModeArgs({ ...base, popShareQueueNum: 'two' })).toThrow(MQError);
    expect(() => parseSetConsumeModeArgs({ ...base, brokerAddr: undefined })).toThrow(MQError);
  });

  it("prints the Java tool's summary line", () => {
    expect(formatConsumeModeSummary(parseSetConsumeModeArgs({ ...base, popShareQueueNum: '2' }))).toBe('topic[T] group[G] consume mode[POP] popShareQueueNum[2]\n');
  });
});

describe('mqadmin setConsumeMode against a broker', () => {
  let dir: string;
  let embedded: EmbeddedBroker;
  let admin: Admin;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tools-consume-mode-'));
    embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-a' } });
    admin = new Admin({ namesrvAddr: embedded.namesrvAddr! });
    await admin.start();
    await admin.createTopic(embedded.brokerAddr, { topic: TOPIC, readQueueNums: 2, writeQueueNums: 2 });
    await admin.createSubscriptionGroup(embedded.brokerAddr, { groupName: GROUP });
  });

  afterAll(async () => {
    await admin.shutdown();
    await embedded.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  async function mqadmin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runMqadmin(['setConsumeMode', '-n', embedded.namesrvAddr!, ...args], { out: (text) => out.push(text), err: (text) => err.push(text) });
    return { code, out: out.join(''), err: err.join('') };
  }

  const modeOnBroker = async () => (await admin.getAllMessageRequestMode(embedded.brokerAddr)).messageRequestModeMap[TOPIC]?.[GROUP];

  it('sets the mode on one broker (-b)', async () => {
    const result = await mqadmin('-b', embedded.brokerAddr, '-t', TOPIC, '-g', GROUP, '-m', 'POP', '-q', '1');
    expect(result).toEqual({
      code: 0,
      out: `set consume mode to ${embedded.brokerAddr} success.\ntopic[${TOPIC}] group[${GROUP}] consume mode[POP] popShareQueueNum[1]\n`,
      err: '',
    });
    expect(await modeOnBroker()).toEqual({ topic: TOPIC, consumerGroup: GROUP, mode: 'POP', popShareQueueNum: 1 });
  });

  it("sets it on every master of a cluster (-c)", async () => {
    const result = await mqadmin('-c', 'DefaultCluster', '-t', TOPIC, '-g', GROUP, '-m', 'PULL');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`set consume mode to ${embedded.brokerAddr} success.\ntopic[${TOPIC}] group[${GROUP}] consume mode[PULL] popShareQueueNum[0]\n`);
    expect(await modeOnBroker()).toMatchObject({ mode: 'PULL', popShareQueueNum: 0 });
  });

  it("fails with the broker's code for a retry topic", async () => {
    const result = await mqadmin('-b', embedded.brokerAddr, '-t', `%RETRY%${GROUP}`, '-g', GROUP, '-m', 'POP');
    expect(result.code).toBe(1);
    expect(result.err).toContain('NO_PERMISSION');
  });
});
