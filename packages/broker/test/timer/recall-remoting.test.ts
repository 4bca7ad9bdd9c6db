import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Producer, type SendResult } from '@mq/client';
import { CommonErrorCode, Message, MQError } from '@mq/common';
import {
  decodeRecallHandle,
  encodeRecallHandle,
  RecallMessageRequestHeader,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { pullOnce } from '../support/pull-once';
import { waitFor } from '../support/wait-for';

jest.setTimeout(30_000);

const BROKER_NAME = 'broker-recall-remoting';
const TOPIC = 'RecallRemotingTopic';
const OTHER_TOPIC = 'RecallRemotingOther';

let dir: string;
let embedded: EmbeddedBroker;
let producer: Producer;
const raw = new RemotingClient();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-recall-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: BROKER_NAME, recallMessageEnable: true, grpcServerPort: -1 } });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
  embedded.broker.topicConfigManager.createTopicIfAbsent(OTHER_TOPIC, 1, 6);
  producer = new Producer({ namesrvAddr: embedded.namesrvAddr, group: 'PG_recall', instanceName: 'recall' });
  await producer.start();
  await waitFor(async () => (await producer.fetchPublishQueues(TOPIC).catch(() => [])).length > 0, 10_000, 'the topic route');
});

afterAll(async () => {
  await producer.shutdown();
  await raw.shutdown();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});


function timerMessage(body: string, deliverTimeMs: number, topic = TOPIC): Message {
  const message = new Message(topic, Buffer.from(body));
  message.deliverTimeMs = deliverTimeMs;
  return message;
}

async function bodiesIn(topic: string): Promise<string[]> {
  const messages = await pullOnce(raw, embedded.brokerAddr, { consumerGroup: 'CG_recall_check', topic, queueId: 0, queueOffset: 0 });
  return messages.map((m) => m.body.toString());
}

async function recallFailure(topic: string, handle: string): Promise<MQError> {
  const error = await producer.recallMessage(topic, handle).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MQError);
  return error as MQError;
}

/** RECALL_MESSAGE straight over the wire, bypassing the client's own checks. */
function rawRecall(extFields: Record<string, string>): Promise<RemotingCommand> {
  return raw.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.RECALL_MESSAGE, extFields), 5000);
}

describe('RECALL_MESSAGE over remoting', () => {
  let pending: SendResult;

  it('answers a recall handle for timer messages only', async () => {
    pending = await producer.send(timerMessage('pending', Date.now() + 60_000));
    expect(decodeRecallHandle(pending.recallHandle ?? '')).toMatchObject({ topic: TOPIC, brokerName: BROKER_NAME, messageId: pending.msgId });

    const plain = await producer.send(new Message(TOPIC, Buffer.from('plain')));
    expect(plain.recallHandle).toBeUndefined();
    const delayLevel = new Message(TOPIC, Buffer.from('level'));
    delayLevel.delayTimeLevel = 3;
    expect((await producer.send(delayLevel)).recallHandle).toBeUndefined();
  });

  it('never delivers a recalled timer message while its slot-mate is delivered; a delivered one cannot be recalled', async () => {
    const deliverAt = Date.now() + 5000;
    const recalled = await producer.send(timerMessage('recalled', deliverAt, OTHER_TOPIC));
    const control = await producer.send(timerMessage('control', deliverAt, OTHER_TOPIC));
    const handle = decodeRecallHandle(recalled.recallHandle!)!;
    const slotMs = Math.floor(deliverAt / 1000) * 1000;
    expect(handle).toEqual({ topic: OTHER_TOPIC, brokerName: BROKER_NAME, timestamp: String(slotMs + 1), messageId: recalled.msgId });

    await expect(producer.recallMessage(OTHER_TOPIC, recalled.recallHandle!)).resolves.toBe(recalled.msgId);
    expect(await bodiesIn(OTHER_TOPIC)).toEqual([]);

    // Both share one slot and the control was stored last: once it is out, the slot has fired.
    await waitFor(async () => (await bodiesIn(OTHER_TOPIC)).length > 0, 15_000, 'the timer slot to fire');
    expect(await bodiesIn(OTHER_TOPIC)).toEqual(['control']);
    const late = await recallFailure(OTHER_TOPIC, control.recallHandle!);
    expect(late.code).toBe(ResponseCode.ILLEGAL_OPERATION);
    expect(late.remark).toContain('recall failed, timestamp invalid');
  });

  it('refuses a handle of another topic, an unknown topic and another broker with the reference codes', async () => {
    const otherTopic = await recallFailure(OTHER_TOPIC, pending.recallHandle!);
    expect(otherTopic.code).toBe(ResponseCode.ILLEGAL_OPERATION);
    expect(otherTopic.remark).toContain('recall failed, topic not match');

    const unknownTopic = await recallFailure('RecallNoSuchTopic', pending.recallHandle!);
    expect(unknownTopic.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(unknownTopic.remark).toContain('recall failed, the topic[RecallNoSuchTopic] not exist');

    const otherBroker = encodeRecallHandle({ ...decodeRecallHandle(pending.recallHandle!)!, brokerName: 'broker-elsewhere' });
    expect((await recallFailure(TOPIC, otherBroker)).code).toBe(ResponseCode.ILLEGAL_OPERATION);

    const tooFar = encodeRecallHandle({ ...decodeRecallHandle(pending.recallHandle!)!, timestamp: String(Date.now() + 4 * 86_400_000) });
    expect((await recallFailure(TOPIC, tooFar)).remark).toContain('recall failed, timestamp invalid');
  });

  it('refuses malformed handles: the client before sending, the broker with ILLEGAL_OPERATION', async () => {
    for (const handle of ['', 'not a handle!', Buffer.from('v2 a b c d').toString('base64url')]) {
      expect((await recallFailure(TOPIC, handle)).code).toBe(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR);
      const response = await rawRecall(RecallMessageRequestHeader.encode({ topic: TOPIC, recallHandle: handle }));
      expect(response.code).toBe(ResponseCode.ILLEGAL_OPERATION);
      expect(response.remark).toBe('recall handle is invalid');
      expect(response.extFields?.MSG_REGION).toBe('DefaultRegion');
    }
    expect((await recallFailure('%RETRY%PG_recall', pending.recallHandle!)).code).toBe(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR);
    expect((await rawRecall({ topic: TOPIC })).code).toBe(ResponseCode.SYSTEM_ERROR);
  });

  it('answers NO_PERMISSION while recallMessageEnable is off, and recalls again once it is on', async () => {
    embedded.broker.config.recallMessageEnable = false;
    try {
      const disabled = await recallFailure(TOPIC, pending.recallHandle!);
      expect(disabled.code).toBe(ResponseCode.NO_PERMISSION);
      expect(disabled.remark).toContain('recall failed, operation is forbidden');
    } finally {
      embedded.broker.config.recallMessageEnable = true;
    }
    const response = await rawRecall(RecallMessageRequestHeader.encode({ producerGroup: 'PG_raw', topic: TOPIC, recallHandle: pending.recallHandle! }));
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.extFields).toEqual({ msgId: pending.msgId, MSG_REGION: 'DefaultRegion' });
  });

  it('answers SERVICE_NOT_AVAILABLE while not writeable only when allowRecallWhenBrokerNotWriteable is off', async () => {
    const config = embedded.broker.config;
    config.brokerPermission = 4;
    config.allowRecallWhenBrokerNotWriteable = false;
    try {
      expect((await recallFailure(TOPIC, pending.recallHandle!)).code).toBe(ResponseCode.SERVICE_NOT_AVAILABLE);
      config.allowRecallWhenBrokerNotWriteable = true;
      await expect(producer.recallMessage(TOPIC, pending.recallHandle!)).resolves.toBe(pending.msgId);
    } finally {
      config.brokerPermission = 6;
      config.allowRecallWhenBrokerNotWriteable = true;
    }
  });
});
