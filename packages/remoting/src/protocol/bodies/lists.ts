import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, list, map, prop } from '../json/body-schema';

/** Topic names (GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_TOPICS_BY_CLUSTER, QUERY_TOPICS_BY_CONSUMER, …). */
export const TopicList = bodyCodec(
  bean('TopicList', {
    topicList: prop(list('string'), []),
    brokerAddr: prop('string'),
  }),
);
/** A decoded TopicList. */
export type TopicList = BodyOf<typeof TopicList>;

/** Group names (QUERY_TOPIC_CONSUME_BY_WHO). */
export const GroupList = bodyCodec(bean('GroupList', { groupList: prop(list('string'), []) }));
/** A decoded GroupList. */
export type GroupList = BodyOf<typeof GroupList>;

/** String table (GET_KVLIST_BY_NAMESPACE, GET_BROKER_RUNTIME_INFO, REGISTER_BROKER response). */
export const KVTable = bodyCodec(bean('KVTable', { table: prop(map('string', 'string'), {}) }));
/** A decoded KVTable. */
export type KVTable = BodyOf<typeof KVTable>;

/** GET_CONSUMER_LIST_BY_GROUP response body. */
export const GetConsumerListByGroupResponseBody = bodyCodec(
  bean('GetConsumerListByGroupResponseBody', { consumerIdList: prop(list('string'), []) }),
);
/** A decoded GetConsumerListByGroupResponseBody. */
export type GetConsumerListByGroupResponseBody = BodyOf<typeof GetConsumerListByGroupResponseBody>;
