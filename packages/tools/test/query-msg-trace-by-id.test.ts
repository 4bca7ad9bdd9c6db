import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Message, type MessageExt } from '@mq/common';
import { Producer, PushConsumer, type TraceView } from '@mq/client';
import { startEmbeddedBroker, type EmbeddedBroker } from '@mq/broker';
import { runMqadmin } from '../src/cli/program';
import { formatMessageTrace } from '../src/commands/query-msg-trace-by-id';
import { formatDateTime } from '../src/format/time';

function view(fields: Partial<TraceView>): TraceView {
  return {
    traceType: 'Pub', msgId: 'M', topic: 'T', groupName: 'G', clientHost: '10.0.0.1', storeHost: 'b:1', offsetMsgId: '',
    timeStamp: 1_700_000_000_000, costTime: 3, status: 'success', ...fields,
  };
}

describe('queryMsgTraceById layout', () => {
  it('prints a Pub table, then one Sub table per consumer group, skipping SubBefore', () => {
    const time = formatDateTime(1_700_000_000_000);
    const text = formatMessageTrace([
      view({ groupName: 'PG' }),
      view({ traceType: 'SubBefore', groupName: 'CG1' }),
      view({ traceType: 'SubAfter', groupName: 'CG1', costTime: 12 }),
      view({ traceType: 'SubAfter', groupName: 'CG2', status: 'failed' }),
      view({ traceType: 'SubAfter', groupName: 'CG1', costTime: 0 }),
    ]);
    const row = (...cells: string[]) => `${cells[0]!.padEnd(10)} ${cells[1]!.padEnd(20)} ${cells[2]!.padEnd(20)} ${cells[3]!.padEnd(20)} ${cells[4]!.padEnd(10)} ${cells[5]!.padEnd(10)}\n`;
    expect(text).toBe(
      row('#Type', '#ProducerGroup', '#ClientHost', '#SendTime', '#CostTimes', '#Status') + row('Pub', 'PG', '10.0.0.1', time, '3ms', 'success') + '\n' +
        row('#Type', '#ConsumerGroup', '#ClientHost', '#ConsumerTime', '#CostTimes', '#Status') + row('Sub', 'CG1', '10.0.0.1', time, '12ms', 'success') + row('Sub', 'CG1', '10.0.0.1', time, '0ms', 'success') + '\n' +
        row('#Type', '#ConsumerGroup', '#ClientHost', '#ConsumerTime', '#CostTimes', '#Status') + row('Sub', 'CG2', '10.0.0.1', time, '3ms', 'failed') + '\n',
    );
    expect(formatMessageTrace([])).toBe('');
  });
});

describe('mqadmin queryMsgTraceById against a broker with a trace topic', () => {
  let dir: string;
  let embedded: EmbeddedBroker;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tools-trace-'));
    embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-a', traceTopicEnable: true } });
  });

  afterAll(async () => {
    await embedded.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  async function query(...args: string[]): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const code = await runMqadmin(['queryMsgTraceById', '-n', embedded.namesrvAddr!, ...args], { out: (text) => out.push(text), err: (text) => out.push(text) });
    return { code, out: out.join('') };
  }

  it('shows the producer and consumer records of a traced message, as text and JSON', async () => {
    const namesrvAddr = embedded.namesrvAddr!;
    const producer = new Producer({ namesrvAddr, group: 'ToolTracePG', enableTrace: true });
    const consumer = new PushConsumer({ namesrvAddr, group: 'ToolTraceCG', enableTrace: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    const consumed: MessageExt[] = [];
    consumer.subscribe('ToolTraced', '*');
    consumer.registerMessageListener((messages) => {
      consumed.push(...messages);
      return 'CONSUME_SUCCESS';
    });
    await producer.start();
    const sent = await producer.send(new Message('ToolTraced', Buffer.from('hello')));
    await consumer.start();
    const deadline = Date.now() + 20_000;
    while (!consumed.some((message) => message.msgId === sent.msgId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await producer.shutdown();
    await consumer.shutdown();

    let result = await query('-i', sent.msgId, '--json');
    while (!(result.out.includes('"SubAfter"') && result.out.includes('"Pub"')) && Date.now() < deadline) result = await query('-i', sent.msgId, '--json');
    expect(result.code).toBe(0);
    const views = JSON.parse(result.out) as TraceView[];
    expect(views.map((each) => each.traceType).sort()).toEqual(['Pub', 'SubAfter', 'SubBefore']);
    expect(views.every((each) => each.msgId === sent.msgId)).toBe(true);

    const text = await query('-i', sent.msgId);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^#Type\s+#ProducerGroup\s+#ClientHost\s+#SendTime\s+#CostTimes\s+#Status\s*\nPub\s+ToolTracePG\s+/);
    expect(text.out).toMatch(/\n#Type\s+#ConsumerGroup\s+#ClientHost\s+#ConsumerTime\s+#CostTimes\s+#Status\s*\nSub\s+ToolTraceCG\s+\S+\s+\S+ \S+\s+\d+ms\s+success/);
    expect((await query('-i', sent.msgId, '-t', 'NoSuchTraceTopic')).code).toBe(1);
  });
});
