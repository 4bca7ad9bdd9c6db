import fc from 'fast-check';
import {
  addressToString,
  bodyLengthPosition,
  compressBody,
  decodeStoredRecord,
  decodeStoredRecords,
  encodeProperties,
  encodeStoredRecord,
  MessageExt,
  MessageMagic,
  MessageSysFlag,
  MQError,
  planStoredRecord,
  readInt64BE,
  RecordPosition,
  type DecodeRecordOptions,
  storeTimestampPosition,
  writeAddressBytes,
  writeBlankMarker,
  writeStoredRecord,
  type StoredRecordInput,
} from '@mq/common';

/** remoting-protocol.md §5.5, verified against Java's MessageDecoder. */
const SPEC_RECORD_HEX = [
  '00 00 00 9d da a3 20 a7 77 d1 89 82 00 00 00 01',
  '00 00 00 00 00 00 00 00 00 00 00 07 00 00 00 00',
  '00 00 10 00 00 00 00 00 00 00 01 8b cf e5 68 00',
  'c0 a8 00 14 00 00 d0 a4 00 00 01 8b cf e5 68 7b',
  'c0 a8 00 0a 00 00 2a 9f 00 00 00 00 00 00 00 00',
  '00 00 00 00 00 00 00 05 48 65 6c 6c 6f 09 54 6f',
  '70 69 63 54 65 73 74 00 34 54 41 47 53 01 54 61',
  '67 41 02 55 4e 49 51 5f 4b 45 59 01 43 30 41 38',
  '30 30 31 34 31 32 33 34 41 41 42 42 43 43 44 44',
  '30 44 42 42 41 30 30 30 30 30 30 31 02',
]
  .join(' ')
  .replace(/ /g, '');

function specInput(): StoredRecordInput {
  return {
    topic: 'TopicTest',
    queueId: 1,
    flag: 0,
    body: Buffer.from('Hello'),
    propertiesString: 'TAGS\u0001TagA\u0002UNIQ_KEY\u0001C0A800141234AABBCCDD0DBBA0000001\u0002',
    sysFlag: 0,
    bornTimestamp: 1700000000000,
    bornHost: { address: '192.168.0.20', port: 53412 },
    storeTimestamp: 1700000000123,
    storeHost: { address: '192.168.0.10', port: 10911 },
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    queueOffset: 7,
    commitLogOffset: 4096,
  };
}

describe('stored record codec: the spec example (157 bytes)', () => {
  const expected = Buffer.from(SPEC_RECORD_HEX, 'hex');

  it('the fixture itself is 157 bytes', () => {
    expect(expected.length).toBe(157);
  });

  it('encodes byte for byte', () => {
    expect(encodeStoredRecord(specInput()).toString('hex')).toBe(expected.toString('hex'));
  });

  it('decodes to the values Java reports', () => {
    const { message, size } = decodeStoredRecord(expected);
    expect(size).toBe(157);
    expect(message.storeSize).toBe(157);
    expect(message.topic).toBe('TopicTest');
    expect(message.body.toString()).toBe('Hello');
    expect(message.bodyCRC).toBe(0x77d18982);
    expect(message.queueId).toBe(1);
    expect(message.queueOffset).toBe(7);
    expect(message.commitLogOffset).toBe(4096);
    expect(message.bornTimestamp).toBe(1700000000000);
    expect(message.storeTimestamp).toBe(1700000000123);
    expect(message.bornHost).toEqual({ address: '192.168.0.20', port: 53412 });
    expect(message.storeHost).toEqual({ address: '192.168.0.10', port: 10911 });
    expect(message.tags).toBe('TagA');
    expect(message.msgId).toBe('C0A800141234AABBCCDD0DBBA0000001');
    expect(message.offsetMsgId).toBe('C0A8000A00002A9F0000000000001000');
  });

  it('writes into a caller buffer at an offset, and fixed positions point at the fields', () => {
    const input = specInput();
    const plan = planStoredRecord(input);
    const target = Buffer.alloc(300);
    expect(writeStoredRecord(input, plan, target, 50)).toBe(50 + 157);
    expect(target.subarray(50, 207).equals(expected)).toBe(true);
    expect(readInt64BE(target, 50 + RecordPosition.PHYSICAL_OFFSET)).toBe(4096);
    expect(readInt64BE(target, 50 + storeTimestampPosition(plan.sysFlag))).toBe(1700000000123);
    expect(target.readInt32BE(50 + bodyLengthPosition(plan.sysFlag))).toBe(5);
  });

  it('refuses a buffer without room', () => {
    const input = specInput();
    expect(() => writeStoredRecord(input, planStoredRecord(input), Buffer.alloc(100), 0)).toThrow(MQError);
  });
});

const host = fc.oneof(
  fc.ipV4().map((address) => ({ address, port: 0 })),
  fc.ipV6().map((address) => ({ address, port: 0 })),
);

const recordInput = fc.record({
  topic: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_%|-]{1,127}$/), fc.stringMatching(/^%RETRY%[A-Za-z0-9_]{121,200}$/)),
  queueId: fc.integer({ min: 0, max: 1023 }),
  flag: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
  body: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  properties: fc.dictionary(fc.stringMatching(/^[A-Z_]{1,10}$/), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\u0001\u0002]/.test(s))),
  sysFlag: fc.constantFrom(0, MessageSysFlag.MULTI_TAGS_FLAG, MessageSysFlag.TRANSACTION_COMMIT_TYPE),
  bornTimestamp: fc.integer({ min: 0, max: 2 ** 45 }),
  bornHost: host,
  bornPort: fc.integer({ min: 0, max: 65535 }),
  storeTimestamp: fc.integer({ min: 0, max: 2 ** 45 }),
  storeHost: host,
  reconsumeTimes: fc.integer({ min: 0, max: 16 }),
  preparedTransactionOffset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  queueOffset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  commitLogOffset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
}).map(({ properties, bornPort, bornHost, ...rest }): StoredRecordInput => ({
  ...rest,
  bornHost: { address: bornHost.address, port: bornPort },
  propertiesString: encodeProperties(properties),
}));

/** Java's text form of an IPv6 address (eight hextets, no compression), for comparisons. */
function canonical(address: string): string {
  if (!address.includes(':')) return address;
  const bytes = Buffer.alloc(16);
  writeAddressBytes(address, bytes, 0);
  return addressToString(bytes, 0, 16);
}

describe('stored record codec: properties', () => {
  it('round-trips IPv4/IPv6 hosts, V1/V2 topics and any field values', () => {
    fc.assert(
      fc.property(recordInput, (input) => {
        const encoded = encodeStoredRecord(input);
        const plan = planStoredRecord(input);
        expect(encoded.length).toBe(plan.totalSize);
        expect(encoded.readInt32BE(RecordPosition.MAGIC_CODE)).toBe(Buffer.byteLength(input.topic) > 127 ? MessageMagic.V2 : MessageMagic.V1);
        const { message, size } = decodeStoredRecord(encoded, 0, { checkCRC: true });
        expect(size).toBe(encoded.length);
        expect(message.topic).toBe(input.topic);
        expect(message.body.equals(input.body)).toBe(true);
        expect(message.propertiesString).toBe(input.propertiesString);
        expect(message.bornHost).toEqual({ address: canonical(input.bornHost.address), port: input.bornHost.port });
        expect(message.storeHost).toEqual({ address: canonical(input.storeHost.address), port: input.storeHost.port });
        expect(message.sysFlag & ~0x30).toBe(input.sysFlag);
        expect([message.queueId, message.flag, message.queueOffset, message.commitLogOffset]).toEqual([
          input.queueId,
          input.flag,
          input.queueOffset,
          input.commitLogOffset,
        ]);
        expect([message.bornTimestamp, message.storeTimestamp, message.reconsumeTimes, message.preparedTransactionOffset]).toEqual([
          input.bornTimestamp,
          input.storeTimestamp,
          input.reconsumeTimes,
          input.preparedTransactionOffset,
        ]);
        // re-encoding the decoded message gives the same bytes
        expect(encodeStoredRecord(message).equals(encoded)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('sets the v6 flags from the host families and shifts the moving fields', () => {
    const input = { ...specInput(), bornHost: { address: 'fd00::2', port: 1 }, storeHost: { address: '::1', port: 10911 } };
    const encoded = encodeStoredRecord(input);
    const sysFlag = encoded.readInt32BE(RecordPosition.SYS_FLAG);
    expect(sysFlag).toBe(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
    expect(encoded.length).toBe(157 + 24);
    expect(storeTimestampPosition(sysFlag)).toBe(68);
    expect(readInt64BE(encoded, 68)).toBe(1700000000123);
    const { message } = decodeStoredRecord(encoded);
    expect(message.bornHost).toEqual({ address: 'fd00:0:0:0:0:0:0:2', port: 1 });
    expect(message.offsetMsgId).toBe('00000000000000000000000000000001' + '00002A9F' + '0000000000001000');
  });
});

describe('stored record codec: decoding options and pull bodies', () => {
  const compressed = compressBody(Buffer.from('hello '.repeat(1000)));
  const input: StoredRecordInput = {
    ...specInput(),
    body: compressed.body,
    sysFlag: compressed.sysFlagBits,
  };

  it('decompresses by default and clears COMPRESSED_FLAG, as the Java client does', () => {
    const { message } = decodeStoredRecord(encodeStoredRecord(input));
    expect(message.body.toString()).toBe('hello '.repeat(1000));
    expect(message.sysFlag).toBe(MessageSysFlag.COMPRESSION_ZLIB_TYPE);
  });

  it('keeps bytes as stored with decompressBody false, and skips the body with readBody false', () => {
    const stored = decodeStoredRecord(encodeStoredRecord(input), 0, { decompressBody: false }).message;
    expect(stored.body.equals(compressed.body)).toBe(true);
    expect(stored.sysFlag).toBe(0x301);
    const options: DecodeRecordOptions = { readBody: false };
    const headerOnly = decodeStoredRecord(encodeStoredRecord(input), 0, options).message;
    expect(headerOnly.body.length).toBe(0);
    expect(headerOnly.tags).toBe('TagA');
  });

  it('refuses LZ4 and ZSTD bodies with a clear MQError', () => {
    const lz4 = encodeStoredRecord({ ...input, sysFlag: MessageSysFlag.COMPRESSED_FLAG | MessageSysFlag.COMPRESSION_LZ4_TYPE });
    expect(() => decodeStoredRecord(lz4)).toThrow(/LZ4/);
    expect(decodeStoredRecord(lz4, 0, { decompressBody: false }).size).toBe(lz4.length);
  });

  it('decodes a whole pull body of records back to back', () => {
    const records = [0, 1, 2].map((i) => encodeStoredRecord({ ...specInput(), queueOffset: i, commitLogOffset: i * 157 }));
    const messages = decodeStoredRecords(Buffer.concat(records));
    expect(messages.map((m) => m.queueOffset)).toEqual([0, 1, 2]);
    expect(messages[2]?.offsetMsgId).toBe('C0A8000A00002A9F000000000000013A');
    expect(decodeStoredRecords(Buffer.alloc(0))).toEqual([]);
  });

  it('gives MessageExt instances whose msgId falls back to offsetMsgId without UNIQ_KEY', () => {
    const { message } = decodeStoredRecord(encodeStoredRecord({ ...specInput(), propertiesString: '' }));
    expect(message).toBeInstanceOf(MessageExt);
    expect(message.msgId).toBe('C0A8000A00002A9F0000000000001000');
  });
});

describe('stored record codec: bad input', () => {
  const good = encodeStoredRecord(specInput());

  it('refuses every truncation with MQError', () => {
    for (let cut = 0; cut < good.length; cut++) {
      expect(() => decodeStoredRecord(good.subarray(0, cut))).toThrow(MQError);
    }
  });

  it('refuses bad magic, BLANK markers and a TOTALSIZE beyond the buffer', () => {
    const badMagic = Buffer.from(good);
    badMagic.writeInt32BE(0x12345678, 4);
    expect(() => decodeStoredRecord(badMagic)).toThrow(/bad magic code 0x12345678/);
    const blank = Buffer.alloc(64);
    writeBlankMarker(blank, 0, 64);
    expect(() => decodeStoredRecord(blank)).toThrow(/BLANK/);
    const tooBig = Buffer.from(good);
    tooBig.writeInt32BE(158, 0);
    expect(() => decodeStoredRecord(tooBig)).toThrow(/TOTALSIZE 158/);
  });

  it('refuses lengths that disagree with TOTALSIZE, and a wrong CRC when asked to check', () => {
    const longBody = Buffer.from(good);
    longBody.writeInt32BE(500, 84);
    expect(() => decodeStoredRecord(longBody)).toThrow(MQError);
    const negativeTopic = Buffer.from(good);
    negativeTopic.writeInt8(-3, 93);
    expect(() => decodeStoredRecord(negativeTopic)).toThrow(/TOPIC/);
    const shortProps = Buffer.from(good);
    shortProps.writeInt16BE(51, 103);
    expect(() => decodeStoredRecord(shortProps)).toThrow(/differs from the parsed size/);
    const badCrc = Buffer.from(good);
    badCrc.writeInt32BE(1, 8);
    expect(decodeStoredRecord(badCrc).size).toBe(157);
    expect(() => decodeStoredRecord(badCrc, 0, { checkCRC: true })).toThrow(/BODYCRC/);
  });

  it('never throws anything but MQError on random or mutated bytes', () => {
    const mutated = fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
      const copy = Buffer.from(good);
      copy[at] = byte;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b))), (bytes) => {
        try {
          decodeStoredRecords(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(MQError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
