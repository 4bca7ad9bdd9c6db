import { KVTable, MQVersion, RemotingCommand } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { success } from './admin-response';
import type { PutStatsSampler } from './put-stats-sampler';

/** MQVersion name of what this broker announces, as `brokerVersionDesc`. */
const VERSION_DESC = Object.entries(MQVersion).find(([name, value]) => name !== 'CURRENT_VERSION' && value === MQVersion.CURRENT_VERSION)?.[0] ?? 'V5_3_3';

/** Stats this broker does not keep (no thread pools, no timer wheel): reported as zero so `clusterList` and `brokerStatus` parse. */
const ZERO_STATS = [
  'getTransferredTps',
  'getFoundTps',
  'getMissTps',
  'getTotalTps',
  'sendThreadPoolQueueSize',
  'sendThreadPoolQueueCapacity',
  'pullThreadPoolQueueSize',
  'pullThreadPoolQueueCapacity',
  'queryThreadPoolQueueSize',
  'queryThreadPoolQueueCapacity',
  'sendThreadPoolQueueHeadWaitTimeMills',
  'pullThreadPoolQueueHeadWaitTimeMills',
  'queryThreadPoolQueueHeadWaitTimeMills',
  'msgGetTotalYesterdayMorning',
  'msgGetTotalTodayMorning',
  'msgGetTotalTodayNow',
  'timerReadBehind',
  'timerOffsetBehind',
  'timerCongestNum',
  'timerEnqueueTps',
  'timerDequeueTps',
  'remainTransientStoreBufferNumbs',
] as const;

/** GET_BROKER_RUNTIME_INFO (28): the KVTable `clusterList` and `brokerStatus` print (remoting §10.1). */
export class BrokerRuntimeInfoProcessor {
  private readonly bootTimestamp = Date.now();

  constructor(
    private readonly ctx: BrokerContext,
    private readonly putStats: PutStatsSampler,
  ) {}

  async runtimeInfo(request: RemotingCommand): Promise<RemotingCommand> {
    const table: Record<string, string> = {};
    for (const key of ZERO_STATS) table[key] = '0';
    const totals = this.putStats.totals();
    Object.assign(table, this.ctx.store.getRuntimeInfo(), {
      brokerVersionDesc: VERSION_DESC,
      brokerVersion: String(MQVersion.CURRENT_VERSION),
      brokerActive: 'true',
      putTps: this.putStats.putTps(),
      msgPutTotalYesterdayMorning: String(totals.yesterdayMorning),
      msgPutTotalTodayMorning: String(totals.todayMorning),
      msgPutTotalTodayNow: String(totals.now),
      earliestMessageTimeStamp: String(await this.ctx.store.getEarliestMessageTime()),
      startAcceptSendRequestTimeStamp: String(this.ctx.config.startAcceptSendRequestTimeStamp),
      bootTimestamp: String(this.bootTimestamp),
      runtime: formatRuntime(Date.now() - this.bootTimestamp),
      brokerPermission: String(this.ctx.config.brokerPermission),
    });
    return success(request, KVTable.encode({ table }));
  }
}

/** Java's `[ 0 days, 1 hours, 2 minutes, 3 seconds ]`. */
function formatRuntime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `[ ${Math.floor(s / 86400)} days, ${Math.floor((s % 86400) / 3600)} hours, ${Math.floor((s % 3600) / 60)} minutes, ${s % 60} seconds ]`;
}
