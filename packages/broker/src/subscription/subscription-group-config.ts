/**
 * A consumer group's settings, as Java's `SubscriptionGroupConfig` (5.x): fields in fastjson's
 * alphabetical order, the way `subscriptionGroup.json` holds them.
 */
export interface SubscriptionGroupConfig {
  attributes: Record<string, string>;
  brokerId: number;
  consumeBroadcastEnable: boolean;
  consumeEnable: boolean;
  consumeFromMinEnable: boolean;
  consumeMessageOrderly: boolean;
  consumeTimeoutMinute: number;
  groupName: string;
  groupRetryPolicy: { type: string } & Record<string, unknown>;
  groupSysFlag: number;
  notifyConsumerIdsChangedEnable: boolean;
  retryMaxTimes: number;
  retryQueueNums: number;
  whichBrokerWhenConsumeSlowly: number;
}

/** RocketMQ's defaults for a new group. */
export function newSubscriptionGroupConfig(groupName: string): SubscriptionGroupConfig {
  return {
    attributes: {},
    brokerId: 0,
    consumeBroadcastEnable: true,
    consumeEnable: true,
    consumeFromMinEnable: true,
    consumeMessageOrderly: false,
    consumeTimeoutMinute: 15,
    groupName,
    groupRetryPolicy: { type: 'CUSTOMIZED' },
    groupSysFlag: 0,
    notifyConsumerIdsChangedEnable: true,
    retryMaxTimes: 16,
    retryQueueNums: 1,
    whichBrokerWhenConsumeSlowly: 1,
  };
}

/** Reads a group from JSON over the defaults, tolerating 4.9 files and unknown keys. */
export function subscriptionGroupConfigFromJson(
  groupName: string,
  json: Partial<SubscriptionGroupConfig>,
): SubscriptionGroupConfig {
  const config = newSubscriptionGroupConfig(json.groupName ?? groupName);
  for (const key of Object.keys(config) as (keyof SubscriptionGroupConfig)[]) {
    if (json[key] !== undefined && json[key] !== null) (config as unknown as Record<string, unknown>)[key] = json[key];
  }
  return config;
}
