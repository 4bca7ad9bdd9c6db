import { inflateSync } from 'node:zlib';
import {
  ClusterInfo,
  compareMessageQueues,
  ConsumeStats,
  decodeCompressedRegisterBrokerBody,
  encodeCompressedRegisterBrokerBody,
  HeartbeatData,
  KVTable,
  LockBatchRequestBody,
  MQVersion,
  RegisterBrokerBody,
  TopicConfigSerializeWrapper,
  TopicList,
  TopicRouteData,
  type BodyCodec,
  type BeanProps,
} from '@mq/remoting';
import { goldenEntries, goldenFile, type JsonBodyEntry } from './golden-manifest';

/**
 * JSON bodies written by Java's RemotingSerializable.encode() (fastjson 1: bare numeric map
 * keys, MessageQueue objects as keys), the name server's standard-JSON route data, and the
 * compressed REGISTER_BROKER body. Ours must read what Java reads and, given Java's entry
 * order, write Java's bytes.
 */

const CODECS: Readonly<Record<string, BodyCodec<BeanProps>>> = {
  ClusterInfo,
  ConsumeStats,
  HeartbeatData,
  KVTable,
  LockBatchRequestBody,
  RegisterBrokerBody,
  TopicConfigSerializeWrapper,
  TopicList,
  TopicRouteData,
};

function codecOf(entry: JsonBodyEntry): BodyCodec<BeanProps> {
  const codec = CODECS[entry.javaClass.slice(entry.javaClass.lastIndexOf('.') + 1)];
  if (codec === undefined) throw new Error(`no body codec for ${entry.javaClass}`);
  return codec;
}

/**
 * A decoded body in the manifest's standard-JSON shape: numeric keys become strings (as JSON
 * does anyway) and MessageQueue-keyed maps become `{key, value}` entries in Java's queue order.
 */
function standardShape(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isQueueEntry)) {
      return [...value]
        .sort(([a], [b]) => compareMessageQueues(a, b))
        .map(([key, entryValue]) => ({ key: standardShape(key), value: standardShape(entryValue) }));
    }
    return value.map(standardShape);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entryValue]) => [key, standardShape(entryValue)]));
  }
  return value;
}

type QueueKey = Parameters<typeof compareMessageQueues>[0];

function isQueueEntry(item: unknown): item is [QueueKey, unknown] {
  return Array.isArray(item) && item.length === 2 && typeof item[0] === 'object' && item[0] !== null && 'queueId' in item[0];
}

describe.each(goldenEntries('json-body').map((entry) => [entry.file, entry] as const))('golden body %s', (file, entry) => {
  const bytes = goldenFile(file);
  const codec = codecOf(entry);

  it('decodes to what Java decodes', () => {
    expect(standardShape(codec.decode(bytes))).toEqual(entry.expected);
  });

  const javaStyle = entry.style;
  const otherStyle = javaStyle === 'java' ? 'standard' : 'java';

  // Decoding keeps entries in the order Java wrote them (HashMap order included), so the
  // re-encoded text must be Java's exactly.
  it(`re-encodes byte for byte in the style Java used (${javaStyle})`, () => {
    expect(codec.encode(codec.decode(bytes), javaStyle).toString('utf8')).toBe(bytes.toString('utf8'));
  });

  it(`re-encodes in the ${otherStyle} style to a body that decodes the same`, () => {
    const decoded = codec.decode(bytes);
    expect(standardShape(codec.decode(codec.encode(decoded, otherStyle)))).toEqual(standardShape(decoded));
  });
});

describe('golden compressed RegisterBrokerBody', () => {
  const [entry] = goldenEntries('register-broker-body-compressed');
  const bytes = goldenFile(entry!.file);

  it('decodes to what Java decodes (order and topicSysFlag are not carried: Java reads the defaults)', () => {
    const decoded = decodeCompressedRegisterBrokerBody(bytes);
    expect(standardShape(decoded)).toEqual(entry!.expected);
  });

  // Only the inflated stream can match: Node's bundled zlib (Chromium's fork) deflates
  // differently from the system zlib Java uses at level 9. Any valid stream inflates in Java.
  it('re-encodes to the same inflated stream', () => {
    const ours = encodeCompressedRegisterBrokerBody(decodeCompressedRegisterBrokerBody(bytes), MQVersion.CURRENT_VERSION);
    expect(inflateSync(ours).toString('base64')).toBe(entry!.inflated.base64);
  });
});
