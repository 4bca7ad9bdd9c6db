import { BrokerStatsName, type Admin, type BrokerStatsData } from '@mq/client';
import { isDLQTopic, isRetryTopic } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { optionalString } from '../cli/args';
import { masterAddress } from '../cli/targets';
import { frontStringAtLeast, javaFormat } from '../format/java-format';

/** One `statsAll` row: a topic and one of its consumer groups (no group: `NO_CONSUMER`). */
export interface TopicGroupStats {
  topic: string;
  group?: string;
  accumulation: number;
  inTps: number;
  outTps: number;
  inMsg24Hour: number;
  outMsg24Hour: number;
}

/** Java's `compute24HourSum`: the day's sum, else the hour's, else the minute's. */
export function compute24HourSum(stats: BrokerStatsData): number {
  return [stats.statsDay, stats.statsHour, stats.statsMinute].map((item) => item?.sum ?? 0).find((sum) => sum !== 0) ?? 0;
}

/** `statsAll` in mqadmin's layout. */
export function formatStatsAll(rows: readonly TopicGroupStats[]): string {
  const header = javaFormat('%-64s  %-64s %12s %11s %11s %14s %14s%n', '#Topic', '#Consumer Group', '#Accumulation', '#InTPS', '#OutTPS', '#InMsg24Hour', '#OutMsg24Hour');
  const lines = rows.map((row) =>
    row.group === undefined
      ? javaFormat('%-64s  %-64s %12d %11.2f %11s %14d %14s%n', frontStringAtLeast(row.topic, 64), '', 0, row.inTps, '', row.inMsg24Hour, 'NO_CONSUMER')
      : javaFormat('%-64s  %-64s %12d %11.2f %11.2f %14d %14d%n', frontStringAtLeast(row.topic, 64), frontStringAtLeast(row.group, 64), row.accumulation, row.inTps, row.outTps, row.inMsg24Hour, row.outMsg24Hour),
  );
  return header + lines.join('');
}

/** Sums one statistic over the masters; like mqadmin, a broker without the statistic counts as zero. */
async function sumStats(admin: Admin, masters: readonly string[], statsName: string, statsKey: string): Promise<{ tps: number; sum24h: number }> {
  let tps = 0;
  let sum24h = 0;
  for (const addr of masters) {
    const stats = await admin.viewBrokerStatsData(addr, statsName, statsKey).catch(() => undefined);
    tps += stats?.statsMinute?.tps ?? 0;
    sum24h += stats ? compute24HourSum(stats) : 0;
  }
  return { tps, sum24h };
}

async function topicRows(admin: Admin, topic: string, activeOnly: boolean): Promise<TopicGroupStats[]> {
  const masters = (await admin.topicRoute(topic)).brokerDatas.map(masterAddress).filter((addr): addr is string => addr !== undefined);
  const groups = await admin.queryTopicConsumeByWho(topic).catch(() => [] as string[]);
  const put = await sumStats(admin, masters, BrokerStatsName.TOPIC_PUT_NUMS, topic);
  const base = { topic, accumulation: 0, inTps: put.tps, outTps: 0, inMsg24Hour: put.sum24h, outMsg24Hour: 0 };
  if (groups.length === 0) return activeOnly && put.sum24h === 0 ? [] : [base];
  const rows: TopicGroupStats[] = [];
  for (const group of groups) {
    const get = await sumStats(admin, masters, BrokerStatsName.GROUP_GET_NUMS, `${topic}@${group}`);
    const accumulation = await admin.consumerProgress(group, topic).then((progress) => progress.totalLag, () => 0);
    if (!activeOnly || put.sum24h > 0 || get.sum24h > 0) rows.push({ ...base, group, accumulation, outTps: get.tps, outMsg24Hour: get.sum24h });
  }
  return rows;
}

/** `mqadmin statsAll`: put/get TPS and 24-hour counts per topic and consumer group (VIEW_BROKER_STATS_DATA, GET_CONSUME_STATS). */
export const statsAllCommand: AdminCommand = {
  name: 'statsAll',
  description: 'Topic and Consumer tps stats.',
  options: [
    { flags: '-a, --activeTopic', description: 'print active topic only' },
    { flags: '-t, --topic <topic>', description: 'print select topic only' },
  ],
  async run({ admin }, options) {
    const selected = optionalString(options, 'topic');
    const topics = selected !== undefined ? [selected] : (await admin.topicList()).filter((topic) => !isRetryTopic(topic) && !isDLQTopic(topic));
    const rows: TopicGroupStats[] = [];
    for (const topic of topics) rows.push(...(await topicRows(admin, topic, options.activeTopic === true)));
    return { data: rows, text: formatStatsAll(rows) };
  },
};
