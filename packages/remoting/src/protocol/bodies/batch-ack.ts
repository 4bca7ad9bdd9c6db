import { MQError } from '@mq/common';
import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, list, prop } from '../json/body-schema';
import { ResponseCode } from '../response-code';

/**
 * One entry of a BATCH_ACK_MESSAGE body: the acks of one pop of one queue. Java names the
 * JSON properties with `@JSONField`, so they travel short: `c` consumerGroup, `t` topic (the
 * original topic), `r` retry flag (`0`, `1`, `2` as in the extra info), `so` the pop's start
 * offset, `q` queueId, `rq` reviveQueueId, `pt` popTime, `it` invisibleTime, and `b` the
 * acked offsets as a `java.util.BitSet` (bit `i` acks `so + i`) written as fastjson writes a
 * byte[]: base64 of `BitSet.toByteArray()` (see {@link encodeAckBitSet}).
 */
export const BatchAck = bodyCodec(
  bean('BatchAck', {
    c: prop('string'),
    t: prop('string'),
    r: prop('string'),
    so: prop('long', 0),
    q: prop('int', 0),
    rq: prop('int', 0),
    pt: prop('long', 0),
    it: prop('long', 0),
    b: prop('string'),
  }),
);
/** A decoded BatchAck. */
export type BatchAck = BodyOf<typeof BatchAck>;

/** BATCH_ACK_MESSAGE (200151) body: the acks, grouped by pop, of messages of one broker. */
export const BatchAckMessageRequestBody = bodyCodec(
  bean('BatchAckMessageRequestBody', {
    brokerName: prop('string'),
    acks: prop(list(BatchAck.type)),
  }),
);
/** A decoded BatchAckMessageRequestBody. */
export type BatchAckMessageRequestBody = BodyOf<typeof BatchAckMessageRequestBody>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The `b` property for a set of bit indexes: base64 of the little-endian `BitSet.toByteArray()`. */
export function encodeAckBitSet(indexes: Iterable<number>): string {
  const sorted = [...indexes];
  const bytes = Buffer.alloc(sorted.length === 0 ? 0 : Math.floor(Math.max(...sorted) / 8) + 1);
  for (const index of sorted) bytes[index >> 3] |= 1 << (index & 7);
  return bytes.toString('base64');
}

/**
 * The set bit indexes of a `b` property, ascending.
 * @throws MQError SYSTEM_ERROR when the text is not base64.
 */
export function decodeAckBitSet(text: string): number[] {
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new MQError(ResponseCode.SYSTEM_ERROR, `BatchAck bitSet is not base64: ${JSON.stringify(text)}`);
  }
  const indexes: number[] = [];
  const bytes = Buffer.from(text, 'base64');
  for (let i = 0; i < bytes.length; i++) {
    for (let bit = 0; bit < 8; bit++) if ((bytes[i] & (1 << bit)) !== 0) indexes.push(i * 8 + bit);
  }
  return indexes;
}
