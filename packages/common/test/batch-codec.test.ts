import fc from 'fast-check';
import { decodeBatchBody, encodeBatchBody, Message, MQError } from '@mq/common';

describe('SEND_BATCH_MESSAGE body codec', () => {
  // remoting-protocol.md §5.7, verified against Java's MessageDecoder.encodeMessages.
  const specBytes = Buffer.from(
    '00 00 00 22 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 48 69 00 0a 54 41 47 53 01 54 61 67 41 02'.replace(/ /g, ''),
    'hex',
  );

  it('encodes the spec example byte for byte', () => {
    const message = new Message('T', Buffer.from('Hi'), { tags: 'TagA' });
    expect(encodeBatchBody([message]).toString('hex')).toBe(specBytes.toString('hex'));
  });

  it('decodes the spec example, giving each message the header topic', () => {
    const [message, ...rest] = decodeBatchBody(specBytes, 'TopicTest');
    expect(rest).toHaveLength(0);
    expect(message?.topic).toBe('TopicTest');
    expect(message?.body.toString()).toBe('Hi');
    expect(message?.tags).toBe('TagA');
    expect(message?.flag).toBe(0);
  });

  it('round-trips random batches', () => {
    const entry = fc.record({
      flag: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
      body: fc.uint8Array({ maxLength: 64 }),
      tags: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
      key: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/[\u0001\u0002 ]/.test(s)),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const messages = entries.map((e) => new Message('T', Buffer.from(e.body), { flag: e.flag, tags: e.tags, keys: [e.key] }));
        const decoded = decodeBatchBody(encodeBatchBody(messages), 'T');
        expect(decoded.map((m) => [m.flag, m.body.toString('hex'), [...m.properties]])).toEqual(
          messages.map((m) => [m.flag, m.body.toString('hex'), [...m.properties]]),
        );
      }),
    );
  });

  it('refuses truncated and inconsistent bodies with MQError', () => {
    for (let cut = 1; cut < specBytes.length; cut++) {
      expect(() => decodeBatchBody(specBytes.subarray(0, cut))).toThrow(MQError);
    }
    const badPropsLength = Buffer.from(specBytes);
    badPropsLength.writeInt16BE(9, 22);
    expect(() => decodeBatchBody(badPropsLength)).toThrow(/PROPERTIESLENGTH/);
    const negativeBody = Buffer.from(specBytes);
    negativeBody.writeInt32BE(-1, 16);
    expect(() => decodeBatchBody(negativeBody)).toThrow(/BODYLENGTH/);
  });

  it('never throws anything but MQError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodeBatchBody(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(MQError);
        }
      }),
    );
  });
});
