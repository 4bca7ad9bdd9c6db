import { createOffsetMessageId, decodeOffsetMessageId, parseUniqueMessageId, UniqueMessageIdGenerator } from '@mq/common';
import { goldenEntries } from './golden-manifest';

/**
 * Offset message ids from Java's MessageDecoder.createMessageId and UNIQ_KEYs from
 * MessageClientIDSetter, with what Java reads back from them.
 */

describe.each(goldenEntries('offset-msg-id').map((entry) => [entry.msgId, entry] as const))('golden offsetMsgId %s', (msgId, entry) => {
  it('is created from the same store host and offset', () => {
    expect(createOffsetMessageId({ address: entry.ip, port: entry.port }, entry.offset)).toBe(msgId);
  });

  it.each([msgId, msgId.toLowerCase()])('decodes %s to what Java decodes', (id) => {
    expect(decodeOffsetMessageId(id)).toEqual({
      storeHost: { address: entry.decodedHost.ip, port: entry.decodedHost.port },
      commitLogOffset: entry.decodedOffset,
    });
  });
});

describe('golden UNIQ_KEY', () => {
  const originalTimeZone = process.env.TZ;

  beforeAll(() => {
    // Java answered in the generator's time zone (UTC); the month boundary depends on it.
    process.env.TZ = goldenEntries('uniq-id')[0]!.timeZone;
  });

  afterAll(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  describe.each(goldenEntries('uniq-id').map((entry) => [entry.id, entry] as const))('%s', (id, entry) => {
    it('yields the ip, pid and nearly time Java reads', () => {
      expect(parseUniqueMessageId(id, entry.generatedAt)).toEqual({
        ip: entry.ip,
        pid: entry.pid,
        timestamp: entry.nearlyTime,
      });
    });

    it('is what our generator makes from the same parts', () => {
      const bytes = Buffer.from(id, 'hex');
      const ipLength = bytes.length - 12;
      const counter = bytes.readUInt16BE(bytes.length - 2);
      const generator = new UniqueMessageIdGenerator({
        ip: entry.ip,
        pid: entry.pid,
        processHash: bytes.readInt32BE(ipLength + 2),
        clock: () => entry.nearlyTime,
      });
      for (let i = 0; i < counter; i++) generator.next();
      expect(generator.next()).toBe(id);
    });
  });
});
