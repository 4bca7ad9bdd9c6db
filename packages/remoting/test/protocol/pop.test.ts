import fc from 'fast-check';
import {
  AckMessageRequestHeader,
  BatchAckMessageRequestBody,
  ChangeInvisibleTimeRequestHeader,
  ChangeInvisibleTimeResponseHeader,
  decodeAckBitSet,
  encodeAckBitSet,
  NotificationResponseHeader,
  PopMessageRequestHeader,
  PopMessageResponseHeader,
} from '../../src/protocol';

describe('POP headers carry the Java field names', () => {
  it('reads a POP_MESSAGE request as DefaultMQPushConsumer sends it', () => {
    const extFields = {
      consumerGroup: 'G',
      topic: 'T',
      queueId: '-1',
      maxMsgNums: '32',
      invisibleTime: '60000',
      pollTime: '15000',
      bornTime: '1700000000000',
      initMode: '0',
      expType: 'TAG',
      exp: '*',
      order: 'false',
      bname: 'broker-a',
    };
    expect(PopMessageRequestHeader.decode(extFields)).toEqual({
      consumerGroup: 'G',
      topic: 'T',
      queueId: -1,
      maxMsgNums: 32,
      invisibleTime: 60000,
      pollTime: 15000,
      bornTime: 1700000000000,
      initMode: 0,
      expType: 'TAG',
      exp: '*',
      order: false,
      bname: 'broker-a',
    });
  });

  it('always writes the primitive numbers of a POP response, even for POLLING_TIMEOUT', () => {
    expect(PopMessageResponseHeader.encode({})).toEqual({ popTime: '0', invisibleTime: '0', reviveQid: '0', restNum: '0' });
    expect(
      PopMessageResponseHeader.encode({ popTime: 5, invisibleTime: 6, reviveQid: 7, restNum: 8, startOffsetInfo: '0 1 2', msgOffsetInfo: '0 1 2,3' }),
    ).toEqual({ popTime: '5', invisibleTime: '6', reviveQid: '7', restNum: '8', startOffsetInfo: '0 1 2', msgOffsetInfo: '0 1 2,3' });
  });

  it('writes ACK / CHANGE_MESSAGE_INVISIBLETIME requests with extraInfo and offset', () => {
    const ack = { consumerGroup: 'G', topic: '%RETRY%G_T', queueId: 0, extraInfo: '3 1700 60000 2 1 b 0 4', offset: 4 };
    expect(AckMessageRequestHeader.encode(ack)).toEqual({
      consumerGroup: 'G',
      topic: '%RETRY%G_T',
      queueId: '0',
      extraInfo: '3 1700 60000 2 1 b 0 4',
      offset: '4',
    });
    expect(ChangeInvisibleTimeRequestHeader.encode({ ...ack, invisibleTime: 1000 })).toMatchObject({ invisibleTime: '1000', offset: '4' });
    expect(() => ChangeInvisibleTimeRequestHeader.decode({ ...AckMessageRequestHeader.encode(ack) })).toThrow(/invisibleTime/);
    expect(ChangeInvisibleTimeResponseHeader.decode({ popTime: '9', invisibleTime: '10', reviveQid: '3' })).toEqual({ popTime: 9, invisibleTime: 10, reviveQid: 3 });
  });

  it('defaults the NOTIFICATION flags to false', () => {
    expect(NotificationResponseHeader.encode({ hasMsg: true })).toEqual({ hasMsg: 'true', pollingFull: 'false' });
  });
});

describe('BatchAckMessageRequestBody', () => {
  it('reads the JSON the Java client writes (short @JSONField names, base64 BitSet)', () => {
    // BatchAckTest's ack of startOffset+1, +3, +5 serialised by fastjson.
    const json =
      '{"acks":[{"b":"Kg==","c":"DEFAULT_CONSUMER","it":5000,"pt":1700000000000,"q":1,"r":"0","rq":2,"so":100,"t":"myTopic"}],"brokerName":"broker-a"}';
    const body = BatchAckMessageRequestBody.decode(json);
    expect(body).toEqual({
      brokerName: 'broker-a',
      acks: [{ b: 'Kg==', c: 'DEFAULT_CONSUMER', it: 5000, pt: 1700000000000, q: 1, r: '0', rq: 2, so: 100, t: 'myTopic' }],
    });
    expect(decodeAckBitSet(body.acks![0].b!)).toEqual([1, 3, 5]);
    expect(BatchAckMessageRequestBody.toJson(body)).toBe(json);
  });

  it('encodes and decodes any set of bits like java.util.BitSet', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(300)), (bits) => {
        const text = encodeAckBitSet(bits);
        expect(decodeAckBitSet(text)).toEqual([...bits].sort((a, b) => a - b));
        // toByteArray() never ends with a zero byte.
        const bytes = Buffer.from(text, 'base64');
        expect(bytes.length === 0 || bytes[bytes.length - 1] !== 0).toBe(true);
      }),
    );
  });

  it('rejects a bitSet that is not base64', () => {
    expect(() => decodeAckBitSet('not base64!')).toThrow(/base64/);
  });
});
