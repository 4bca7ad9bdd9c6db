import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { ConsumerFilterManager } from './consumer-filter-manager';
import { compileSql92, type Sql92Filter } from './sql92-compiler';
import { Sql92ParseError } from './sql92-node-builder';

/** What a pull names about its SQL92 subscription. */
export interface PullSqlSubscription {
  topic: string;
  consumerGroup: string;
  expression: string;
  subVersion: number;
  /** True when the pull carries its subscription (FLAG_SUBSCRIPTION): compile it here. */
  fromRequest: boolean;
}

/**
 * The compiled SQL92 filter a pull uses (store-and-broker §14.1 pull checks): compiled from
 * the request when it carries the subscription (SUBSCRIPTION_PARSE_FAILED if it does not
 * compile), else the heartbeat-registered one (FILTER_DATA_NOT_EXIST / FILTER_DATA_NOT_LATEST).
 */
export function resolvePullSqlFilter(filters: ConsumerFilterManager, pull: PullSqlSubscription): Sql92Filter {
  if (pull.fromRequest) {
    try {
      return compileSql92(pull.expression);
    } catch (error) {
      if (!(error instanceof Sql92ParseError)) throw error;
      throw new MQError(ResponseCode.SUBSCRIPTION_PARSE_FAILED, `parse the consumer's subscription failed: ${error.message}`);
    }
  }
  const registered = filters.get(pull.topic, pull.consumerGroup);
  if (!registered) {
    throw new MQError(ResponseCode.FILTER_DATA_NOT_EXIST, "The broker's consumer filter data is not exist!Your expression may be wrong!");
  }
  if (registered.clientVersion < pull.subVersion) {
    throw new MQError(
      ResponseCode.FILTER_DATA_NOT_LATEST,
      `the consumer's consumer filter data not latest, ${registered.clientVersion} < ${pull.subVersion}`,
    );
  }
  return registered.filter;
}
