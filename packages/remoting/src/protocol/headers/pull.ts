import { defineHeader, HeaderOf, optional, required } from '../header-codec';
import { TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * PULL_MESSAGE (11) / LITE_PULL_MESSAGE (361) request header (§7.1). `sysFlag` holds the
 * PullSysFlag bits; `subscription` is needed only with the SUBSCRIPTION bit (0x4).
 */
export const PullMessageRequestHeader = defineHeader('PullMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  queueOffset: required('long'),
  maxMsgNums: required('int'),
  sysFlag: required('int'),
  commitOffset: required('long'),
  suspendTimeoutMillis: required('long'),
  subscription: optional('string'),
  subVersion: required('long'),
  expressionType: optional('string'),
  maxMsgBytes: optional('int'),
  requestSource: optional('int'),
  /** Sic: the Java field name is misspelled. */
  proxyFrowardClientId: optional('string'),
});
/** A decoded pull request header. */
export type PullMessageRequestHeader = HeaderOf<typeof PullMessageRequestHeader.fields>;

/**
 * Pull response header (§7.3). The Java client unboxes the four required fields for codes
 * 0/19/20/21, so a broker MUST always send them.
 */
export const PullMessageResponseHeader = defineHeader('PullMessageResponseHeader', {
  suggestWhichBrokerId: required('long'),
  nextBeginOffset: required('long'),
  minOffset: required('long'),
  maxOffset: required('long'),
  offsetDelta: optional('long'),
  topicSysFlag: optional('int'),
  groupSysFlag: optional('int'),
  forbiddenType: optional('int'),
});
/** A decoded pull response header. */
export type PullMessageResponseHeader = HeaderOf<typeof PullMessageResponseHeader.fields>;
