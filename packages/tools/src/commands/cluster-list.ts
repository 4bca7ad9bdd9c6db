import type { Admin } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { optionalString } from '../cli/args';
import { clusterMembers, type ClusterMember } from '../cli/targets';
import { javaFormat } from '../format/java-format';

const BASE_FORMAT = '%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %11s  %-12s  %-8s  %10s%n';
const BASE_HEADER_FORMAT = '%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %-11s  %-12s  %-8s  %-10s%n';
const MORE_FORMAT = '%-16s  %-32s %14d %14d %14d %14d%n';
const MORE_HEADER_FORMAT = '%-16s  %-32s %14s %14s %14s %14s%n';

/** A broker process with its GET_BROKER_RUNTIME_INFO table (empty when the broker did not answer). */
export interface ClusterMemberStats extends ClusterMember {
  runtime: Readonly<Record<string, string>>;
}

function firstTps(value: string | undefined): number {
  const tps = Number((value ?? '').trim().split(' ')[0]);
  return Number.isFinite(tps) ? tps : 0;
}

function longStat(runtime: Readonly<Record<string, string>>, key: string): number {
  const value = Number(runtime[key]);
  return Number.isFinite(value) ? value : 0;
}

function timerProgress(runtime: Readonly<Record<string, string>>): string {
  const congest = longStat(runtime, 'timerCongestNum') / 10000;
  return `${longStat(runtime, 'timerReadBehind')}-${longStat(runtime, 'timerOffsetBehind')}(${congest.toFixed(1)}w, ${longStat(runtime, 'timerEnqueueTps').toFixed(1)}, ${longStat(runtime, 'timerDequeueTps').toFixed(1)})`;
}

/** `clusterList` in mqadmin's layout: version, TPS, timer progress, page-cache wait, stored hours, disk ratio, activation. */
export function formatClusterBaseInfo(members: readonly ClusterMemberStats[], now: number): string {
  const header = javaFormat(BASE_HEADER_FORMAT, '#Cluster Name', '#Broker Name', '#BID', '#Addr', '#Version', '#InTPS(LOAD)', '#OutTPS(LOAD)', '#Timer(Progress)', '#PCWait(ms)', '#Hour', '#SPACE', '#ACTIVATED');
  const rows = members.map(({ clusterName, brokerName, brokerId, addr, runtime }) => {
    const earliest = runtime.earliestMessageTimeStamp;
    const hours = earliest ? (now - Number(earliest)) / 3_600_000 : 0;
    return javaFormat(
      BASE_FORMAT,
      clusterName,
      brokerName,
      brokerId,
      addr,
      runtime.brokerVersionDesc ?? '',
      javaFormat('%9.2f(%s,%sms)', firstTps(runtime.putTps), runtime.sendThreadPoolQueueSize, runtime.sendThreadPoolQueueHeadWaitTimeMills),
      javaFormat('%9.2f(%s,%sms|%s,%sms)', firstTps(runtime.getTransferredTps), runtime.pullThreadPoolQueueSize, runtime.pullThreadPoolQueueHeadWaitTimeMills, runtime.ackThreadPoolQueueSize ?? 'N', runtime.ackThreadPoolQueueHeadWaitTimeMills ?? 'N'),
      timerProgress(runtime),
      runtime.pageCacheLockTimeMills,
      javaFormat('%2.2f', hours),
      javaFormat('%.4f', longStat(runtime, 'commitLogDiskRatio')),
      runtime.brokerActive === 'true',
    );
  });
  return header + rows.join('');
}

/** `clusterList -m`: messages in and out yesterday and today per broker process. */
export function formatClusterMoreStats(members: readonly ClusterMemberStats[]): string {
  const header = javaFormat(MORE_HEADER_FORMAT, '#Cluster Name', '#Broker Name', '#InTotalYest', '#OutTotalYest', '#InTotalToday', '#OutTotalToday');
  const rows = members.map(({ clusterName, brokerName, runtime }) => {
    const stat = (key: string): number => longStat(runtime, key);
    return javaFormat(
      MORE_FORMAT,
      clusterName,
      brokerName,
      stat('msgPutTotalTodayMorning') - stat('msgPutTotalYesterdayMorning'),
      stat('msgGetTotalTodayMorning') - stat('msgGetTotalYesterdayMorning'),
      stat('msgPutTotalTodayNow') - stat('msgPutTotalTodayMorning'),
      stat('msgGetTotalTodayNow') - stat('msgGetTotalTodayMorning'),
    );
  });
  return header + rows.join('');
}

/** Every broker process of the cluster(s) with its runtime stats; like mqadmin, a silent broker shows empty stats. */
export async function clusterMemberStats(admin: Admin, clusterName?: string): Promise<ClusterMemberStats[]> {
  const members = clusterMembers(await admin.clusterInfo(), clusterName);
  return Promise.all(members.map(async (member) => ({ ...member, runtime: await admin.brokerRuntimeInfo(member.addr).catch(() => ({})) })));
}

/** `mqadmin clusterList`: GET_BROKER_CLUSTER_INFO, then GET_BROKER_RUNTIME_INFO on every broker process. */
export const clusterListCommand: AdminCommand = {
  name: 'clusterList',
  description: 'List cluster infos.',
  options: [
    { flags: '-m, --moreStats', description: 'Print more stats' },
    { flags: '-c, --clusterName <cluster>', description: 'which cluster' },
  ],
  async run({ admin }, options) {
    const members = await clusterMemberStats(admin, optionalString(options, 'clusterName'));
    const text = options.moreStats === true ? formatClusterMoreStats(members) : formatClusterBaseInfo(members, Date.now());
    return { data: members, text };
  },
};
