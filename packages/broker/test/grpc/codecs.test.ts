import fc from 'fast-check';
import { consistentHash } from '../../src/grpc/consistent-hash';
import { fromMillis, toMillis } from '../../src/grpc/durations';
import { decodeMessage, encodeMessage } from '../../src/grpc/proto-schema';
import { decodeReceiptHandle, encodeReceiptHandle, type ReceiptHandle } from '../../src/pop/receipt-handle';

const handle: fc.Arbitrary<ReceiptHandle> = fc.record({
  startOffset: fc.nat(),
  retrieveTime: fc.nat(),
  invisibleTime: fc.nat(),
  reviveQueueId: fc.nat(999),
  topicType: fc.constantFrom(0, 1, 2),
  brokerName: fc.stringMatching(/^[a-zA-Z0-9_-]{1,20}$/),
  queueId: fc.nat(1023),
  offset: fc.nat(),
  commitLogOffset: fc.nat(),
});

test('receipt handles round-trip through their 9-field text', () => {
  fc.assert(fc.property(handle, (h) => expect(decodeReceiptHandle(encodeReceiptHandle(h))).toEqual(h)));
});

test('malformed receipt handles decode to undefined, 8-field handles get commitLogOffset -1', () => {
  for (const bad of ['', 'garbage', '1 2 3', '1 2 3 4 9 b 0 5 6', 'a 2 3 4 0 b 0 5 6', '1 2 3 4 0 b 0 5 6 7']) expect(decodeReceiptHandle(bad)).toBeUndefined();
  expect(decodeReceiptHandle('1 2 3 4 0 b 0 5')?.commitLogOffset).toBe(-1);
});

test('consistentHash stays in range and only ever moves a key to the new bucket when buckets grow', () => {
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 64 }), (key, buckets) => {
      const before = consistentHash(key, buckets);
      const after = consistentHash(key, buckets + 1);
      expect(before).toBeGreaterThanOrEqual(0);
      expect(before).toBeLessThan(buckets);
      expect(after === before || after === buckets).toBe(true);
    }),
  );
});

test('durations: normalised on output, fractional Node seconds tolerated on input', () => {
  fc.assert(fc.property(fc.nat(10 ** 12), (ms) => expect(toMillis(fromMillis(ms))).toBe(ms)));
  expect(toMillis({ seconds: 1.5, nanos: 500_000_000 })).toBe(2000);
});

test('messages survive encode/decode with our schema (bytes, maps, int64, oneof names)', () => {
  const body = Buffer.from([0, 1, 2, 255]);
  const message = {
    topic: { name: 'T' },
    user_properties: { a: 'b' },
    system_properties: { message_id: 'ID', queue_offset: 2 ** 40, delivery_attempt: 3, tag: 'x' },
    body,
  };
  const decoded = decodeMessage<{ content: string; message: typeof message }>('apache.rocketmq.v2.ReceiveMessageResponse', encodeMessage('apache.rocketmq.v2.ReceiveMessageResponse', { message }));
  expect(decoded.content).toBe('message');
  expect(decoded.message.body.equals(body)).toBe(true);
  expect(decoded.message.user_properties).toEqual({ a: 'b' });
  expect(decoded.message.system_properties).toMatchObject({ message_id: 'ID', queue_offset: 2 ** 40, delivery_attempt: 3, tag: 'x' });
});
