import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientErrorCode, createReplyMessage, Producer, PushConsumer } from '@mq/client';
import { encodeProperties, getReplyTopic, Message, MQError, type MessageExt } from '@mq/common';
import {
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
} from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { pullOnce } from '../support/pull-once';
import { waitFor } from '../support/wait-for';

jest.setTimeout(30_000);

const CLUSTER = 'ReplyCluster';
const REPLY_TOPIC = getReplyTopic(CLUSTER);

let dir: string;
let embedded: EmbeddedBroker;
const raw = new RemotingClient();
const started: { shutdown(): Promise<void> }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-reply-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-reply', brokerClusterName: CLUSTER } });
});

afterEach(async () => {
  for (const client of started.splice(0).reverse()) await client.shutdown();
});

afterAll(async () => {
  await raw.shutdown();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});


async function startProducer(name: string): Promise<Producer> {
  const producer = new Producer({ namesrvAddr: embedded.namesrvAddr, group: `PG_${name}`, instanceName: name });
  await producer.start();
  started.push(producer);
  return producer;
}

/** A push consumer on `topic` that answers every request with `re:<body>`. */
async function startReplier(topic: string): Promise<void> {
  const replyProducer = await startProducer(`replier_${topic}`);
  const consumer = new PushConsumer({
    namesrvAddr: embedded.namesrvAddr,
    group: `CG_${topic}`,
    instanceName: `consumer_${topic}`,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    rebalanceIntervalMs: 500,
  });
  consumer.subscribe(topic, '*');
  consumer.registerMessageListener(async ([request]) => {
    await replyProducer.send(createReplyMessage(request!, Buffer.from(`re:${request!.body.toString()}`)));
    return 'CONSUME_SUCCESS' as const;
  });
  await consumer.start();
  started.push(consumer);
}

function createTopic(topic: string): void {
  embedded.broker.topicConfigManager.createTopicIfAbsent(topic, 2, 6);
}

function pullReplyTopic(): Promise<MessageExt[]> {
  return pullOnce(raw, embedded.brokerAddr, { consumerGroup: 'CG_REPLY_CHECK', topic: REPLY_TOPIC, queueId: 0, queueOffset: 0 });
}

/** A reply sent over the raw protocol, as a replier whose requester the broker may not know. */
function sendRawReply(code: number, properties: Record<string, string>, body: string): Promise<RemotingCommand> {
  const header = {
    producerGroup: 'PG_RAW',
    topic: REPLY_TOPIC,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    properties: encodeProperties(new Map(Object.entries({ MSG_TYPE: 'reply', ...properties }))),
  };
  const extFields = code === RequestCode.SEND_REPLY_MESSAGE_V2 ? SendMessageRequestHeaderV2.encode(header) : SendMessageRequestHeader.encode(header);
  return raw.invoke(embedded.brokerAddr, RemotingCommand.createRequest(code, extFields, Buffer.from(body)), 5000);
}

describe('request/reply', () => {
  it('creates the cluster reply topic at start', () => {
    expect(embedded.broker.topicConfigManager.selectTopicConfig(REPLY_TOPIC)).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
  });

  it('pushes a consumer reply to the requester, which resolves with it, and stores the reply', async () => {
    createTopic('RpcTopic');
    await startReplier('RpcTopic');
    const requester = await startProducer('requester');

    const reply = await requester.request(new Message('RpcTopic', Buffer.from('ping')), 5000);

    expect(reply.body.toString()).toBe('re:ping');
    expect(reply.topic).toBe(REPLY_TOPIC);
    expect(reply.getProperty('MSG_TYPE')).toBe('reply');
    expect(reply.getProperty('REPLY_TO_CLIENT')).toBe(requester.clientId);
    expect(Number(reply.getProperty('PUSH_REPLY_TIME'))).toBeGreaterThan(0);
    expect(reply.storeTimestamp).toBeGreaterThan(0);
    const correlationId = reply.getProperty('CORRELATION_ID');
    await waitFor(async () => (await pullReplyTopic()).some((m) => m.getProperty('CORRELATION_ID') === correlationId), 5000, 'the stored reply');
  });

  it('fails the request with REQUEST_TIMEOUT_EXCEPTION when nobody replies', async () => {
    createTopic('RpcNobody');
    const requester = await startProducer('lonely');
    const failure = await requester.request(new Message('RpcNobody', Buffer.from('anyone?')), 1000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MQError);
    expect((failure as MQError).code).toBe(ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION);
  });

  it('answers SYSTEM_ERROR naming the requester when it is not connected, and still stores the reply (V2)', async () => {
    const response = await sendRawReply(RequestCode.SEND_REPLY_MESSAGE_V2, { CORRELATION_ID: 'c-gone', REPLY_TO_CLIENT: '10.0.0.1@gone' }, 'late');
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('push reply message fail, channel of <10.0.0.1@gone> not found.');
    expect(response.extFields?.MSG_REGION).toBe('DefaultRegion');
    const header = SendMessageResponseHeader.decode(response.extFields);
    expect(header.msgId).not.toBe('0');
    const stored = (await pullReplyTopic()).find((m) => m.getProperty('CORRELATION_ID') === 'c-gone');
    expect(stored?.body.toString()).toBe('late');
    expect(stored?.getProperty('PUSH_REPLY_TIME')).toBeUndefined();
  });

  it('answers SYSTEM_ERROR when the reply names no requester (V1 header)', async () => {
    const response = await sendRawReply(RequestCode.SEND_REPLY_MESSAGE, { CORRELATION_ID: 'c-none' }, 'orphan');
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('reply message properties[REPLY_TO_CLIENT] is null');
  });

  it('checks the reply like a send: an unknown topic without auto-creation is refused', async () => {
    const extFields = SendMessageRequestHeaderV2.encode({
      producerGroup: 'PG_RAW',
      topic: 'NoSuchReplyTopic',
      defaultTopic: 'NoSuchTemplate',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
    });
    const response = await raw.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.SEND_REPLY_MESSAGE_V2, extFields, Buffer.from('x')), 5000);
    expect(response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });
});
