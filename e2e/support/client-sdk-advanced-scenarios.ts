import { Message, MessageQueue, SystemTopic, getDLQTopic, type MessageExt } from '@mq/common';
import { Admin, PushConsumer, TransactionProducer, type LocalTransactionState, type SendResult, type TransactionSendResult } from '@mq/client';
import { decodeRecallHandle, ResponseCode } from '@mq/remoting';
import { ADVANCED_BROKER_CONFIG, DELAY_LEVEL_MS, MALFORMED_SQL, MAX_DELAY_LEVEL, SQL_MESSAGES, SQL_TRUTH_TABLE } from './advanced-scenarios';
import type { BrokerConfigOverrides } from './cluster';
import {
  bodies,
  createTopic,
  eventually,
  indexes,
  newPushConsumer,
  pollAtLeast,
  sendIndexed,
  startConsumer,
  unique,
  withLitePullConsumer,
  withProducer,
  type SdkScenario,
} from './client-sdk-scenarios';

/**
 * The advanced features of issue #6 through our @mq/client, with the expectations of the Java
 * table (advanced-scenarios.ts) and the same broker.conf keys (ADVANCED_BROKER_CONFIG): delay
 * levels, 5.x timers, transactions with check-back, retry then DLQ, SQL92 filters and reset by
 * time. Run unchanged against Apache RocketMQ's broker and ours.
 */

const SECOND = 1000;

/** Long enough for a duplicate (a second commit, an extra retry) to show up if there is one. */
const QUIET_MS = 3 * SECOND;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `body` with a started Admin, shutting it down afterwards. */
async function withAdmin<T>(namesrvAddr: string, body: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ namesrvAddr, instanceName: unique('admin') });
  await admin.start();
  try {
    return await body(admin);
  } finally {
    await admin.shutdown();
  }
}

/** The record the broker stored for a send (for a delayed or timer message: the system-topic copy). */
function storedRecords(namesrvAddr: string, results: readonly SendResult[]): Promise<MessageExt[]> {
  return withAdmin(namesrvAddr, (admin) => Promise.all(results.map((result) => admin.viewMessage(result.offsetMsgId))));
}

/** Starts a collecting push consumer on a new topic of its own; `body` gets the topic, the messages received so far and the group. */
async function withCollectingConsumer<T>(namesrvAddr: string, prefix: string, body: (topic: string, received: MessageExt[], group: string) => Promise<T>): Promise<T> {
  const topic = unique(prefix);
  await createTopic(namesrvAddr, topic);
  const received: MessageExt[] = [];
  const group = unique(`CG${prefix}`);
  const consumer = await startConsumer(namesrvAddr, group, topic, '*', received);
  try {
    return await body(topic, received, group);
  } finally {
    await consumer.shutdown();
  }
}

/** The Java table's broker.conf keys, plus RECALL_MESSAGE (off by default in Apache and ours). */
export const SDK_ADVANCED_BROKER_CONFIG: BrokerConfigOverrides = { ...ADVANCED_BROKER_CONFIG, recallMessageEnable: true };

// ---- delay level and timer -----------------------------------------------------------

const OUT_OF_RANGE_LEVEL = 99;

function delayedMessage(topic: string, body: string, level: number): Message {
  const message = new Message(topic, Buffer.from(body));
  message.delayTimeLevel = level;
  return message;
}

const delayLevel: SdkScenario = {
  name: `delay level 3 arrives >= 10 s after it was stored (store timestamps); level ${OUT_OF_RANGE_LEVEL} is clamped to level ${MAX_DELAY_LEVEL} and not delivered`,
  timeoutMs: 90_000,
  run: (namesrvAddr) =>
    withCollectingConsumer(namesrvAddr, 'SdkDelay', async (topic, received) => {
      const sent = await withProducer(namesrvAddr, async (producer) => [
        await producer.send(delayedMessage(topic, 'level-3', 3)),
        await producer.send(delayedMessage(topic, 'out-of-range', OUT_OF_RANGE_LEVEL)),
      ]);
      expect(sent.map((result) => result.status)).toEqual(['SEND_OK', 'SEND_OK']);
      const [level3, outOfRange] = await storedRecords(namesrvAddr, sent);
      expect([level3!.topic, level3!.queueId, level3!.getProperty('DELAY'), level3!.getProperty('REAL_TOPIC')]).toEqual([SystemTopic.SCHEDULE, 2, '3', topic]);
      expect([outOfRange!.topic, outOfRange!.queueId, outOfRange!.getProperty('DELAY'), outOfRange!.getProperty('REAL_TOPIC')]).toEqual([
        SystemTopic.SCHEDULE,
        MAX_DELAY_LEVEL - 1,
        String(MAX_DELAY_LEVEL),
        topic,
      ]);
      await eventually(() => received.length > 0, 60_000, 'the level-3 message');
      await pause(QUIET_MS);
      expect(received.map((m) => [m.body.toString(), m.msgId])).toEqual([['level-3', sent[0]!.msgId]]);
      expect(received[0]!.storeTimestamp - level3!.storeTimestamp).toBeGreaterThanOrEqual(DELAY_LEVEL_MS[2]!);
    }),
};

const TIMER_AHEAD_MS = 5 * SECOND;

const timer: SdkScenario = {
  name: 'a timer message 5 s ahead (deliverTimeMs) is stored for the timer wheel and delivered at its time',
  timeoutMs: 90_000,
  run: (namesrvAddr) =>
    withCollectingConsumer(namesrvAddr, 'SdkTimer', async (topic, received) => {
      const message = new Message(topic, Buffer.from('timer'));
      const deliverAtMs = Date.now() + TIMER_AHEAD_MS;
      message.deliverTimeMs = deliverAtMs;
      const sent = await withProducer(namesrvAddr, (producer) => producer.send(message));
      expect(sent.status).toBe('SEND_OK');
      const [stored] = await storedRecords(namesrvAddr, [sent]);
      expect([stored!.topic, stored!.getProperty('REAL_TOPIC')]).toEqual([SystemTopic.TIMER, topic]);
      await eventually(() => received.length > 0, 60_000, 'the timer message');
      expect(received.map((m) => [m.body.toString(), m.msgId])).toEqual([['timer', sent.msgId]]);
      expect(received[0]!.storeTimestamp).toBeGreaterThanOrEqual(deliverAtMs);
    }),
};

function timerMessage(topic: string, body: string, deliverTimeMs: number): Message {
  const message = new Message(topic, Buffer.from(body));
  message.deliverTimeMs = deliverTimeMs;
  return message;
}

const recall: SdkScenario = {
  name: 'Producer.recallMessage: of two timer messages due at the same time the recalled one is never delivered, the other is; recalling it afterwards, on an unknown topic or on another topic is refused',
  timeoutMs: 90_000,
  run: (namesrvAddr) =>
    withCollectingConsumer(namesrvAddr, 'SdkRecall', async (topic, received) => {
      const deliverAtMs = Date.now() + TIMER_AHEAD_MS;
      const [recalled, control] = await withProducer(namesrvAddr, async (producer) => {
        const sent = [await producer.send(timerMessage(topic, 'recalled', deliverAtMs)), await producer.send(timerMessage(topic, 'control', deliverAtMs))];
        const refusals = await Promise.all(
          [`${topic}_missing`, 'TBW102'].map((other) => producer.recallMessage(other, sent[0]!.recallHandle!).catch((error: unknown) => error)),
        );
        expect(refusals).toMatchObject([{ code: ResponseCode.TOPIC_NOT_EXIST }, { code: ResponseCode.ILLEGAL_OPERATION }]);
        await expect(producer.recallMessage(topic, sent[0]!.recallHandle!)).resolves.toBe(sent[0]!.msgId);
        return sent;
      });
      expect(decodeRecallHandle(recalled!.recallHandle!)).toMatchObject({ topic, brokerName: recalled!.messageQueue.brokerName, messageId: recalled!.msgId });
      await eventually(() => received.length > 0, 60_000, 'the control message');
      await pause(QUIET_MS);
      expect(received.map((m) => [m.body.toString(), m.msgId])).toEqual([['control', control!.msgId]]);
      const late = await withProducer(namesrvAddr, (producer) => producer.recallMessage(topic, control!.recallHandle!).catch((error: unknown) => error));
      expect(late).toMatchObject({ code: ResponseCode.ILLEGAL_OPERATION });
    }),
};

// ---- transactions --------------------------------------------------------------------

/** Each message's local transaction outcome, by body; UNKNOW ones are committed by the check-back. */
const TRANSACTION_STATES: readonly LocalTransactionState[] = ['COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW'];

const transactions: SdkScenario = {
  name: 'TransactionProducer: COMMIT delivered once, ROLLBACK never, UNKNOW committed by the check-back (every 2 s for halves older than 5 s)',
  timeoutMs: 90_000,
  run: (namesrvAddr) =>
    withCollectingConsumer(namesrvAddr, 'SdkTx', async (topic, received) => {
      const checked = new Set<string>();
      const producer = new TransactionProducer<LocalTransactionState>({
        namesrvAddr,
        group: unique('TXG'),
        instanceName: unique('tx'),
        transactionListener: {
          executeLocalTransaction: (_message, state) => state,
          checkLocalTransaction: (message) => (checked.add(message.msgId), 'COMMIT_MESSAGE'),
        },
      });
      await producer.start();
      try {
        const sent: TransactionSendResult[] = [];
        for (const state of TRANSACTION_STATES) sent.push(await producer.sendMessageInTransaction(new Message(topic, Buffer.from(state)), state));
        expect(sent.map((result) => [result.status, result.localTransactionState])).toEqual(TRANSACTION_STATES.map((state) => ['SEND_OK', state]));
        const msgIdOf = (state: LocalTransactionState): string => sent[TRANSACTION_STATES.indexOf(state)]!.msgId;
        await eventually(() => checked.has(msgIdOf('UNKNOW')), 60_000, 'the check-back of the UNKNOW transaction');
        await eventually(() => received.length >= 2, 30_000, 'the two committed messages');
        await pause(QUIET_MS);
        expect(received.map((m) => m.msgId).sort()).toEqual([msgIdOf('COMMIT_MESSAGE'), msgIdOf('UNKNOW')].sort());
        expect(bodies(received)).toEqual(['COMMIT_MESSAGE', 'UNKNOW']);
      } finally {
        await producer.shutdown();
      }
    }),
};

// ---- retry and DLQ -------------------------------------------------------------------

const MAX_RECONSUME_TIMES = 2;

/** Reads the first message of a dead-letter topic (which exists once something is in it). */
async function readDeadLetters(namesrvAddr: string, dlqTopic: string): Promise<MessageExt[]> {
  return withLitePullConsumer({ namesrvAddr, group: unique('CGDLQ'), consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }, async (reader) => {
    await reader.start();
    let queues: MessageQueue[] = [];
    await eventually(async () => (queues = await reader.fetchMessageQueues(dlqTopic).catch(() => [])).length > 0, 30_000, `a route of ${dlqTopic}`);
    reader.assign(queues);
    return pollAtLeast(reader, 1, 30_000);
  });
}

const retryThenDlq: SdkScenario = {
  name: `RECONSUME_LATER with maxReconsumeTimes=${MAX_RECONSUME_TIMES}: delivered 3 times (reconsumeTimes 0, 1, 2) >= 10 s then >= 30 s apart, then in %DLQ%<group>`,
  timeoutMs: 150_000,
  async run(namesrvAddr) {
    const topic = unique('SdkRetry');
    await createTopic(namesrvAddr, topic);
    const group = unique('CGR');
    const deliveries: MessageExt[] = [];
    const consumer = newPushConsumer(namesrvAddr, group, topic, '*', { maxReconsumeTimes: MAX_RECONSUME_TIMES });
    consumer.registerMessageListener((messages) => {
      deliveries.push(...messages);
      return 'RECONSUME_LATER';
    });
    await consumer.start();
    try {
      const sent = await withProducer(namesrvAddr, (producer) => producer.send(new Message(topic, Buffer.from('poison'))));
      await eventually(() => deliveries.length > MAX_RECONSUME_TIMES, 100_000, `${MAX_RECONSUME_TIMES + 1} deliveries`);
      const deadLetters = await readDeadLetters(namesrvAddr, getDLQTopic(group));
      expect(deadLetters.map((m) => [m.topic, m.body.toString(), m.msgId])).toEqual([[getDLQTopic(group), 'poison', sent.msgId]]);
      expect(deliveries.map((m) => [m.topic, m.body.toString(), m.reconsumeTimes])).toEqual([0, 1, 2].map((n) => [topic, 'poison', n]));
      const gaps = deliveries.slice(1).map((m, i) => m.storeTimestamp - deliveries[i]!.storeTimestamp);
      expect(gaps[0]).toBeGreaterThanOrEqual(DELAY_LEVEL_MS[2]!);
      expect(gaps[1]).toBeGreaterThanOrEqual(DELAY_LEVEL_MS[3]!);
    } finally {
      await consumer.shutdown();
    }
  },
};

// ---- SQL92 -----------------------------------------------------------------------------

function sqlMessage(topic: string, index: number): Message {
  const message = new Message(topic, Buffer.from(String(index)));
  for (const [name, value] of Object.entries(SQL_MESSAGES[index]!)) message.putUserProperty(name, value);
  return message;
}

/** A consumer whose SQL92 expression does not parse: start() must fail with the broker's code. */
async function startMalformed(namesrvAddr: string, topic: string): Promise<unknown> {
  const consumer = newPushConsumer(namesrvAddr, unique('CGSQLBAD'), topic, MALFORMED_SQL, { expressionType: 'SQL92' });
  consumer.registerMessageListener(() => 'CONSUME_SUCCESS');
  try {
    await consumer.start();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await consumer.shutdown();
  }
}

const sqlFilter: SdkScenario = {
  name: `SQL92 subscriptions: ${SQL_TRUTH_TABLE.length} expressions x ${SQL_MESSAGES.length} messages, each group gets exactly its matches; malformed SQL fails start() with SUBSCRIPTION_PARSE_FAILED`,
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkSql');
    await createTopic(namesrvAddr, topic);
    expect(await startMalformed(namesrvAddr, topic)).toMatchObject({ code: ResponseCode.SUBSCRIPTION_PARSE_FAILED });
    const instanceName = unique('sql');
    const received = SQL_TRUTH_TABLE.map((): MessageExt[] => []);
    const consumers: PushConsumer[] = [];
    try {
      for (const [j, [expression]] of SQL_TRUTH_TABLE.entries()) {
        consumers.push(await startConsumer(namesrvAddr, unique('CGSQL'), topic, expression, received[j]!, { expressionType: 'SQL92', instanceName }));
      }
      await withProducer(namesrvAddr, async (producer) => {
        for (const index of SQL_MESSAGES.keys()) expect((await producer.send(sqlMessage(topic, index))).status).toBe('SEND_OK');
      });
      const expected = SQL_TRUTH_TABLE.reduce((sum, [, matches]) => sum + matches.length, 0);
      await eventually(() => received.reduce((sum, messages) => sum + messages.length, 0) >= expected, 60_000, `${expected} matches`);
      await pause(QUIET_MS);
      const actual = SQL_TRUTH_TABLE.map(([expression], j) => [expression, bodies(received[j]!)]);
      expect(actual).toEqual(SQL_TRUTH_TABLE.map(([expression, matches]) => [expression, matches.map(String).sort()]));
    } finally {
      for (const consumer of consumers) await consumer.shutdown();
    }
  },
};

// ---- reset by time ---------------------------------------------------------------------

/** Messages per batch: one per queue of the topic (createTopic's 4), message i on queue i % 4. */
const RESET_BATCH = 4;

const resetByTime: SdkScenario = {
  name: 'Admin.resetOffsetByTime (forced, consumer online): exactly the messages stored from that time on are delivered again',
  timeoutMs: 90_000,
  run: (namesrvAddr) =>
    withCollectingConsumer(namesrvAddr, 'SdkReset', async (topic, received, group) => {
      await sendIndexed(namesrvAddr, topic, RESET_BATCH);
      await eventually(() => received.length >= RESET_BATCH, 60_000, 'the first batch');
      const resetTimestamp = Math.max(...received.map((m) => m.storeTimestamp)) + 1;
      await eventually(() => Date.now() > resetTimestamp, 1000, 'the clock to pass the first batch');
      await sendIndexed(namesrvAddr, topic, RESET_BATCH, RESET_BATCH);
      await eventually(() => received.length >= 2 * RESET_BATCH, 60_000, 'the second batch');
      expect(bodies(received)).toEqual(indexes(2 * RESET_BATCH));
      const offsets = await withAdmin(namesrvAddr, (admin) => admin.resetOffsetByTime(group, topic, resetTimestamp));
      // Each queue holds one message of each batch: the reset puts every queue back to offset 1.
      expect(offsets.map(([mq, offset]) => [mq.queueId, offset]).sort()).toEqual(indexes(RESET_BATCH).map((queueId) => [Number(queueId), 1]));
      await eventually(() => received.length >= 3 * RESET_BATCH, 60_000, 'the second batch again');
      await pause(QUIET_MS);
      expect(bodies(received.slice(2 * RESET_BATCH))).toEqual(indexes(2 * RESET_BATCH).slice(RESET_BATCH));
    }),
};

/** Every advanced row; the longest (retry, ~45 s) first, since rows run concurrently. */
export const SDK_ADVANCED_SCENARIOS: readonly SdkScenario[] = [retryThenDlq, delayLevel, timer, recall, transactions, sqlFilter, resetByTime];
