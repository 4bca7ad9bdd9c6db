import { deflateSync, inflateSync, constants as zlib } from 'node:zlib';
import { crc32, MQError } from '@mq/common';
import { ResponseCode } from '../response-code';
import { writeJavaJson } from '../json/java-json-writer';
import { decodeJson } from '../json/body-decoder';
import { JsonValue, parseJavaJson } from '../json/java-json-reader';
import { BodyInit } from '../json/body-codec';
import { list } from '../json/body-schema';
import { parseJavaInt } from '../java-values';
import { DataVersion, RegisterBrokerBody, TOPIC_FILTER_TYPES, TopicConfig } from './topic-config';
import { TopicQueueMappingInfo } from './route';

/**
 * The compressed REGISTER_BROKER body (`compressed=true`, §9.1; honoured by 4.9.x name
 * servers only): a zlib stream at best compression holding int32-length-prefixed items —
 * the DataVersion JSON, a topic count and each TopicConfig's space-separated text form, the
 * filter server list JSON, and (broker version ≥ 413) a mapping count and each
 * TopicQueueMappingInfo JSON.
 *
 * The text form keeps name, queue counts, perm, filter type and (5.x) attributes; `order` and
 * `topicSysFlag` are not carried, as in Java.
 */

/** The first broker version (MQVersion ordinal) whose compressed body carries the mapping section. */
export const COMPRESSED_MAPPING_MIN_VERSION = 413;

const STRING_LIST = list('string');

/** `bodyCrc32` of a REGISTER_BROKER request: CRC-32 of the body bytes, masked to 31 bits. */
export function registerBrokerBodyCrc32(body: Uint8Array): number {
  return crc32(body);
}

/** Builds the compressed body; the mapping section is written for broker versions ≥ 413. */
export function encodeCompressedRegisterBrokerBody(
  body: BodyInit<typeof RegisterBrokerBody>,
  brokerVersion: number,
): Buffer {
  const wrapper = body.topicConfigSerializeWrapper ?? {};
  const items: Buffer[] = [lengthPrefixed(DataVersion.toJson(wrapper.dataVersion ?? {}))];
  const topics = Object.values(wrapper.topicConfigTable ?? {});
  items.push(int32(topics.length), ...topics.map((topic) => lengthPrefixed(topicConfigText(topic))));
  items.push(lengthPrefixed(writeJavaJson(STRING_LIST, body.filterServerList ?? [])));
  if (brokerVersion >= COMPRESSED_MAPPING_MIN_VERSION) {
    const mappings = Object.values(wrapper.topicQueueMappingInfoMap ?? {});
    items.push(int32(mappings.length), ...mappings.map((info) => lengthPrefixed(TopicQueueMappingInfo.toJson(info))));
  }
  return deflateSync(Buffer.concat(items), { level: zlib.Z_BEST_COMPRESSION });
}

/**
 * Reads a compressed body back into a RegisterBrokerBody.
 * @throws MQError SYSTEM_ERROR when the stream does not inflate or an item is cut short.
 */
export function decodeCompressedRegisterBrokerBody(compressed: Uint8Array): RegisterBrokerBody {
  const reader = new ItemReader(inflate(compressed));
  const dataVersion = DataVersion.decode(reader.item());
  const topicConfigTable: Record<string, TopicConfig> = {};
  for (let count = reader.int32(); count > 0; count--) {
    const topic = parseTopicConfigText(reader.item().toString('utf8'));
    topicConfigTable[topic.topicName ?? ''] = topic;
  }
  const filterServerList = decodeJson(STRING_LIST, parseJavaJson(reader.item())) as string[];
  const topicQueueMappingInfoMap: Record<string, TopicQueueMappingInfo> = {};
  for (let count = reader.remaining() ? reader.int32() : 0; count > 0; count--) {
    const info = TopicQueueMappingInfo.decode(reader.item());
    topicQueueMappingInfoMap[info.topic ?? ''] = info;
  }
  return { filterServerList, topicConfigSerializeWrapper: { dataVersion, topicConfigTable, topicQueueMappingInfoMap } };
}

/** `TopicConfig.encode()`: `name read write perm filterType[ attributesJson]`. */
function topicConfigText(topic: BodyInit<typeof TopicConfig>): string {
  const config = withDefaults(topic);
  const attributes = writeJavaJson(TopicConfig.type.props.attributes.type, config.attributes);
  const { topicName, readQueueNums, writeQueueNums, perm, topicFilterType } = config;
  return [topicName, readQueueNums, writeQueueNums, perm, topicFilterType, attributes].join(' ');
}

function parseTopicConfigText(text: string): TopicConfig {
  const [topicName, read, write, perm, filterType, ...rest] = text.split(' ');
  const attributesJson = rest.join(' ');
  const knownFilterType = TOPIC_FILTER_TYPES.find((type) => type === filterType);
  return withDefaults({
    topicName,
    readQueueNums: intOrThrow(read, text),
    writeQueueNums: intOrThrow(write, text),
    perm: intOrThrow(perm, text),
    topicFilterType: knownFilterType,
    attributes: attributesJson ? parseJavaJson(attributesJson) : {},
  });
}

/** A TopicConfig with Java's defaults filled in and its values type-checked. */
function withDefaults(topic: BodyInit<typeof TopicConfig> | Record<string, JsonValue | undefined>): TopicConfig {
  return decodeJson(TopicConfig.type, topic as JsonValue) as TopicConfig;
}

function intOrThrow(text: string | undefined, line: string): number {
  const value = text === undefined ? undefined : parseJavaInt(text);
  if (value === undefined) throw corrupt(`bad topic config line ${JSON.stringify(line)}`);
  return value;
}

function inflate(compressed: Uint8Array): Buffer {
  try {
    return inflateSync(compressed);
  } catch (error) {
    throw new MQError(ResponseCode.SYSTEM_ERROR, `compressed register body does not inflate: ${String(error)}`);
  }
}

class ItemReader {
  private offset = 0;

  constructor(private readonly data: Buffer) {}

  remaining(): boolean {
    return this.offset < this.data.length;
  }

  int32(): number {
    if (this.offset + 4 > this.data.length) throw corrupt('truncated length');
    const value = this.data.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  item(): Buffer {
    const length = this.int32();
    if (length < 0 || this.offset + length > this.data.length) throw corrupt(`item of ${length} bytes overruns the body`);
    const item = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return item;
  }
}

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([int32(bytes.length), bytes]);
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

function corrupt(reason: string): MQError {
  return new MQError(ResponseCode.SYSTEM_ERROR, `compressed register body is corrupt: ${reason}`);
}
