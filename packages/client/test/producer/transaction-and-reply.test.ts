import { deflateSync } from 'node:zlib';
import { MQError, Message, MessageConst, MessageExt, MessageQueue, MessageSysFlag, createOffsetMessageId, encodeProperties } from '@mq/common';
import { EndTransactionRequestHeader, RequestCode, TransactionType } from '@mq/remoting';
import { ClientErrorCode, REPLY_TOPIC_POSTFIX, createReplyMessage } from '../../src';
import { commitOrRollbackOf, endTransactionAfterCheck, endTransactionAfterSend, prepareHalfMessage } from '../../src/producer/end-transaction';
import { PendingReplies } from '../../src/producer/pending-replies';
import { resolveProducerSettings } from '../../src/producer/producer-options';
import { isReplyMessage, prepareRequestMessage, replyFromPush } from '../../src/producer/request-reply';
import { buildSendRequest, singlePayload } from '../../src/producer/send-request';
import type { SendResult } from '../../src/producer/send-result';

const settings = resolveProducerSettings({ group: 'TxGroup' });
const mq = new MessageQueue('Orders', 'broker-a', 2);

function halfSent(message: Message): SendResult {
  return {
    status: 'SEND_OK',
    msgId: message.uniqKey!,
    offsetMsgId: createOffsetMessageId({ address: '127.0.0.1', port: 10911 }, 123_456_789),
    messageQueue: mq,
    queueOffset: 42,
    transactionId: 'TX-1',
    regionId: 'DefaultRegion',
    traceOn: true,
  };
}

describe('transaction messages', () => {
  it('marks half messages TRAN_MSG/PGROUP, drops DELAY, and sets the PREPARED sysFlag', () => {
    const message = new Message('Orders', Buffer.from('x'));
    message.delayTimeLevel = 3;
    prepareHalfMessage(message, 'TxGroup');
    expect(message.getProperty('TRAN_MSG')).toBe('true');
    expect(message.getProperty('PGROUP')).toBe('TxGroup');
    expect(message.getProperty('DELAY')).toBeUndefined();
    expect(singlePayload(message, settings).sysFlag & MessageSysFlag.TRANSACTION_PREPARED_TYPE).toBe(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
  });

  it('maps local states to the END_TRANSACTION commitOrRollback values', () => {
    expect(commitOrRollbackOf('COMMIT_MESSAGE')).toBe(TransactionType.COMMIT_TYPE);
    expect(commitOrRollbackOf('ROLLBACK_MESSAGE')).toBe(TransactionType.ROLLBACK_TYPE);
    expect(commitOrRollbackOf('UNKNOW')).toBe(TransactionType.NOT_TYPE);
  });

  it('builds the one-way END_TRANSACTION after a send from the send result (§8.8)', () => {
    const message = new Message('Orders', Buffer.from('x'));
    message.uniqKey = 'UNIQ-1';
    const request = endTransactionAfterSend('TxGroup', message, halfSent(message), 'COMMIT_MESSAGE', new Error('boom'));
    expect(request.code).toBe(RequestCode.END_TRANSACTION);
    expect(request.isOneway).toBe(true);
    const header = EndTransactionRequestHeader.decode(request.extFields);
    expect(header).toMatchObject({
      producerGroup: 'TxGroup',
      tranStateTableOffset: 42,
      commitLogOffset: 123_456_789,
      commitOrRollback: 8,
      fromTransactionCheck: false,
      msgId: 'UNIQ-1',
      transactionId: 'TX-1',
      topic: 'Orders',
      bname: 'broker-a',
    });
    expect(request.remark).toContain('boom');
  });

  it('answers a check-back with fromTransactionCheck=true and the check header offsets (§8.12)', () => {
    const request = endTransactionAfterCheck('TxGroup', 'UNIQ-2', { tranStateTableOffset: 7, commitLogOffset: 900, transactionId: 'TX-2' }, 'ROLLBACK_MESSAGE');
    const header = EndTransactionRequestHeader.decode(request.extFields);
    expect(header).toMatchObject({ fromTransactionCheck: true, tranStateTableOffset: 7, commitLogOffset: 900, commitOrRollback: 12, msgId: 'UNIQ-2', transactionId: 'TX-2' });
    expect(request.remark).toBeUndefined();
  });
});

describe('request/reply', () => {
  it('stamps requests with CORRELATION_ID, REPLY_TO_CLIENT and TTL', () => {
    const message = new Message('Rpc', Buffer.from('ping'));
    const correlationId = prepareRequestMessage(message, '127.0.0.1@1', 3000);
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(message.getProperty('CORRELATION_ID')).toBe(correlationId);
    expect(message.getProperty('REPLY_TO_CLIENT')).toBe('127.0.0.1@1');
    expect(message.getProperty('TTL')).toBe('3000');
    expect(prepareRequestMessage(new Message('Rpc'), 'c', 1)).not.toBe(correlationId);
  });

  it('creates replies on <CLUSTER>_REPLY_TOPIC and sends them with SEND_REPLY_MESSAGE_V2', () => {
    const request = new MessageExt('Rpc', Buffer.from('ping'));
    prepareRequestMessage(request, 'requester', 5000);
    request.putProperty(MessageConst.PROPERTY_CLUSTER, 'DefaultCluster');
    const reply = createReplyMessage(request, Buffer.from('pong'));
    expect(reply.topic).toBe(`DefaultCluster${REPLY_TOPIC_POSTFIX}`);
    expect(reply.getProperty('MSG_TYPE')).toBe('reply');
    for (const key of ['CORRELATION_ID', 'REPLY_TO_CLIENT', 'TTL']) expect(reply.getProperty(key)).toBe(request.getProperty(key));
    expect(isReplyMessage(reply)).toBe(true);
    expect(buildSendRequest(singlePayload(reply, settings), new MessageQueue(reply.topic, 'b', 0), settings).code).toBe(RequestCode.SEND_REPLY_MESSAGE_V2);
    expect(buildSendRequest(singlePayload(request, settings), mq, settings).code).toBe(RequestCode.SEND_MESSAGE_V2);
  });

  it('refuses to reply to a message without CLUSTER', () => {
    expect(() => createReplyMessage(new Message('Rpc'), Buffer.alloc(0))).toThrow(expect.objectContaining({ code: ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION }));
  });

  it('rebuilds a pushed reply from its header, inflating compressed bodies', () => {
    const properties = encodeProperties(new Map([['CORRELATION_ID', 'c-1'], ['MSG_TYPE', 'reply']]));
    const header = {
      producerGroup: 'P', topic: 'DefaultCluster_REPLY_TOPIC', defaultTopic: 'TBW102', defaultTopicQueueNums: 4, queueId: 0,
      sysFlag: MessageSysFlag.COMPRESSED_FLAG, bornTimestamp: 1, flag: 0, properties, bornHost: '10.0.0.1:5000', storeHost: '10.0.0.2:10911', storeTimestamp: 2,
    };
    const reply = replyFromPush(header, deflateSync(Buffer.from('pong')), 99);
    expect(reply.body.toString()).toBe('pong');
    expect(reply.getProperty('CORRELATION_ID')).toBe('c-1');
    expect(reply.getProperty('ARRIVE_TIME')).toBe('99');
    expect(reply.bornHost).toEqual({ address: '10.0.0.1', port: 5000 });
    expect(replyFromPush({ ...header, sysFlag: 0 }, Buffer.from('plain')).body.toString()).toBe('plain');
  });

  it('pending replies resolve by correlation id, time out, or fail', async () => {
    const pending = new PendingReplies();
    const answered = pending.wait('a', 10_000);
    const reply = new MessageExt('T');
    expect(pending.complete('a', reply)).toBe(true);
    await expect(answered).resolves.toBe(reply);
    expect(pending.complete('a', reply)).toBe(false);

    const failed = pending.wait('b', 10_000);
    pending.fail('b', new MQError(1, 'send failed'));
    await expect(failed).rejects.toThrow('send failed');

    await expect(pending.wait('c', 5)).rejects.toMatchObject({ code: ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION });
    expect(pending.size).toBe(0);
  });
});
