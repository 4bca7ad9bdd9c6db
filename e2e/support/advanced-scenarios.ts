import { getDLQTopic, SystemTopic } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { ClientScenario } from './client-scenarios';
import { BrokerConfigOverrides } from './cluster';
import {
  DelayedDeliveryResult,
  ResetOffsetByTimeResult,
  RetryDlqResult,
  SentMessage,
  SqlFilterResult,
  TimedMessage,
  TransactionResult,
} from './driver-results';
import { bodies, range } from './outcomes';

/**
 * The advanced features (issue #6) through the official Java clients: delay levels, 5.x
 * timers, transactions with check-back, retry then DLQ, SQL92 filters, reset by time, and the
 * bad inputs of each. Run against Apache RocketMQ (proving drivers and expectations) and ours.
 */

/**
 * The same on Apache's broker and ours: SQL92 filtering on, and the transaction check-back
 * every 2 s for half messages older than 5 s (instead of 30 s and 6 s) so UNKNOW resolves in
 * seconds. The age stays above Apache 5.x's op-record batching interval (3 s): a check of a
 * half message whose commit is not yet recorded would commit it twice. Delay levels keep
 * their defaults (level 3 = 10 s, level 4 = 30 s).
 */
export const ADVANCED_BROKER_CONFIG: BrokerConfigOverrides = {
  enablePropertyFilter: true,
  transactionCheckInterval: 2000,
  transactionTimeOut: 5000,
};

const QUEUES = 4;
const SECOND = 1000;
/** Default `messageDelayLevel`: 1s 5s 10s 30s 1m ... 2h, 18 levels. */
export const DELAY_LEVEL_MS = [1, 5, 10, 30].map((s) => s * SECOND);
export const MAX_DELAY_LEVEL = 18;

function sentBody(sent: readonly SentMessage[], index: number): string {
  return String(sent[index].body);
}

function onlyBodies(received: readonly TimedMessage[]): string[] {
  return received.map((m) => m.body);
}

// ---- delay level and timer -----------------------------------------------------------

const OUT_OF_RANGE_LEVEL = 99;

const delayLevel: ClientScenario<DelayedDeliveryResult> = {
  id: 'delay_level',
  title: `delay level 3 arrives >= 10 s after it was stored (store timestamps); level ${OUT_OF_RANGE_LEVEL} is clamped to level ${MAX_DELAY_LEVEL}`,
  driver: 'DelayedDeliveryDriver',
  options: { kind: 'level', values: `3,${OUT_OF_RANGE_LEVEL}`, expect: 1, queues: QUEUES },
  verify: ({ topic, sent, stored, received }) => {
    expect(sent.map((m) => m.status)).toEqual(['SEND_OK', 'SEND_OK']);
    const [level3, outOfRange] = stored;
    expect([level3.topic, level3.queueId, level3.properties.DELAY]).toEqual([SystemTopic.SCHEDULE, 2, '3']);
    expect([level3.properties.REAL_TOPIC, outOfRange.properties.REAL_TOPIC]).toEqual([topic, topic]);
    expect([outOfRange.topic, outOfRange.queueId, outOfRange.properties.DELAY]).toEqual([
      SystemTopic.SCHEDULE,
      MAX_DELAY_LEVEL - 1,
      String(MAX_DELAY_LEVEL),
    ]);
    expect(onlyBodies(received)).toEqual([sentBody(sent, 0)]);
    const [delivered] = received;
    expect(delivered.storeTimestamp - level3.storeTimestamp).toBeGreaterThanOrEqual(DELAY_LEVEL_MS[2]);
    expect(delivered.bornTimestamp).toBeLessThanOrEqual(level3.storeTimestamp);
  },
};

const TIMER_AHEAD_MS = 5 * SECOND;

const timer: ClientScenario<DelayedDeliveryResult> = {
  id: 'timer',
  title: 'a timer message 5 s ahead (setDeliverTimeMs; TIMER_DELIVER_MS by hand on 4.9.8) is stored for the timer wheel and delivered at its time',
  driver: 'DelayedDeliveryDriver',
  options: { kind: 'timer', values: String(TIMER_AHEAD_MS), expect: 1, queues: QUEUES },
  verify: ({ topic, timerApi, sent, stored, received, clientVersion }) => {
    expect(timerApi).toBe(clientVersion.startsWith('V4_') ? 'property' : 'setDeliverTimeMs');
    expect(sent.map((m) => m.status)).toEqual(['SEND_OK']);
    expect([stored[0].topic, stored[0].properties.REAL_TOPIC]).toEqual([SystemTopic.TIMER, topic]);
    expect(onlyBodies(received)).toEqual([sentBody(sent, 0)]);
    expect(received[0].storeTimestamp).toBeGreaterThanOrEqual(sent[0].deliverAtMs as number);
    expect(received[0].storeTimestamp - stored[0].storeTimestamp).toBeGreaterThanOrEqual(TIMER_AHEAD_MS - SECOND);
  },
};

// ---- transactions --------------------------------------------------------------------

const TRANSACTION_STATES = ['COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW', 'COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW'];

function bodiesInState(result: TransactionResult, states: readonly string[]): string[] {
  return result.sent.filter((m) => states.includes(m.localState)).map((m) => String(m.body));
}

const transaction: ClientScenario<TransactionResult> = {
  id: 'transaction',
  title: 'TransactionMQProducer: COMMIT delivered, ROLLBACK never, UNKNOW resolved by check-back; END_TRANSACTION for an unknown offset changes nothing',
  driver: 'TransactionDriver',
  options: {
    states: TRANSACTION_STATES.join(','),
    expect: TRANSACTION_STATES.filter((s) => s !== 'ROLLBACK_MESSAGE').length,
    queues: QUEUES,
  },
  verify: (result) => {
    expect(result.sent.map((m) => [m.status, m.localState])).toEqual(TRANSACTION_STATES.map((s) => ['SEND_OK', s]));
    expect(onlyBodies(result.received).sort()).toEqual(bodiesInState(result, ['COMMIT_MESSAGE', 'UNKNOW']).sort());
    expect(Object.keys(result.checks)).toEqual(expect.arrayContaining(bodiesInState(result, ['UNKNOW'])));
  },
};

// ---- retry and DLQ -------------------------------------------------------------------

const MAX_RECONSUME_TIMES = 2;

const retryThenDlq: ClientScenario<RetryDlqResult> = {
  id: 'retry_dlq',
  title: `RECONSUME_LATER with maxReconsumeTimes=${MAX_RECONSUME_TIMES}: delivered 3 times (reconsumeTimes 0, 1, 2) >= 10 s then >= 30 s apart, then in %DLQ%; send-back of an unknown offset refused`,
  driver: 'RetryDlqDriver',
  options: { 'max-reconsume': MAX_RECONSUME_TIMES, queues: QUEUES },
  verify: (result) => {
    expect(result.unknownSendBack.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(result.unknownSendBack.remark).toMatch(/offset/i);
    const { deliveries } = result;
    expect(deliveries.map((m) => [m.body, m.reconsumeTimes])).toEqual(range(0, MAX_RECONSUME_TIMES + 1).map((n) => ['0', n]));
    const gaps = deliveries.slice(1).map((m, i) => m.storeTimestamp - deliveries[i].storeTimestamp);
    expect(gaps[0]).toBeGreaterThanOrEqual(DELAY_LEVEL_MS[2]);
    expect(gaps[1]).toBeGreaterThanOrEqual(DELAY_LEVEL_MS[3]);
    expect(result.deadLetterTopic).toBe(getDLQTopic(result.group));
    expect(result.deadLetters.map((m) => [m.topic, m.body])).toEqual([[result.deadLetterTopic, '0']]);
  },
};

// ---- SQL92 -----------------------------------------------------------------------------

/**
 * Messages with user properties (strings on the wire), one per evaluation context of
 * RocketMQ's filter tests (`filter/src/test/.../ExpressionTest.java`, string-valued contexts).
 */
export const SQL_MESSAGES: readonly Record<string, string>[] = [
  {},
  { a: '3', b: '5', c: '6', d: '1' },
  { a: '4', b: '5', c: '6', d: '1' },
  { a: 'hello' },
  { a: 'abc' },
  { a: 'true', b: 'false' },
  { a: 'false', b: 'true' },
  { a: '3.14', b: '3.141' },
  { a: '3.14', b: '3.14' },
  { a: '10', b: '20' },
  { a: '20', b: '10' },
  { value: 'axb' },
  { a: '3', b: '3', c: 'axbdc' },
  { a: '3.1415E10' },
];

/**
 * Expressions of ExpressionTest and the messages (indexes into SQL_MESSAGES) each matches.
 * The broker compiles with string conversion on: a string property compared with a number
 * literal is parsed as that number's type (a failed parse fails the whole evaluation, so the
 * message does not match), with a boolean literal as Boolean.valueOf; two strings under
 * `<`/`>` compare as doubles; null operands make comparisons unknown (no match), and
 * `x = y` with both absent is true.
 */
export const SQL_TRUTH_TABLE: readonly [expression: string, matches: readonly number[]][] = [
  ['a=3 and b<>4 And c>5 AND d<=4', [1]],
  ['a=3 or b<>4 Or c>5 OR d<=4', [1, 2, 9, 10, 12]],
  ["a in ('3', '4', '5')", [1, 2, 12]],
  ["a not in ('3', '4', '5')", [3, 4, 5, 6, 7, 8, 9, 10, 13]],
  ['a between 2 and 10', [1, 2, 9, 12]],
  ['a not between 2 and 10', [10]],
  ['a is null', [0, 11]],
  ['a is not null', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13]],
  ["a is not null and a='hello'", [3]],
  ['a=TRUE OR b=FALSE', [1, 2, 5, 7, 8, 9, 10, 12]],
  ["a is null OR a='hello'", [0, 3, 11]],
  ['a > b', [10]],
  ['a<>b', [1, 2, 3, 4, 5, 6, 7, 9, 10, 13]],
  ['a > 3.1E10', [13]],
  ["value contains 'x'", [11]],
  ["value startswith 'ax'", [11]],
  ["value endswith 'xb'", [11]],
  ["value not contains 'x'", []],
  ["a not in ('4', '4', '5') and b between 3 and 10 and c not contains 'axbc'", [1, 12]],
];

/** ExpressionTest's own example of an expression that does not parse. */
export const MALFORMED_SQL = "'axb' contains ";

function encodeProperties(properties: Record<string, string>): string {
  return Object.entries(properties)
    .map(([name, value]) => `${name}=${value}`)
    .join(';');
}

const sqlFilter: ClientScenario<SqlFilterResult> = {
  id: 'sql92',
  title: `MessageSelector.bySql: ${SQL_TRUTH_TABLE.length} expressions x ${SQL_MESSAGES.length} messages, each group gets exactly its matches; malformed SQL refused with SUBSCRIPTION_PARSE_FAILED`,
  driver: 'SqlFilterDriver',
  options: {
    expressions: SQL_TRUTH_TABLE.map(([expression]) => expression).join('\n'),
    messages: SQL_MESSAGES.map(encodeProperties).join('\n'),
    malformed: MALFORMED_SQL,
    'expect-total': SQL_TRUTH_TABLE.reduce((sum, [, matches]) => sum + matches.length, 0),
    queues: QUEUES,
  },
  verify: (result) => {
    expect(result.malformed.code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
    expect(bodies(result.sent)).toEqual(range(0, SQL_MESSAGES.length));
    const actual = SQL_TRUTH_TABLE.map(([expression], j) => [expression, bodies(result.received[j])]);
    expect(actual).toEqual(SQL_TRUTH_TABLE.map(([expression, matches]) => [expression, [...matches]]));
  },
};

// ---- reset by time ---------------------------------------------------------------------

const RESET_FIRST = 4;
const RESET_SECOND = 4;

const resetByTime: ClientScenario<ResetOffsetByTimeResult> = {
  id: 'reset_time',
  title: 'reset offsets by time (forced, consumer online): exactly the messages stored from that time on are delivered again',
  driver: 'ResetOffsetByTimeDriver',
  options: { first: RESET_FIRST, second: RESET_SECOND, queues: QUEUES },
  verify: (result) => {
    const total = RESET_FIRST + RESET_SECOND;
    expect(bodies(result.beforeReset)).toEqual(range(0, total));
    const fromResetTime = result.beforeReset.filter((m) => m.storeTimestamp >= result.resetTimestamp);
    expect(bodies(fromResetTime)).toEqual(range(RESET_FIRST, RESET_SECOND));
    expect(bodies(result.afterReset)).toEqual(bodies(fromResetTime));
    const storedBefore = (queueId: number): number =>
      result.beforeReset.filter((m) => m.queueId === queueId && m.storeTimestamp < result.resetTimestamp).length;
    expect(result.resetOffsets).toEqual(Object.fromEntries(range(0, QUEUES).map((q) => [String(q), storedBefore(q)])));
  },
};

/**
 * Every advanced row; the two longest first (retry, ~45 s; reset by time, 20-35 s: the Java
 * client sleeps 10 s in its reset), since rows run concurrently and the others fit beside them.
 */
export const ADVANCED_SCENARIOS: readonly ClientScenario[] = [
  retryThenDlq,
  resetByTime,
  delayLevel,
  timer,
  transaction,
  sqlFilter,
] as ClientScenario[];
