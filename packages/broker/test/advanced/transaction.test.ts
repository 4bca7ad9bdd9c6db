import { decodeOffsetMessageId, decodeStoredRecord, MessageSysFlag, SystemGroup, SystemTopic } from '@mq/common';
import {
  CheckTransactionStateRequestHeader,
  EndTransactionRequestHeader,
  HeartbeatData,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageResponseHeader,
  TransactionType,
} from '@mq/remoting';
import { AdvancedHarness, waitFor } from './support';

jest.setTimeout(30_000);

const GROUP = 'PG_TX';
let harness: AdvancedHarness;

beforeEach(async () => {
  harness = await new AdvancedHarness({ transactionTimeOut: 300, transactionCheckInterval: 600_000 }).start();
});
afterEach(() => harness.stop());

/** Sends a half message; returns what END_TRANSACTION needs. */
async function sendHalf(topic: string, body: string) {
  const response = await harness.send(topic, { TRAN_MSG: 'true', PGROUP: GROUP, UNIQ_KEY: `TX-${body}` }, { sysFlag: MessageSysFlag.TRANSACTION_PREPARED_TYPE, body });
  expect(response.code).toBe(ResponseCode.SUCCESS);
  const header = SendMessageResponseHeader.decode(response.extFields);
  return { tranStateTableOffset: header.queueOffset, commitLogOffset: decodeOffsetMessageId(header.msgId).commitLogOffset, msgId: `TX-${body}` };
}

function endTransaction(half: { tranStateTableOffset: number; commitLogOffset: number; msgId: string }, commitOrRollback: number, extra: { producerGroup?: string; fromTransactionCheck?: boolean } = {}) {
  const header = EndTransactionRequestHeader.encode({ producerGroup: GROUP, commitOrRollback, fromTransactionCheck: false, transactionId: half.msgId, ...half, ...extra });
  return harness.invoke(RequestCode.END_TRANSACTION, header);
}

describe('transactions', () => {
  it('keeps a half message out of its topic until COMMIT, then stores it with the commit sysFlag and an op record', async () => {
    const half = await sendHalf('TxTopic', 'c1');
    const [parked] = await harness.pull(SystemTopic.TRANS_HALF);
    expect(parked?.getProperty('REAL_TOPIC')).toBe('TxTopic');
    expect(parked?.getProperty('__transactionId__')).toBe('TX-c1');
    expect(await harness.pull('TxTopic')).toHaveLength(0);
    expect((await endTransaction(half, TransactionType.COMMIT_TYPE)).code).toBe(ResponseCode.SUCCESS);
    const [committed] = await harness.pull('TxTopic');
    expect(committed?.body.toString()).toBe('c1');
    expect(committed!.sysFlag & MessageSysFlag.TRANSACTION_TYPE_MASK).toBe(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
    expect(committed?.preparedTransactionOffset).toBe(half.commitLogOffset);
    const [op] = await harness.pull(SystemTopic.TRANS_OP_HALF);
    expect(op?.tags).toBe('d');
    expect(op?.body.toString()).toBe(`${half.tranStateTableOffset},`);
  });

  it('ROLLBACK stores only the op record', async () => {
    const half = await sendHalf('TxRollbackTopic', 'r1');
    expect((await endTransaction(half, TransactionType.ROLLBACK_TYPE)).code).toBe(ResponseCode.SUCCESS);
    expect(await harness.pull('TxRollbackTopic')).toHaveLength(0);
    expect(await harness.pull(SystemTopic.TRANS_OP_HALF)).toHaveLength(1);
  });

  it('refuses an unknown offset and a wrong producer group with Java remarks', async () => {
    const half = await sendHalf('TxBadTopic', 'b1');
    const unknown = await endTransaction({ ...half, commitLogOffset: 99_999_999 }, TransactionType.COMMIT_TYPE);
    expect(unknown.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(unknown.remark).toBe('Find prepared transaction message failed');
    const wrongGroup = await endTransaction(half, TransactionType.COMMIT_TYPE, { producerGroup: 'OTHER' });
    expect(wrongGroup.remark).toBe('The producer group wrong');
    const wrongOffset = await endTransaction({ ...half, tranStateTableOffset: 42 }, TransactionType.COMMIT_TYPE);
    expect(wrongOffset.remark).toBe('The transaction state table offset wrong');
  });

  it('checks back with a live producer until an UNKNOW answer turns into COMMIT, and keeps progress in consumerOffset', async () => {
    const checks: { header: CheckTransactionStateRequestHeader; body: Buffer }[] = [];
    harness.client.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (request) => {
      const header = CheckTransactionStateRequestHeader.decode(request.extFields);
      checks.push({ header, body: request.body! });
      const verdict = checks.length === 1 ? TransactionType.NOT_TYPE : TransactionType.COMMIT_TYPE;
      const end = EndTransactionRequestHeader.encode({
        producerGroup: GROUP,
        tranStateTableOffset: header.tranStateTableOffset,
        commitLogOffset: header.commitLogOffset,
        commitOrRollback: verdict,
        fromTransactionCheck: true,
        msgId: header.msgId ?? '',
        transactionId: header.transactionId,
      });
      void harness.client.invoke(harness.embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.END_TRANSACTION, end).markOneway(), 3000).catch(() => undefined);
    });
    const heartbeat = HeartbeatData.encode({ clientID: 'tx-client', producerDataSet: [{ groupName: GROUP }], consumerDataSet: [] });
    expect((await harness.invoke(RequestCode.HEART_BEAT, {}, heartbeat)).code).toBe(ResponseCode.SUCCESS);
    await sendHalf('TxCheckTopic', 'k1');
    const checker = harness.embedded.broker.transactionCheckService!;
    await waitFor(async () => {
      await checker.runOnce();
      return checks.length >= 1;
    }, 10_000, 'the first check');
    const first = checks[0]!;
    expect(first.header.topic).toBe('TxCheckTopic');
    expect(first.header.transactionId).toBe('TX-k1');
    const checkedMessage = decodeStoredRecord(first.body).message;
    expect(checkedMessage.topic).toBe('TxCheckTopic');
    expect(checkedMessage.getProperty('PGROUP')).toBe(GROUP);
    expect(checkedMessage.getProperty('TRANSACTION_CHECK_TIMES')).toBe('1');
    expect(await harness.pull('TxCheckTopic')).toHaveLength(0);
    const committed = await waitFor(async () => {
      await checker.runOnce();
      const found = await harness.pull('TxCheckTopic');
      return found.length > 0 && found;
    }, 10_000, 'the commit after the second check');
    expect(committed[0]?.body.toString()).toBe('k1');
    expect(checks[1]?.header.tranStateTableOffset).toBeGreaterThan(first.header.tranStateTableOffset);
    const offsets = harness.embedded.broker.consumerOffsetManager;
    const halfProgress = () => offsets.queryOffset(SystemGroup.TRANSACTION, SystemTopic.TRANS_HALF, 0);
    const done = await waitFor(async () => {
      await checker.runOnce();
      const end = (await harness.pull(SystemTopic.TRANS_HALF)).length;
      return halfProgress() === end && end;
    }, 10_000, 'the check to pass every half record');
    expect(done).toBeGreaterThanOrEqual(3);
    await harness.restart();
    expect(harness.embedded.broker.consumerOffsetManager.queryOffset(SystemGroup.TRANSACTION, SystemTopic.TRANS_HALF, 0)).toBe(done);
  });
});
