import { MQError, getLogger, type TopicConfig } from '@mq/common';
import {
  RemotingCommand,
  RequestCode,
  ResetOffsetBody,
  ResetOffsetBodyForC,
  ResetOffsetRequestHeader,
  ResponseCode,
  type BodyInit,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { success } from './admin-response';

const log = getLogger('ResetOffsetProcessor');

/** Clients older than this (MQVersion V3_0_7_SNAPSHOT) do not understand RESET_CONSUMER_CLIENT_OFFSET. */
const MIN_RESET_CLIENT_VERSION = 28;

type OffsetTable = NonNullable<BodyInit<typeof ResetOffsetBody>['offsetTable']>;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222, remoting §9.11). With `useServerSideResetOffset` (5.x
 * default) the broker moves the committed offsets itself and the next pulls answer
 * PULL_OFFSET_MOVED; otherwise (4.9 behaviour) it pushes RESET_CONSUMER_CLIENT_OFFSET (220)
 * to every online consumer of the group.
 */
export class ResetOffsetProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  async resetOffset(request: RemotingCommand): Promise<RemotingCommand> {
    const header = ResetOffsetRequestHeader.decode(request.extFields);
    const topicConfig = this.ctx.topicConfigManager.selectTopicConfig(header.topic);
    if (!topicConfig) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `[${header.topic}] topic does not exist`);
    if (!this.ctx.subscriptionGroupManager.selectSubscriptionGroupConfig(header.group)) {
      throw new MQError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `Subscription group [${header.group}] does not exist`);
    }
    return this.ctx.config.useServerSideResetOffset
      ? this.resetOnServer(request, header, topicConfig)
      : this.pushToClients(request, header, topicConfig);
  }

  private async resetOnServer(request: RemotingCommand, header: ResetOffsetRequestHeader, topic: TopicConfig): Promise<RemotingCommand> {
    const queueIds = header.queueId >= 0 ? [header.queueId] : range(topic.readQueueNums);
    const offsetTable: OffsetTable = [];
    for (const queueId of queueIds) {
      const offset = await this.targetOffset(header, queueId);
      this.ctx.consumerOffsetManager.assignResetOffset(header.group, header.topic, queueId, offset);
      offsetTable.push([this.queue(header.topic, queueId), offset]);
    }
    log.info({ group: header.group, topic: header.topic, timestamp: header.timestamp, queues: queueIds.length }, 'offsets reset on the broker');
    return success(request, ResetOffsetBody.encode({ offsetTable }));
  }

  private async pushToClients(request: RemotingCommand, header: ResetOffsetRequestHeader, topic: TopicConfig): Promise<RemotingCommand> {
    const offsetTable: OffsetTable = [];
    for (const queueId of range(topic.writeQueueNums)) {
      const target = await this.targetOffset(header, queueId);
      const committed = this.ctx.consumerOffsetManager.queryOffset(header.group, header.topic, queueId);
      const offset = !header.isForce && committed >= 0 && committed < target ? committed : target;
      offsetTable.push([this.queue(header.topic, queueId), offset]);
    }
    const members = [...(this.ctx.consumerManager.findGroup(header.group)?.channels.values() ?? [])];
    if (members.length === 0) {
      throw new MQError(
        ResponseCode.CONSUMER_NOT_ONLINE,
        `Consumer not online, so can not reset offset, Group: ${header.group} Topic: ${header.topic} Timestamp: ${header.timestamp}`,
      );
    }
    const tooOld = members.find((member) => member.version < MIN_RESET_CLIENT_VERSION);
    if (tooOld) throw new MQError(ResponseCode.SYSTEM_ERROR, `the client does not support this feature. version=${tooOld.version}`);
    const body = this.clientBody(request.language, offsetTable);
    for (const member of members) {
      const push = RemotingCommand.createRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, {
        topic: header.topic,
        group: header.group,
        timestamp: String(header.timestamp),
        isForce: String(header.isForce),
      }, body);
      member.channel.invokeOneway(push);
    }
    return success(request, ResetOffsetBody.encode({ offsetTable }));
  }

  /** An explicit offset for one queue, else the end (timestamp −1) or the first message at/after the timestamp. */
  private async targetOffset(header: ResetOffsetRequestHeader, queueId: number): Promise<number> {
    const { store } = this.ctx;
    const max = store.getMaxOffsetInQueue(header.topic, queueId);
    if (header.queueId >= 0 && header.offset !== undefined && header.offset >= 0) {
      const min = store.getMinOffsetInQueue(header.topic, queueId);
      if (header.offset < min || header.offset > max) {
        throw new MQError(ResponseCode.SYSTEM_ERROR, `offset ${header.offset} of queue ${queueId} is outside [${min}, ${max}]`);
      }
      return header.offset;
    }
    if (header.timestamp === -1) return max;
    return store.getOffsetInQueueByTime(header.topic, queueId, header.timestamp);
  }

  /** ResetOffsetBodyForC when the admin spoke CPP, as Java decides by the triggering request. */
  private clientBody(language: string, offsetTable: OffsetTable): Buffer {
    if (language !== 'CPP') return ResetOffsetBody.encode({ offsetTable });
    const entries = offsetTable.map(([mq, offset]) => ({ ...mq, offset }));
    return ResetOffsetBodyForC.encode({ offsetTable: entries });
  }

  private queue(topic: string, queueId: number) {
    return { topic, brokerName: this.ctx.config.brokerName, queueId };
  }
}

function range(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i);
}
