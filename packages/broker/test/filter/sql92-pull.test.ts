import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Message, type MessageExt } from '@mq/common';
import { LitePullConsumer, Producer } from '@mq/client';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode } from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';

const TOPIC = 'SqlTopic';
const EXPRESSION = "region = 'eu' AND (price BETWEEN 10 AND 20 OR TAGS IN ('vip'))";

let dir: string;
let embedded: EmbeddedBroker;

async function start(enablePropertyFilter: boolean): Promise<void> {
  embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-sql', enablePropertyFilter } });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-sql92-'));
});

afterEach(async () => {
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** Ten messages; the ones whose key ends in `!` match EXPRESSION. */
async function produce(namesrvAddr: string): Promise<string[]> {
  const rows: [string, Record<string, string>][] = [
    ['m0!', { region: 'eu', price: '10' }],
    ['m1', { region: 'us', price: '15' }],
    ['m2!', { region: 'eu', price: '20' }],
    ['m3', { region: 'eu', price: '21' }],
    ['m4!', { region: 'eu', price: '99', tag: 'vip' }],
    ['m5', { region: 'eu' }],
    ['m6', { price: '15' }],
    ['m7', { region: 'eu', price: 'cheap' }],
    ['m8!', { region: 'eu', price: '12' }],
    ['m9', { region: 'EU', price: '15' }],
  ];
  const producer = new Producer({ namesrvAddr, group: 'sql-producer' });
  await producer.start();
  try {
    for (const [key, props] of rows) {
      const message = new Message(TOPIC, Buffer.from(key));
      message.keys = key;
      if (props.tag) message.tags = props.tag;
      for (const name of ['region', 'price']) if (props[name]) message.putUserProperty(name, props[name]);
      await producer.send(message);
    }
  } finally {
    await producer.shutdown();
  }
  return rows.map(([key]) => key).filter((key) => key.endsWith('!'));
}

async function pollUntil(consumer: LitePullConsumer, count: number, deadlineMs: number): Promise<MessageExt[]> {
  const received: MessageExt[] = [];
  const deadline = Date.now() + deadlineMs;
  while (received.length < count && Date.now() < deadline) received.push(...(await consumer.poll(500)));
  return received;
}

test('a LitePullConsumer with an SQL92 subscription receives exactly the matching messages', async () => {
  await start(true);
  const namesrvAddr = embedded.namesrvAddr ?? '';
  const expected = await produce(namesrvAddr);
  const consumer = new LitePullConsumer({ namesrvAddr, group: 'sql-group', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
  consumer.subscribe(TOPIC, EXPRESSION, 'SQL92');
  await consumer.start();
  try {
    const received = await pollUntil(consumer, expected.length, 20_000);
    // Give a late extra message the chance to show up before asserting "exactly".
    received.push(...(await consumer.poll(1000)));
    expect(received.map((m) => m.keys).sort()).toEqual(expected.sort());
    expect(embedded.broker.consumerFilterManager.get(TOPIC, 'sql-group')?.expression).toBe(EXPRESSION);
  } finally {
    await consumer.shutdown();
  }
});

describe('raw pulls', () => {
  let client: RemotingClient;
  beforeEach(() => {
    client = new RemotingClient();
  });
  afterEach(async () => {
    await client.shutdown();
  });

  function pull(expression: string, sysFlag = 4 /* FLAG_SUBSCRIPTION */): Promise<RemotingCommand> {
    const extFields: Record<string, string> = {
      consumerGroup: 'raw-group',
      topic: TOPIC,
      queueId: '0',
      queueOffset: '0',
      maxMsgNums: '32',
      sysFlag: String(sysFlag),
      commitOffset: '0',
      suspendTimeoutMillis: '0',
      subscription: expression,
      subVersion: '1',
      expressionType: 'SQL92',
    };
    return client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, extFields), 5000);
  }

  test('without enablePropertyFilter an SQL92 pull is refused with SYSTEM_ERROR', async () => {
    await start(false);
    const response = await pull("region = 'eu'");
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('The broker does not support consumer to filter message by SQL92');
  });

  test('an expression that does not compile gets SUBSCRIPTION_PARSE_FAILED', async () => {
    await start(true);
    const response = await pull('region = NULL');
    expect(response.code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
    expect(response.remark).toContain('cannot be compared');
  });

  test('an SQL92 pull without a registered filter gets SUBSCRIPTION_NOT_EXIST or FILTER_DATA_NOT_EXIST', async () => {
    await start(true);
    const response = await pull("region = 'eu'", 0);
    expect([ResponseCode.SUBSCRIPTION_NOT_EXIST, ResponseCode.FILTER_DATA_NOT_EXIST]).toContain(response.code);
  });
});
