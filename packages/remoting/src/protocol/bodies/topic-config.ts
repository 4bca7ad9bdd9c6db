import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, enumOf, list, map, prop } from '../json/body-schema';
import { TopicQueueMappingInfo } from './route';

/** Version stamp of broker metadata; `stateVersion` is 5.x. */
export const DataVersion = bodyCodec(
  bean('DataVersion', {
    counter: prop('long', 0),
    stateVersion: prop('long', 0),
    timestamp: prop('long', 0),
  }),
);
/** A decoded DataVersion. */
export type DataVersion = BodyOf<typeof DataVersion>;

/** TopicFilterType constants, in Java ordinal order. */
export const TOPIC_FILTER_TYPES = ['SINGLE_TAG', 'MULTI_TAG'] as const;
/** Whether a topic's messages carry one tag or several. */
export type TopicFilterType = (typeof TOPIC_FILTER_TYPES)[number];

const TOPIC_CONFIG_PROPS = {
  attributes: prop(map('string', 'string'), {}),
  order: prop('boolean', false),
  perm: prop('int', 6),
  readQueueNums: prop('int', 16),
  topicFilterType: prop(enumOf(TOPIC_FILTER_TYPES), 'SINGLE_TAG'),
  topicName: prop('string'),
  topicSysFlag: prop('int', 0),
  writeQueueNums: prop('int', 16),
} as const;

/** A topic's configuration on a broker (Java defaults: 16/16 queues, perm 6, SINGLE_TAG); `attributes` is 5.x. */
export const TopicConfig = bodyCodec(bean('TopicConfig', TOPIC_CONFIG_PROPS));
/** A decoded TopicConfig. */
export type TopicConfig = BodyOf<typeof TopicConfig>;

/** GET_TOPIC_CONFIG (351) body: a TopicConfig plus the static-topic `mappingDetail` (absent for normal topics). */
export const TopicConfigAndQueueMapping = bodyCodec(
  bean('TopicConfigAndQueueMapping', { ...TOPIC_CONFIG_PROPS, mappingDetail: prop('json') }),
);
/** A decoded TopicConfigAndQueueMapping. */
export type TopicConfigAndQueueMapping = BodyOf<typeof TopicConfigAndQueueMapping>;

/**
 * A broker's topic table (GET_ALL_TOPIC_CONFIG, inside RegisterBrokerBody). The `mapping*` and
 * `topicQueueMapping*` properties belong to the 5.x subclass TopicConfigAndMappingSerializeWrapper,
 * which 5.x brokers always send.
 */
export const TopicConfigSerializeWrapper = bodyCodec(
  bean('TopicConfigSerializeWrapper', {
    dataVersion: prop(DataVersion.type),
    topicConfigTable: prop(map('string', TopicConfig.type), {}),
    mappingDataVersion: prop(DataVersion.type),
    topicQueueMappingDetailMap: prop(map('string', 'json')),
    topicQueueMappingInfoMap: prop(map('string', TopicQueueMappingInfo.type)),
  }),
);
/** A decoded TopicConfigSerializeWrapper. */
export type TopicConfigSerializeWrapper = BodyOf<typeof TopicConfigSerializeWrapper>;

/** REGISTER_BROKER body (uncompressed form; request version ≥ 37). */
export const RegisterBrokerBody = bodyCodec(
  bean('RegisterBrokerBody', {
    filterServerList: prop(list('string'), []),
    topicConfigSerializeWrapper: prop(TopicConfigSerializeWrapper.type),
  }),
);
/** A decoded RegisterBrokerBody. */
export type RegisterBrokerBody = BodyOf<typeof RegisterBrokerBody>;
