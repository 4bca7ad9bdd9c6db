import type { Admin, ConsumerProgress } from '@mq/client';
import { getLogger, isPopRetryTopicV2, isRetryTopic, MQError, POP_RETRY_SEPARATOR_V2, RETRY_GROUP_TOPIC_PREFIX } from '@mq/common';
import { ResponseCode, type ConsumeType, type ConsumerConnection, type MessageModel } from '@mq/remoting';
import { frontStringAtLeast, javaFormat, javaString } from '../format/java-format';
import { mqVersionDesc } from '../format/version';

const log = getLogger('ConsumerProgress');

/** One consumer group as `consumerProgress` without `-g` lists it. */
export interface GroupConsumeSummary {
  group: string;
  /** Online clients; 0 when the group is offline. */
  count: number;
  /** The lowest MQVersion ordinal among the online clients; absent when offline. */
  version?: number;
  /** Absent when offline. */
  consumeType?: ConsumeType;
  /** Absent when offline. */
  messageModel?: MessageModel;
  /** Consume TPS over every broker, truncated to an integer like mqadmin's. */
  consumeTps: number;
  /** Sum of `brokerOffset - consumerOffset` over every queue, unclamped like mqadmin's. */
  diffTotal: number;
}

const ROW_FORMAT = '%-64s  %-6d  %-24s %-5s  %-14s  %-7d  %d%n';

/**
 * The group a `%RETRY%` topic belongs to (Java's `KeyBuilder.parseGroup`): the part before
 * `+` for a V2 POP retry topic, otherwise everything after the prefix.
 */
export function groupOfRetryTopic(retryTopic: string): string {
  const parts = retryTopic.split(POP_RETRY_SEPARATOR_V2);
  const named = isPopRetryTopicV2(retryTopic) && parts.length === 2 ? parts[0]! : retryTopic;
  return named.slice(RETRY_GROUP_TOPIC_PREFIX.length);
}

/**
 * Every consumer group the cluster knows, found like mqadmin does through the `%RETRY%` topics
 * of the name server's topic list, in that list's order, each with its connections and stats.
 */
export async function collectGroupConsumeSummaries(admin: Admin): Promise<GroupConsumeSummary[]> {
  const groups = (await admin.topicList()).filter(isRetryTopic).map(groupOfRetryTopic);
  const summaries: GroupConsumeSummary[] = [];
  for (const group of groups) {
    const [progress, connection] = await Promise.all([
      admin.consumerProgress(group).catch((error: unknown) => skipped(group, 'consume stats', error)),
      admin.consumerConnections(group).catch((error: unknown) => skipped(group, 'consumer connections', error)),
    ]);
    summaries.push(summarizeGroup(group, progress, connection));
  }
  return summaries;
}

/** A group's row from what its brokers answered; either part may be missing. */
export function summarizeGroup(group: string, progress: ConsumerProgress | undefined, connection: ConsumerConnection | undefined): GroupConsumeSummary {
  const summary: GroupConsumeSummary = {
    group,
    count: 0,
    consumeTps: Math.trunc(progress?.consumeTps ?? 0),
    diffTotal: progress?.queues.reduce((sum, queue) => sum + queue.brokerOffset - queue.consumerOffset, 0) ?? 0,
  };
  const clients = connection?.connectionSet ?? [];
  if (clients.length === 0) return summary;
  return {
    ...summary,
    count: clients.length,
    version: Math.min(...clients.map((client) => client.version)),
    consumeType: connection?.consumeType,
    messageModel: connection?.messageModel,
  };
}

/** `consumerProgress` without `-g` in mqadmin's layout: one row per group, `OFFLINE` without clients. */
export function formatGroupConsumeSummaries(summaries: readonly GroupConsumeSummary[]): string {
  const lines = [javaFormat('%-64s  %-6s  %-24s %-5s  %-14s  %-7s  %s%n', '#Group', '#Count', '#Version', '#Type', '#Model', '#TPS', '#Diff Total')];
  for (const summary of summaries) {
    const online = summary.count > 0;
    lines.push(
      javaFormat(
        ROW_FORMAT,
        frontStringAtLeast(summary.group, 64),
        summary.count,
        online ? mqVersionDesc(summary.version ?? 0) : 'OFFLINE',
        online ? consumeTypeDesc(summary.consumeType) : '',
        online && summary.consumeType === 'CONSUME_PASSIVELY' ? javaString(summary.messageModel) : '',
        summary.consumeTps,
        summary.diffTotal,
      ),
    );
  }
  return lines.join('');
}

/** mqadmin prints PULL for CONSUME_ACTIVELY and PUSH for every other consume type. */
function consumeTypeDesc(consumeType: ConsumeType | undefined): string {
  return consumeType === 'CONSUME_ACTIVELY' ? 'PULL' : 'PUSH';
}

/** An offline group is expected (its broker answers CONSUMER_NOT_ONLINE); anything else is worth a warning. */
function skipped(group: string, what: string, error: unknown): undefined {
  if (error instanceof MQError && error.code === ResponseCode.CONSUMER_NOT_ONLINE) return undefined;
  log.warn({ group, err: error }, `could not read the ${what} of consumer group ${group}; its row shows what was read`);
  return undefined;
}
