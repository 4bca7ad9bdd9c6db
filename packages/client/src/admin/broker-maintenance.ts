import { MQError } from '@mq/common';
import {
  GroupList,
  QueryTopicConsumeByWhoRequestHeader,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  bean,
  bodyCodec,
  prop,
  type BodyOf,
} from '@mq/remoting';
import type { MQClientAPI } from '../instance/mq-client-api';

const BrokerStatsItem = bean('BrokerStatsItem', {
  sum: prop('long', 0),
  tps: prop('double', 0),
  avgpt: prop('double', 0),
});

/** VIEW_BROKER_STATS_DATA response body: one statistic over the last minute, hour and day. */
export const BrokerStatsData = bodyCodec(
  bean('BrokerStatsData', {
    statsMinute: prop(BrokerStatsItem),
    statsHour: prop(BrokerStatsItem),
    statsDay: prop(BrokerStatsItem),
  }),
);
/** A decoded BrokerStatsData. */
export type BrokerStatsData = BodyOf<typeof BrokerStatsData>;

/** Broker statistic names (Java's `Stats`) that mqadmin `statsAll` reads. */
export const BrokerStatsName = {
  /** Keyed by topic. */
  TOPIC_PUT_NUMS: 'TOPIC_PUT_NUMS',
  /** Keyed by `topic@group`. */
  GROUP_GET_NUMS: 'GROUP_GET_NUMS',
} as const;

/** Asks a broker to delete consume queues whose messages have all expired (CLEAN_EXPIRED_CONSUMEQUEUE). */
export async function cleanExpiredConsumeQueue(api: MQClientAPI, brokerAddr: string): Promise<void> {
  await api.call(brokerAddr, RemotingCommand.createRequest(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE));
}

/** The groups that consume `topic` on one broker, online or with stored offsets (QUERY_TOPIC_CONSUME_BY_WHO). */
export async function queryTopicConsumeByWho(api: MQClientAPI, brokerAddr: string, topic: string): Promise<string[]> {
  const header = QueryTopicConsumeByWhoRequestHeader.encode({ topic });
  const response = await api.call(brokerAddr, RemotingCommand.createRequest(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, header));
  return response.body ? GroupList.decode(response.body).groupList : [];
}

/** One of a broker's statistics, e.g. `TOPIC_PUT_NUMS` for a topic (VIEW_BROKER_STATS_DATA). */
export async function viewBrokerStatsData(api: MQClientAPI, brokerAddr: string, statsName: string, statsKey: string): Promise<BrokerStatsData> {
  const request = RemotingCommand.createRequest(RequestCode.VIEW_BROKER_STATS_DATA, { statsName, statsKey });
  const response = await api.call(brokerAddr, request);
  if (!response.body) throw new MQError(ResponseCode.SYSTEM_ERROR, `broker ${brokerAddr} sent no stats data for ${statsName}@${statsKey}`);
  return BrokerStatsData.decode(response.body);
}
