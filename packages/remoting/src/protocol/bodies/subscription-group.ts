import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, list, map, prop } from '../json/body-schema';
import { DataVersion } from './topic-config';

/** A 5.x subscription entry of a group config. */
export const SimpleSubscriptionData = bodyCodec(
  bean('SimpleSubscriptionData', {
    expression: prop('string'),
    expressionType: prop('string'),
    topic: prop('string'),
    version: prop('long', 0),
  }),
);
/** A decoded SimpleSubscriptionData. */
export type SimpleSubscriptionData = BodyOf<typeof SimpleSubscriptionData>;

/** 5.x retry policy of a group; the policy details are kept as raw JSON. */
export const GroupRetryPolicy = bodyCodec(
  bean('GroupRetryPolicy', {
    customizedRetryPolicy: prop('json'),
    exponentialRetryPolicy: prop('json'),
    type: prop('string'),
  }),
);
/** A decoded GroupRetryPolicy. */
export type GroupRetryPolicy = BodyOf<typeof GroupRetryPolicy>;

/** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP body, with Java's defaults (§4.4); the last six properties are 5.x. */
export const SubscriptionGroupConfig = bodyCodec(
  bean('SubscriptionGroupConfig', {
    groupName: prop('string'),
    consumeEnable: prop('boolean', true),
    consumeFromMinEnable: prop('boolean', true),
    consumeBroadcastEnable: prop('boolean', true),
    retryQueueNums: prop('int', 1),
    retryMaxTimes: prop('int', 16),
    brokerId: prop('long', 0),
    whichBrokerWhenConsumeSlowly: prop('long', 1),
    notifyConsumerIdsChangedEnable: prop('boolean', true),
    consumeMessageOrderly: prop('boolean', false),
    groupRetryPolicy: prop(GroupRetryPolicy.type),
    groupSysFlag: prop('int', 0),
    consumeTimeoutMinute: prop('int', 15),
    subscriptionDataSet: prop(list(SimpleSubscriptionData.type)),
    attributes: prop(map('string', 'string'), {}),
  }),
);
/** A decoded SubscriptionGroupConfig. */
export type SubscriptionGroupConfig = BodyOf<typeof SubscriptionGroupConfig>;

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG body; `forbiddenTable` (group → topic → flags) is 5.x. */
export const SubscriptionGroupWrapper = bodyCodec(
  bean('SubscriptionGroupWrapper', {
    subscriptionGroupTable: prop(map('string', SubscriptionGroupConfig.type), {}),
    forbiddenTable: prop(map('string', map('string', 'int'))),
    dataVersion: prop(DataVersion.type),
  }),
);
/** A decoded SubscriptionGroupWrapper. */
export type SubscriptionGroupWrapper = BodyOf<typeof SubscriptionGroupWrapper>;
