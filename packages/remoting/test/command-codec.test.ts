import fc from 'fast-check';
import {
  RemotingCommand,
  RemotingDecodeError,
  SerializeType,
  decodeCommand,
  encodeCommand,
  type ExtFields,
} from '@mq/remoting';

const hex = (text: string) => Buffer.from(text.replace(/[^0-9a-f]/gi, ''), 'hex');
/** A whole frame minus its length field, as the frame decoder hands it over. */
const withoutLength = (frame: Buffer) => frame.subarray(4);

function routeRequest(serializeType: SerializeType): RemotingCommand {
  const command = new RemotingCommand(105, 0, 1);
  command.extFields = { topic: 'TopicTest' };
  command.serializeType = serializeType;
  return command;
}

describe('JSON header (spec §13.1, §13.2, §13.4)', () => {
  const javaRouteRequest =
    '{"code":105,"extFields":{"topic":"TopicTest"},"flag":0,"language":"JAVA","opaque":1,"serializeTypeCurrentRPC":"JSON","version":479}';

  it('encodes byte for byte what a 5.3.3 Java client sends', () => {
    const frame = encodeCommand(routeRequest(SerializeType.JSON));
    expect(frame.subarray(0, 8)).toEqual(hex('00 00 00 87 00 00 00 83'));
    expect(frame.subarray(8).toString()).toBe(javaRouteRequest);
  });

  it('omits extFields and remark when absent, writes {} for an empty header', () => {
    const bare = new RemotingCommand(106, 0, 7);
    expect(encodeCommand(bare).subarray(8).toString()).toBe(
      '{"code":106,"flag":0,"language":"JAVA","opaque":7,"serializeTypeCurrentRPC":"JSON","version":479}',
    );
    bare.extFields = {};
    expect(encodeCommand(bare).subarray(8).toString()).toContain('"extFields":{},"flag"');
  });

  it('decodes the minimal TS-style request of §13.2', () => {
    const header = '{"code":105,"flag":0,"language":"OTHER","opaque":1,"version":409,"extFields":{"topic":"TopicTest","acceptStandardJsonOnly":"true"}}';
    const command = decodeCommand(withoutLength(Buffer.concat([hex('00 00 00 87 00 00 00 83'), Buffer.from(header)])));
    expect(command).toMatchObject({ code: 105, language: 'OTHER', version: 409, opaque: 1, isResponse: false, isOneway: false });
    expect(command.extFields).toEqual({ topic: 'TopicTest', acceptStandardJsonOnly: 'true' });
    expect(command.body).toBeUndefined();
  });

  it('decodes the name server answer of §13.4, remark with a newline, no extFields', () => {
    const remark = 'No topic route info in name server for the topic: TopicTest\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.';
    const header = `{"code":17,"flag":1,"language":"JAVA","opaque":1,"remark":${JSON.stringify(remark)},"serializeTypeCurrentRPC":"JSON","version":479}`;
    expect(Buffer.byteLength(header)).toBe(0xf5);
    const response = new RemotingCommand(17, 1, 1);
    response.remark = remark;
    expect(encodeCommand(response).subarray(8).toString()).toBe(header);
    const decoded = decodeCommand(withoutLength(encodeCommand(response)));
    expect(decoded).toMatchObject({ code: 17, isResponse: true, remark, extFields: undefined });
  });

  it('parses leniently: missing fields, language by code, numeric strings, non-string ext values, unknown keys', () => {
    const header = Buffer.from('{"code":"34","opaque":5,"language":9,"extFields":{"n":1,"b":true,"s":"x","z":null},"foo":[1]}');
    const frame = Buffer.concat([Buffer.from([0, 0, 0, header.length]), header]);
    const command = decodeCommand(frame);
    expect(command).toMatchObject({ code: 34, opaque: 5, flag: 0, version: 0, language: 'GO' });
    expect(command.extFields).toEqual({ n: '1', b: 'true', s: 'x' });
  });

  it('keeps an unknown language name as received', () => {
    const header = Buffer.from('{"code":1,"opaque":1,"language":"COBOL"}');
    const command = decodeCommand(Buffer.concat([Buffer.from([0, 0, 0, header.length]), header]));
    expect(command.language).toBe('COBOL');
  });
});

describe('ROCKETMQ binary header (spec §13.3, §13.5)', () => {
  it('encodes the route request byte for byte', () => {
    expect(encodeCommand(routeRequest(SerializeType.ROCKETMQ))).toEqual(
      hex(`00 00 00 2d 01 00 00 29 00 69 00 01 df 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 14
           00 05 74 6f 70 69 63 00 00 00 09 54 6f 70 69 63 54 65 73 74`),
    );
  });

  it('decodes a response with remark and an empty ext value (read as absent, Java reads null)', () => {
    const frame = hex(`00 00 00 23 01 00 00 1f 00 01 00 00 00 00 00 00
                       09 00 00 00 01 00 00 00 03 65 72 72 00 00 00 07
                       00 01 6b 00 00 00 00`);
    const command = decodeCommand(withoutLength(frame));
    expect(command).toMatchObject({ code: 1, language: 'JAVA', version: 0, opaque: 9, flag: 1, remark: 'err' });
    expect(command.serializeType).toBe(SerializeType.ROCKETMQ);
    expect(command.extFields).toEqual({});
  });

  it('truncates codes above 32767 to int16 like Java (POP_MESSAGE 200050 → 3442)', () => {
    const pop = new RemotingCommand(200050, 0, 1);
    pop.serializeType = SerializeType.ROCKETMQ;
    expect(decodeCommand(withoutLength(encodeCommand(pop))).code).toBe(3442);
  });

  it('accepts duplicate keys, the last one wins', () => {
    const entry = (key: string, value: string) =>
      Buffer.concat([Buffer.from([0, key.length]), Buffer.from(key), Buffer.from([0, 0, 0, value.length]), Buffer.from(value)]);
    const entries = Buffer.concat([entry('a', '1'), entry('a', '2')]);
    const fixed = hex('00 0a 00 01 df 00 00 00 02 00 00 00 00 00 00 00 00');
    const extLength = Buffer.alloc(4);
    extLength.writeInt32BE(entries.length);
    const header = Buffer.concat([fixed, extLength, entries]);
    const word = Buffer.alloc(4);
    word.writeUInt32BE((1 << 24) | header.length);
    expect(decodeCommand(Buffer.concat([word, header])).extFields).toEqual({ a: '2' });
  });
});

describe('malformed headers raise RemotingDecodeError', () => {
  const frameOf = (type: number, header: Buffer, body = Buffer.alloc(0)) => {
    const word = Buffer.alloc(4);
    word.writeUInt32BE(((type << 24) | header.length) >>> 0);
    return Buffer.concat([word, header, body]);
  };
  const valid = withoutLength(encodeCommand(routeRequest(SerializeType.ROCKETMQ)));

  it.each([
    ['broken JSON', frameOf(0, Buffer.from('{"code":1,'))],
    ['JSON that is not an object', frameOf(0, Buffer.from('[1,2]'))],
    ['a non-integer code', frameOf(0, Buffer.from('{"code":"x"}'))],
    ['an unknown serialize type', frameOf(2, Buffer.from('{}'))],
    ['a header longer than the frame', (() => { const f = Buffer.from(valid); f.writeUInt32BE((1 << 24) | 0xffff); return f; })()],
    ['a truncated binary header', frameOf(1, valid.subarray(4, 20))],
    ['a remark length beyond the header', frameOf(1, Buffer.concat([valid.subarray(4, 17), hex('7f 00 00 00'), valid.subarray(21)]))],
    ['a negative key length', frameOf(1, Buffer.concat([valid.subarray(4, 25), hex('ff ff'), valid.subarray(27)]))],
    ['no header word at all', Buffer.from([0, 0])],
  ])('%s', (_name, frame) => {
    expect(() => decodeCommand(frame)).toThrow(RemotingDecodeError);
  });
});

describe('round trips (property)', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const nonEmptyText = text.filter((value) => value.length > 0);
  const extFields: fc.Arbitrary<ExtFields> = fc.dictionary(nonEmptyText, nonEmptyText, { maxKeys: 8 });
  const command = fc.record({
    code: fc.integer({ min: -32768, max: 32767 }),
    language: fc.constantFrom('JAVA', 'CPP', 'GO', 'OTHER', 'RUST', 'NODE_JS'),
    version: fc.integer({ min: 0, max: 32767 }),
    opaque: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    flag: fc.integer({ min: 0, max: 3 }),
    remark: fc.option(nonEmptyText, { nil: undefined }),
    extFields: fc.option(extFields, { nil: undefined }),
    body: fc.option(fc.uint8Array({ minLength: 1, maxLength: 64 }), { nil: undefined }),
  });

  it.each([
    ['JSON', SerializeType.JSON],
    ['ROCKETMQ', SerializeType.ROCKETMQ],
  ])('%s', (_name, serializeType) => {
    fc.assert(
      fc.property(command, (fields) => {
        const original = new RemotingCommand(fields.code, fields.flag, fields.opaque);
        Object.assign(original, fields, { serializeType, body: fields.body && Buffer.from(fields.body) });
        const frame = encodeCommand(original);
        expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
        const decoded = decodeCommand(withoutLength(frame));
        const expectedExt = serializeType === SerializeType.ROCKETMQ && fields.extFields && Object.keys(fields.extFields).length === 0 ? undefined : fields.extFields;
        expect(decoded).toMatchObject({ ...fields, serializeType, extFields: expectedExt, body: original.body });
      }),
      { numRuns: 300 },
    );
  });
});
