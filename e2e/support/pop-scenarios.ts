import { ResponseCode } from '@mq/remoting';
import { ClientScenario } from './client-scenarios';
import { BrokerConfigOverrides } from './cluster';
import { Refusal, SentMessage, TimedMessage } from './driver-results';
import { DriverOptions, DriverResult, OfficialClientVersion } from './java';
import { bodies, range } from './outcomes';

/**
 * POP consumption and recall through the remoting protocol (issue #7), with the official Java
 * client 5.5.0 (4.9.x has neither): the group switched to POP with SET_MESSAGE_REQUEST_MODE,
 * push consumers with `clientRebalance=false` getting their queues from QUERY_ASSIGNMENT and
 * consuming by POP_MESSAGE / ACK_MESSAGE / CHANGE_MESSAGE_INVISIBLETIME; a timer message
 * recalled with the recallHandle of its SendResult (RECALL_MESSAGE). Run against Apache
 * RocketMQ (proving drivers and expectations) and ours.
 */

/** Recall is off by default on both brokers. */
export const POP_BROKER_CONFIG: BrokerConfigOverrides = { recallMessageEnable: true };

/** POP and recall exist only in 5.x clients (recall from 5.3.2). */
export const POP_CLIENT_VERSIONS: readonly OfficialClientVersion[] = ['5.5.0'];

/** A message as a POP consumer's listener saw it. */
export interface PopDelivery extends TimedMessage {
  /** Index of the consumer (of the driver's `--consumers`) it was delivered to. */
  consumer: number;
  /** What the listener answered. */
  status: 'CONSUME_SUCCESS' | 'RECONSUME_LATER';
  /** Whether it carried a POP check point (`POP_CK`), which only popped messages do. */
  popCk: boolean;
}

export interface PopConsumeResult extends DriverResult {
  /**
   * SET_MESSAGE_REQUEST_MODE to POP for the group's retry topic and for a topic that does not
   * exist. (An unknown group is auto-created by both brokers under autoCreateSubscriptionGroup.)
   */
  modeRefusals: { retryTopic: Refusal; unknownTopic: Refusal };
  sent: SentMessage[];
  /** Queue ids of the topic each consumer pops, and those it pulls, once its assignment settled. */
  consumers: { instance: string; popQueues: number[]; pullQueues: number[] }[];
  /** Every delivery, in order. */
  deliveries: PopDelivery[];
}

export interface RecallResult extends DriverResult {
  sent: (SentMessage & { recallHandle: string | null; deliverAtMs: number })[];
  recalledMsgId: string;
  received: TimedMessage[];
  lateRecall: Refusal & { msgId?: string };
}

const QUEUES = 4;
const SECOND = 1000;
const POP_COUNT = 40;
/**
 * The client's floor is 5 s (shorter values fall back to 60 s). A RECONSUME_LATER hides the
 * message for 10 s (the client's first POP delay level) whatever this is.
 */
const POP_INVISIBLE_MS = 10 * SECOND;
/** Watching this long after the last success: an ack the broker lost shows as a redelivery once the invisible time is over. */
const POP_WATCH_MS = POP_INVISIBLE_MS + 3 * SECOND;

function popConsume(consumers: number, failOnce: 'odd' | 'none', watchMs: number): DriverOptions {
  return { count: POP_COUNT, consumers, 'fail-once': failOnce, 'invisible-ms': POP_INVISIBLE_MS, 'watch-ms': watchMs, queues: QUEUES };
}

function expectAllSent(sent: readonly SentMessage[]): void {
  expect(sent.map((m) => m.status)).toEqual(Array(POP_COUNT).fill('SEND_OK'));
}

/**
 * popShareQueueNum 0: QUERY_ASSIGNMENT gives every consumer, in POP mode, one queue per broker
 * with queue id -1 (pop from any of its queues) and nothing to pull.
 */
const ANY_QUEUE = -1;

function expectEveryQueuePopped(result: PopConsumeResult, consumers: number): void {
  const everyQueue = { popQueues: [ANY_QUEUE], pullQueues: [] };
  expect(result.consumers.map(({ popQueues, pullQueues }) => ({ popQueues, pullQueues }))).toEqual(Array(consumers).fill(everyQueue));
  expect(result.deliveries.filter((d) => !d.popCk)).toEqual([]);
}

/** Per message (by body): what the listener answered on each delivery, with the reconsume count it saw. */
function deliveriesByBody(deliveries: readonly PopDelivery[]): [status: string, reconsumeTimes: number][][] {
  const byBody = range(0, POP_COUNT).map((): [string, number][] => []);
  for (const d of deliveries) byBody[Number(d.body)].push([d.status, d.reconsumeTimes]);
  return byBody;
}

const popPush: ClientScenario<PopConsumeResult> = {
  id: 'pop_push',
  title: `POP push consumer (SET_MESSAGE_REQUEST_MODE POP, clientRebalance=false): ${POP_COUNT} messages, odd ones RECONSUME_LATER once come back with reconsumeTimes 1, each consumed successfully exactly once, nothing after the acks`,
  driver: 'PopConsumeDriver',
  options: popConsume(1, 'odd', POP_WATCH_MS),
  verify: (result) => {
    expectAllSent(result.sent);
    expectEveryQueuePopped(result, 1);
    const retriedOnce: [string, number][] = [
      ['RECONSUME_LATER', 0],
      ['CONSUME_SUCCESS', 1],
    ];
    const once: [string, number][] = [['CONSUME_SUCCESS', 0]];
    expect(deliveriesByBody(result.deliveries)).toEqual(range(0, POP_COUNT).map((i) => (i % 2 === 1 ? retriedOnce : once)));
  },
};

/**
 * Two consumers popping every queue: each stored message is popped once (reconsumeTimes 0)
 * by one of them. POP is at-least-once: a copy whose ack came after its invisible time is
 * revived with reconsumeTimes >= 1, and only such copies may repeat a message.
 */
const popTwoConsumers: ClientScenario<PopConsumeResult> = {
  id: 'pop_shared',
  title: `two POP consumers of one group share every queue: each of ${POP_COUNT} messages popped exactly once (repeats only as revived copies), none lost; POP mode refused for a retry topic and an unknown topic`,
  driver: 'PopConsumeDriver',
  options: popConsume(2, 'none', 1500),
  verify: (result) => {
    const refused = Object.entries(result.modeRefusals).map(([request, { code }]) => [request, code]);
    expect(refused).toEqual([
      ['retryTopic', ResponseCode.NO_PERMISSION],
      ['unknownTopic', ResponseCode.TOPIC_NOT_EXIST],
    ]);
    expectAllSent(result.sent);
    expectEveryQueuePopped(result, 2);
    expect(result.deliveries.filter((d) => d.status !== 'CONSUME_SUCCESS')).toEqual([]);
    expect(bodies(result.deliveries.filter((d) => d.reconsumeTimes === 0))).toEqual(range(0, POP_COUNT));
  },
};

const RECALL_AHEAD_MS = 5 * SECOND;

const recall: ClientScenario<RecallResult> = {
  id: 'recall',
  title: 'two timer messages 5 s ahead, one recalled with its SendResult recallHandle: only the other is delivered; recalling after the deliver time is refused',
  driver: 'RecallDriver',
  options: { 'ahead-ms': RECALL_AHEAD_MS, 'watch-ms': 2 * SECOND, queues: QUEUES },
  verify: ({ sent, recalledMsgId, received, lateRecall }) => {
    expect(sent.map((m) => [m.status, typeof m.recallHandle])).toEqual([
      ['SEND_OK', 'string'],
      ['SEND_OK', 'string'],
    ]);
    expect(recalledMsgId).toBe(sent[0].msgId);
    expect(received.map((m) => [m.body, m.msgId])).toEqual([[sent[1].body, sent[1].msgId]]);
    expect(received[0].storeTimestamp).toBeGreaterThanOrEqual(sent[1].deliverAtMs);
    expect([lateRecall.code, lateRecall.remark]).toEqual([ResponseCode.ILLEGAL_OPERATION, expect.stringMatching(/timestamp/i)]);
  },
};

/** Every row; the longest (POP retry, ~30 s) first, since rows run concurrently. */
export const POP_SCENARIOS: readonly ClientScenario[] = [popPush, popTwoConsumers, recall] as ClientScenario[];
