import { CommonErrorCode, MQError } from '@mq/common';
import {
  ClusterInfo,
  DataVersion as DataVersionBody,
  KVTable,
  RegisterBrokerBody,
  TopicConfigSerializeWrapper,
  TopicList,
  TopicRouteData,
} from '@mq/remoting';
import type { DataVersion, QueueEntry, RegisteredTopicConfig } from '../route/route-types';

/** The name server's body encodings, over the protocol catalogue's codecs. */

/** First broker version (`V3_0_11`) whose REGISTER_BROKER body is a RegisterBrokerBody. */
const REGISTER_BROKER_BODY_VERSION = 37;

/** What a REGISTER_BROKER body tells the route table. */
export interface RegistrationBody {
  dataVersion: DataVersion;
  topicConfigs: RegisteredTopicConfig[];
  filterServerList?: string[];
}

/**
 * Decodes a REGISTER_BROKER body: a RegisterBrokerBody from brokers at version ≥ 37, a bare
 * TopicConfigSerializeWrapper from older ones; no body means no topics at version 0.
 * @throws MQError SYSTEM_ERROR when the body does not decode (compressed bodies included).
 */
export function decodeRegistrationBody(body: Buffer | undefined, compressed: boolean, version: number): RegistrationBody {
  if (!body || body.length === 0) return { dataVersion: { counter: 0, stateVersion: 0, timestamp: 0 }, topicConfigs: [] };
  try {
    if (compressed) throw new Error('compressed registration bodies (compressedRegister=true) are not supported');
    if (version < REGISTER_BROKER_BODY_VERSION) return fromWrapper(TopicConfigSerializeWrapper.decode(body));
    const decoded = RegisterBrokerBody.decode(body);
    return { ...fromWrapper(decoded.topicConfigSerializeWrapper), filterServerList: decoded.filterServerList };
  } catch (err) {
    throw new MQError(CommonErrorCode.SYSTEM_ERROR, `Failed to decode RegisterBrokerBody: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function fromWrapper(wrapper: TopicConfigSerializeWrapper | undefined): RegistrationBody {
  const dataVersion = wrapper?.dataVersion ?? { counter: 0, stateVersion: 0, timestamp: 0 };
  const topicConfigs = Object.entries(wrapper?.topicConfigTable ?? {}).map(([name, config]) => ({
    topicName: config.topicName ?? name,
    readQueueNums: config.readQueueNums,
    writeQueueNums: config.writeQueueNums,
    perm: config.perm,
    topicSysFlag: config.topicSysFlag,
  }));
  return { dataVersion, topicConfigs };
}

/** Decodes a DataVersion body (QUERY_DATA_VERSION). */
export function decodeDataVersion(body: Buffer): DataVersion {
  return DataVersionBody.decode(body);
}

/** Encodes a DataVersion body. */
export function encodeDataVersion(version: DataVersion): Buffer {
  return DataVersionBody.encode(version);
}

/** The queue data of a TopicRouteData body (REGISTER_TOPIC_IN_NAMESRV); entries without a broker name are skipped. */
export function decodeRouteQueueDatas(body: Buffer): QueueEntry[] {
  return TopicRouteData.decode(body).queueDatas.filter((queueData): queueData is QueueEntry => queueData.brokerName !== undefined);
}

/** A route body in Java's default form, or standard JSON (§4.3). */
export function encodeTopicRouteData(route: TopicRouteData, standardJson: boolean): Buffer {
  return TopicRouteData.encode(route, standardJson ? 'standard' : 'java');
}

/** A ClusterInfo body (always bare numeric keys). */
export function encodeClusterInfo(info: ClusterInfo): Buffer {
  return ClusterInfo.encode(info);
}

/** A TopicList body. */
export function encodeTopicList(topicList: TopicList): Buffer {
  return TopicList.encode(topicList);
}

/** A KVTable body. */
export function encodeKVTable(table: ReadonlyMap<string, string>): Buffer {
  return KVTable.encode({ table: Object.fromEntries(table) });
}
