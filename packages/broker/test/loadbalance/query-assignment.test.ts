import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Admin } from '@mq/client';
import { getRetryTopic } from '@mq/common';
import {
  HeartbeatData,
  MessageRequestModeSerializeWrapper,
  QueryAssignmentRequestBody,
  QueryAssignmentResponseBody,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  type BodyInit,
  type MessageQueueAssignment,
} from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { errorCode, waitFor } from '../admin/admin-helpers';

const TOPIC = 'AssignTopic';
const GROUP = 'GID_ASSIGN';
const CLIENT_IDS = ['10.0.0.1@cid-a', '10.0.0.2@cid-b'] as const;
const BROKER = { brokerName: 'broker-a', autoCreateSubscriptionGroup: false };

let dir: string;
let embedded: EmbeddedBroker;
let admin: Admin;
/** One connection per consumer: the broker tells group members apart by channel. */
let consumers: RemotingClient[];

type Query = BodyInit<typeof QueryAssignmentRequestBody>;

/** QUERY_ASSIGNMENT's raw response. */
function queryRaw(body: Buffer | undefined): Promise<RemotingCommand> {
  return consumers[0]!.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.QUERY_ASSIGNMENT, {}, body), 3000);
}

/** The assignments of a successful QUERY_ASSIGNMENT, sorted by broker and queue; undefined for an absent set. */
async function query(overrides: Query = {}): Promise<MessageQueueAssignment[] | undefined> {
  const body = { topic: TOPIC, consumerGroup: GROUP, clientId: CLIENT_IDS[0], messageModel: 'CLUSTERING', strategyName: 'AVG', ...overrides } as const;
  const response = await queryRaw(QueryAssignmentRequestBody.encode(body));
  expect(response.code).toBe(ResponseCode.SUCCESS);
  const assignments = QueryAssignmentResponseBody.decode(response.body!).messageQueueAssignments;
  return assignments?.sort((a, b) => `${a.messageQueue?.brokerName}`.localeCompare(`${b.messageQueue?.brokerName}`) || a.messageQueue!.queueId - b.messageQueue!.queueId);
}

/** `mode:queueId` of each assignment, in queue order. */
async function assigned(overrides: Query = {}): Promise<string[] | undefined> {
  return (await query(overrides))?.map((assignment) => `${assignment.mode}:${assignment.messageQueue?.queueId}`);
}

async function heartbeat(client: RemotingClient, clientID: string): Promise<void> {
  const body = HeartbeatData.encode({
    clientID,
    producerDataSet: [],
    consumerDataSet: [
      {
        groupName: GROUP,
        consumeType: 'CONSUME_PASSIVELY',
        messageModel: 'CLUSTERING',
        consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
        subscriptionDataSet: [{ topic: TOPIC, subString: '*', expressionType: 'TAG', subVersion: Date.now() }],
        unitMode: false,
      },
    ],
  });
  const response = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.HEART_BEAT, {}, body), 3000);
  expect(response.code).toBe(ResponseCode.SUCCESS);
}

async function connectConsumers(): Promise<void> {
  consumers = CLIENT_IDS.map(() => new RemotingClient());
  await Promise.all(consumers.map((client, index) => heartbeat(client, CLIENT_IDS[index]!)));
}

async function stopBroker(): Promise<void> {
  await Promise.all(consumers.map((client) => client.shutdown()));
  await embedded.shutdown();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-assign-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, broker: BROKER });
  admin = new Admin({ namesrvAddr: embedded.namesrvAddr! });
  await admin.start();
  await admin.createTopic(embedded.brokerAddr, { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 });
  await admin.createSubscriptionGroup(embedded.brokerAddr, { groupName: GROUP });
  await connectConsumers();
  const routed = (topic: string) => () => admin.topicRoute(topic).then(() => true, () => false);
  await waitFor(routed(TOPIC), 'the topic route in the name server');
  await waitFor(routed(getRetryTopic(GROUP)), 'the retry topic route in the name server');
});

afterAll(async () => {
  await admin.shutdown();
  await stopBroker();
  rmSync(dir, { recursive: true, force: true });
});

describe('QUERY_ASSIGNMENT by default (PULL)', () => {
  it('splits the cluster\'s queues averagely between the two online clients', async () => {
    expect(await assigned({ clientId: CLIENT_IDS[0] })).toEqual(['PULL:0', 'PULL:1']);
    expect(await assigned({ clientId: CLIENT_IDS[1] })).toEqual(['PULL:2', 'PULL:3']);
    expect((await query())?.[0]?.messageQueue).toEqual({ topic: TOPIC, brokerName: 'broker-a', queueId: 0 });
  });

  it('deals them round-robin with AVG_BY_CIRCLE', async () => {
    expect(await assigned({ clientId: CLIENT_IDS[0], strategyName: 'AVG_BY_CIRCLE' })).toEqual(['PULL:0', 'PULL:2']);
    expect(await assigned({ clientId: CLIENT_IDS[1], strategyName: 'AVG_BY_CIRCLE' })).toEqual(['PULL:1', 'PULL:3']);
  });

  it('gives a broadcasting client every queue', async () => {
    expect(await assigned({ messageModel: 'BROADCASTING' })).toEqual(['PULL:0', 'PULL:1', 'PULL:2', 'PULL:3']);
  });

  it('gives nothing to a client that is not in the group, and no answer when none can be made', async () => {
    expect(await assigned({ clientId: '10.0.0.9@stranger' })).toEqual([]);
    expect(await assigned({ topic: 'NoSuchTopic' })).toBeUndefined();
    expect(await assigned({ consumerGroup: 'GID_OFFLINE' })).toBeUndefined();
    expect(await assigned({ strategyName: 'CONSISTENT_HASH' })).toBeUndefined();
  });

  it('refuses a request without a body or without the fields Java requires', async () => {
    expect((await queryRaw(undefined)).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((await queryRaw(Buffer.from('not json'))).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((await queryRaw(QueryAssignmentRequestBody.encode({ topic: TOPIC, consumerGroup: GROUP }))).code).toBe(ResponseCode.SYSTEM_ERROR);
  });
});

describe('SET_MESSAGE_REQUEST_MODE', () => {
  it('refuses retry topics, unknown topics and unknown groups with Java\'s codes', async () => {
    expect(await errorCode(admin.setMessageRequestMode(embedded.brokerAddr, getRetryTopic(GROUP), GROUP, 'POP', 0))).toBe(ResponseCode.NO_PERMISSION);
    expect(await errorCode(admin.setMessageRequestMode(embedded.brokerAddr, 'NoSuchTopic', GROUP, 'POP', 0))).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(await errorCode(admin.setMessageRequestMode(embedded.brokerAddr, TOPIC, 'GID_NOBODY', 'POP', 0))).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
    const noBody = await consumers[0]!.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.SET_MESSAGE_REQUEST_MODE), 3000);
    expect(noBody.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((await admin.getAllMessageRequestMode(embedded.brokerAddr)).messageRequestModeMap).toEqual({});
  });

  it('switches the group to POP: every client pops every queue of the broker (queueId -1)', async () => {
    await admin.setMessageRequestMode(embedded.brokerAddr, TOPIC, GROUP, 'POP', 0);
    expect(await assigned({ clientId: CLIENT_IDS[0] })).toEqual(['POP:-1']);
    expect(await assigned({ clientId: CLIENT_IDS[1] })).toEqual(['POP:-1']);
    expect((await query())?.[0]?.messageQueue).toEqual({ topic: TOPIC, brokerName: 'broker-a', queueId: -1 });
    expect((await admin.getAllMessageRequestMode(embedded.brokerAddr)).messageRequestModeMap).toEqual({
      [TOPIC]: { [GROUP]: { topic: TOPIC, consumerGroup: GROUP, mode: 'POP', popShareQueueNum: 0 } },
    });
  });

  it('keeps retry topics in PULL even when the broker default is POP', async () => {
    await admin.updateBrokerConfig(embedded.brokerAddr, { defaultMessageRequestMode: 'POP' });
    try {
      expect(await assigned({ topic: getRetryTopic(GROUP) })).toEqual(['PULL:0']);
      expect(await assigned({ consumerGroup: 'GID_OTHER', messageModel: 'BROADCASTING' })).toEqual(['POP:0', 'POP:1', 'POP:2', 'POP:3']);
    } finally {
      await admin.updateBrokerConfig(embedded.brokerAddr, { defaultMessageRequestMode: 'PULL' });
    }
  });

  it('hands out every queue to each client when server load balancing is off', async () => {
    await admin.updateBrokerConfig(embedded.brokerAddr, { serverLoadBalancerEnable: 'false' });
    try {
      expect(await assigned({ topic: getRetryTopic(GROUP) })).toEqual(['PULL:0']);
      expect(await assigned()).toEqual(['POP:0', 'POP:1', 'POP:2', 'POP:3']);
    } finally {
      await admin.updateBrokerConfig(embedded.brokerAddr, { serverLoadBalancerEnable: 'true' });
    }
  });

  it('survives a restart in config/messageRequestMode.json, also without a name server', async () => {
    const file = path.join(dir, 'config', 'messageRequestMode.json');
    expect(existsSync(file)).toBe(true);
    expect(MessageRequestModeSerializeWrapper.decode(readFileSync(file)).messageRequestModeMap[TOPIC]?.[GROUP]?.mode).toBe('POP');
    await stopBroker();
    embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: BROKER });
    await connectConsumers();
    expect(await assigned()).toEqual(['POP:-1']);
    const all = await consumers[0]!.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.GET_ALL_MESSAGE_REQUEST_MODE), 3000);
    expect(all.code).toBe(ResponseCode.SUCCESS);
    expect(all.body!.toString()).toBe(
      `{"messageRequestModeMap":{"${TOPIC}":{"${GROUP}":{"consumerGroup":"${GROUP}","mode":"POP","popShareQueueNum":0,"topic":"${TOPIC}"}}}}`,
    );
  });

  it('answers from the broker\'s own topic config without a name server', async () => {
    await consumers[0]!.invoke(
      embedded.brokerAddr,
      RemotingCommand.createRequest(
        RequestCode.SET_MESSAGE_REQUEST_MODE,
        {},
        Buffer.from(JSON.stringify({ topic: TOPIC, consumerGroup: GROUP, mode: 'PULL' })),
      ),
      3000,
    );
    expect(await assigned({ clientId: CLIENT_IDS[1] })).toEqual(['PULL:2', 'PULL:3']);
  });
});
