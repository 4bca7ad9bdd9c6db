import {
  decodeCommand,
  encodeCommand,
  FrameDecoder,
  LanguageCode,
  PullMessageRequestHeader,
  RemotingCommand,
  SendMessageRequestHeaderV2,
  type HeaderCodec,
  type HeaderFields,
} from '@mq/remoting';
import { goldenEntries, goldenFile, type FrameEntry } from './golden-manifest';

/**
 * Whole frames written by Java's RemotingCommand.encode() and by fastEncodeHeader (the
 * NettyEncoder path), in both header serializations: ours must read what Java reads and
 * write the same bytes wherever Java's bytes do not depend on HashMap order.
 */

const HEADER_CODECS: Readonly<Record<string, HeaderCodec<HeaderFields>>> = {
  SendMessageRequestHeaderV2,
  PullMessageRequestHeader,
};

/** Our command with every header field Java decoded, extFields in Java's encoded order. */
function commandFromJava(java: FrameEntry): RemotingCommand {
  const command = new RemotingCommand(java.code, java.flag, java.opaque);
  command.language = java.language;
  command.version = java.version;
  command.remark = java.remark ?? undefined;
  command.extFields = Object.keys(java.extFields).length > 0 ? { ...java.extFields } : undefined;
  command.body = java.body === null ? undefined : Buffer.from(java.body.base64, 'base64');
  command.serializeType = java.serializeTypeCode as RemotingCommand['serializeType'];
  return command;
}

/** The fields of a decoded command, shaped like the manifest. */
function viewOf(command: RemotingCommand): Omit<FrameEntry, 'kind' | 'file' | 'description' | 'deterministic' | 'frameLength' | 'headerLength' | 'serializeType' | 'customHeaderClass' | 'customHeader'> {
  return {
    serializeTypeCode: command.serializeType,
    code: command.code,
    language: command.language,
    languageCode: LanguageCode[command.language as keyof typeof LanguageCode],
    version: command.version,
    opaque: command.opaque,
    flag: command.flag,
    isResponse: command.isResponse,
    isOneway: command.isOneway,
    remark: command.remark ?? null,
    extFields: { ...(command.extFields ?? {}) },
    body: command.body === undefined ? null : javaBytesOf(command.body),
  };
}

function javaBytesOf(body: Buffer): FrameEntry['body'] {
  const text = body.toString('utf8');
  return {
    length: body.length,
    base64: body.toString('base64'),
    ...(Buffer.from(text, 'utf8').equals(body) ? { utf8: text } : {}),
  };
}

function expectedView(java: FrameEntry): ReturnType<typeof viewOf> {
  const { serializeTypeCode, code, language, languageCode, version, opaque, flag, isResponse, isOneway, remark, extFields, body } = java;
  return { serializeTypeCode, code, language, languageCode, version, opaque, flag, isResponse, isOneway, remark, extFields, body };
}

describe.each(goldenEntries('frame').map((entry) => [entry.file, entry] as const))('golden frame %s', (file, java) => {
  const bytes = goldenFile(file);

  it('has the length prefix and header word Java wrote', () => {
    expect(bytes.readInt32BE(0)).toBe(java.frameLength);
    expect(bytes.length).toBe(4 + java.frameLength);
    expect(bytes.readUInt8(4)).toBe(java.serializeTypeCode);
    expect(bytes.readUInt32BE(4) & 0xffffff).toBe(java.headerLength);
  });

  it('decodes to the fields Java reads', () => {
    expect(viewOf(decodeCommand(bytes.subarray(4)))).toEqual(expectedView(java));
  });

  it('comes out of the frame decoder whole when split anywhere', () => {
    for (const split of [1, 5, 9, bytes.length - 1]) {
      const frames: Buffer[] = [];
      const decoder = new FrameDecoder();
      decoder.push(bytes.subarray(0, split), (frame) => frames.push(Buffer.from(frame)));
      decoder.push(bytes.subarray(split), (frame) => frames.push(Buffer.from(frame)));
      expect(frames.map((frame) => frame.toString('hex'))).toEqual([bytes.subarray(4).toString('hex')]);
    }
  });

  // With extFields given in Java's encoded order, our encoder must reproduce Java's bytes even
  // for frames whose order came from a HashMap (java.deterministic = false).
  it('re-encodes byte for byte from the same fields', () => {
    expect(encodeCommand(commandFromJava(java)).toString('hex')).toBe(bytes.toString('hex'));
  });

  const codec = java.customHeaderClass === undefined ? undefined : HEADER_CODECS[java.customHeaderClass];
  if (java.customHeaderClass !== undefined) {
    it(`has a typed header codec for ${java.customHeaderClass}`, () => {
      expect(codec).toBeDefined();
    });
  }
  if (codec !== undefined && java.customHeader !== undefined) {
    const javaHeader = java.customHeader;

    it('decodes the typed header to the values Java decodes', () => {
      const decoded = codec.decode(decodeCommand(bytes.subarray(4)).extFields) as Record<string, unknown>;
      expect(byExtKey(codec, decoded)).toEqual(javaHeader);
    });

    it('encodes the typed header to the extFields Java sent', () => {
      const decoded = codec.decode(java.extFields);
      expect(codec.encode(decoded)).toEqual(java.extFields);
    });
  }
});

/** A decoded typed header keyed by extFields key, as the manifest keys Java's fields. */
function byExtKey(codec: HeaderCodec<HeaderFields>, header: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [property, field] of Object.entries(codec.fields)) {
    if (header[property] !== undefined) out[field.key ?? property] = header[property];
  }
  return out;
}
