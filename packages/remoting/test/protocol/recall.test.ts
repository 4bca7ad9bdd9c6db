import fc from 'fast-check';
import {
  decodeRecallHandle,
  encodeRecallHandle,
  RecallMessageRequestHeader,
  RecallMessageResponseHeader,
  RequestCode,
} from '../../src/protocol';

/** Handles produced by Java's `Base64.getUrlEncoder()` (checked with Python's urlsafe_b64encode). */
const JAVA_HANDLES: [string, string][] = [
  [
    'djEgVG9waWNUZXN0IGJyb2tlci1hIDE3MDAwMDAwMDAwMDEgN0YwMDAwMDExMkE0MThCNEFBQzI3NjVFMTIzNDAwMDA=',
    'v1 TopicTest broker-a 1700000000001 7F00000112A418B4AAC2765E12340000',
  ],
  ['djEgVD8-fiBiIDEgbQ==', 'v1 T?>~ b 1 m'],
];

describe('RECALL_MESSAGE headers', () => {
  it('uses request code 370', () => {
    expect(RequestCode.RECALL_MESSAGE).toBe(370);
  });

  it('writes the request as the Java producer does (producerGroup, topic, recallHandle, bname)', () => {
    const ext = RecallMessageRequestHeader.encode({ producerGroup: 'PG', topic: 'TopicTest', recallHandle: 'djEg', bname: 'broker-a' });
    expect(ext).toEqual({ producerGroup: 'PG', topic: 'TopicTest', recallHandle: 'djEg', bname: 'broker-a' });
    expect(RecallMessageRequestHeader.decode(ext)).toEqual({ producerGroup: 'PG', topic: 'TopicTest', recallHandle: 'djEg', bname: 'broker-a' });
  });

  it('requires topic and recallHandle, not producerGroup', () => {
    expect(RecallMessageRequestHeader.decode({ topic: 'T', recallHandle: 'h' })).toEqual({ topic: 'T', recallHandle: 'h' });
    expect(() => RecallMessageRequestHeader.decode({ topic: 'T' })).toThrow(/<recallHandle>/);
    expect(() => RecallMessageRequestHeader.decode({ recallHandle: 'h' })).toThrow(/<topic>/);
  });

  it('answers the message id as msgId', () => {
    expect(RecallMessageResponseHeader.decode({ msgId: 'ID', MSG_REGION: 'DefaultRegion' })).toEqual({ msgId: 'ID' });
    expect(RecallMessageResponseHeader.encode({ msgId: 'ID' })).toEqual({ msgId: 'ID' });
  });
});

describe('recall handle v1', () => {
  it.each(JAVA_HANDLES)('matches Java byte for byte: %s', (handle, text) => {
    const [, topic, brokerName, timestamp, messageId] = text.split(' ');
    expect(encodeRecallHandle({ topic: topic!, brokerName: brokerName!, timestamp: timestamp!, messageId: messageId! })).toBe(handle);
    expect(decodeRecallHandle(handle)).toEqual({ topic, brokerName, timestamp, messageId });
  });

  it('round-trips any space-free fields, padded to whole 4-character units', () => {
    const field = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes(' '));
    fc.assert(
      fc.property(field, field, field, field, (topic, brokerName, timestamp, messageId) => {
        const handle = encodeRecallHandle({ topic, brokerName, timestamp, messageId });
        expect(handle.length % 4).toBe(0);
        expect(handle).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
        expect(decodeRecallHandle(handle)).toEqual({ topic, brokerName, timestamp, messageId });
      }),
    );
  });

  it('accepts unpadded input, as Java does', () => {
    expect(decodeRecallHandle('djEgVD8-fiBiIDEgbQ')).toEqual({ topic: 'T?>~', brokerName: 'b', timestamp: '1', messageId: 'm' });
  });

  it.each([
    ['empty', ''],
    ['four fields', 'djEgYSBiIGM='],
    ['version v2', 'djIgYSBiIGMgZA=='],
    ['plain text', 'v1 a b c d'],
    ['standard base64 alphabet', 'djEgVD8+fiBiIDEgbQ=='],
    ['broken padding', 'djEgVD8-fiBiIDEgbQ='],
    ['padding inside', 'djEgVD8-fiBiIDEgbQ==A'],
    ['a lone last character', 'djEgYSBiIGMgZCBlA'],
    ['a fifth field that Java drops as trailing empty', 'djEgYSBiIGMg'],
  ])('refuses %s', (_what, handle) => {
    expect(decodeRecallHandle(handle)).toBeUndefined();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => void decodeRecallHandle(text)));
  });
});
