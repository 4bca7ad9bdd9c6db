/** Group names RocketMQ itself uses (Java's `MixAll` group constants). */
export const SystemGroup = {
  DEFAULT_PRODUCER: 'DEFAULT_PRODUCER',
  DEFAULT_CONSUMER: 'DEFAULT_CONSUMER',
  TOOLS_CONSUMER: 'TOOLS_CONSUMER',
  SCHEDULE_CONSUMER: 'SCHEDULE_CONSUMER',
  FILTERSRV_CONSUMER: 'FILTERSRV_CONSUMER',
  MONITOR_CONSUMER: '__MONITOR_CONSUMER',
  CLIENT_INNER_PRODUCER: 'CLIENT_INNER_PRODUCER',
  SELF_TEST_PRODUCER: 'SELF_TEST_P_GROUP',
  SELF_TEST_CONSUMER: 'SELF_TEST_C_GROUP',
  ONS_HTTP_PROXY: 'CID_ONS-HTTP-PROXY',
  ONSAPI_PERMISSION: 'CID_ONSAPI_PERMISSION',
  ONSAPI_OWNER: 'CID_ONSAPI_OWNER',
  ONSAPI_PULL: 'CID_ONSAPI_PULL',
  /** Holds the offsets of the transaction half and op queues. */
  TRANSACTION: 'CID_RMQ_SYS_TRANS',
  /** 5.x POP revive consumer. */
  REVIVE: 'CID_RMQ_SYS_REVIVE_GROUP',
} as const;

/** Groups with this prefix are system groups, auto-created even when group auto-creation is off. */
export const SYSTEM_GROUP_PREFIX = 'CID_RMQ_SYS_';

/** Java's `MixAll.PREDEFINE_GROUP_SET`. */
export const PREDEFINED_GROUPS: ReadonlySet<string> = new Set([
  SystemGroup.DEFAULT_CONSUMER,
  SystemGroup.DEFAULT_PRODUCER,
  SystemGroup.TOOLS_CONSUMER,
  SystemGroup.SCHEDULE_CONSUMER,
  SystemGroup.FILTERSRV_CONSUMER,
  SystemGroup.MONITOR_CONSUMER,
  SystemGroup.CLIENT_INNER_PRODUCER,
  SystemGroup.SELF_TEST_PRODUCER,
  SystemGroup.SELF_TEST_CONSUMER,
  SystemGroup.ONS_HTTP_PROXY,
  SystemGroup.ONSAPI_PERMISSION,
  SystemGroup.ONSAPI_OWNER,
  SystemGroup.ONSAPI_PULL,
  SystemGroup.TRANSACTION,
]);

/** Subscription groups a broker creates at start (store spec §11.4). */
export const BUILT_IN_SUBSCRIPTION_GROUPS: readonly string[] = [
  SystemGroup.TOOLS_CONSUMER,
  SystemGroup.FILTERSRV_CONSUMER,
  SystemGroup.SELF_TEST_CONSUMER,
  SystemGroup.ONS_HTTP_PROXY,
  SystemGroup.ONSAPI_PULL,
  SystemGroup.ONSAPI_PERMISSION,
  SystemGroup.ONSAPI_OWNER,
  SystemGroup.TRANSACTION,
];

/** Java's `MixAll.isSysConsumerGroup`: the `CID_RMQ_SYS_` prefix. */
export function isSysConsumerGroup(group: string): boolean {
  return group.startsWith(SYSTEM_GROUP_PREFIX);
}

export function isPredefinedGroup(group: string): boolean {
  return PREDEFINED_GROUPS.has(group);
}
