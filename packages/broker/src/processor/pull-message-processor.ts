import { isReadable, MQError, PullSysFlag } from '@mq/common';
import {
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  type RemotingChannel,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { buildSubscription, matchesTagsCode, type ConsumerSubscription } from '../client/consumer-subscription';
import { GetMessageStatus, type GetMessageResult } from '@mq/store';
import { resolvePullSqlFilter } from '../filter/pull-sql-filter';
import { isTagType, subscriptionMessageFilter } from '../filter/subscription-filter';
import type { TopicConfig } from '@mq/common';

const FAQ_SUFFIX = '\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.';

/** `forbiddenType` values of a NO_PERMISSION pull answer. */
const ForbiddenType = { BROKER: 1, GROUP: 2, TOPIC: 3, BROADCASTING_DISABLE: 4, SUBSCRIPTION: 5 } as const;

/** Upper bound of one pull's bytes when the client sets none. */
const DEFAULT_MAX_MSG_BYTES = 0x7fffffff;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361): checks permissions, group, topic, queue and
 * subscription (remoting §7.2), reads from the store and maps the status to the response
 * code. An empty result with the suspend flag is parked in the hold service and answered
 * when a message arrives or the suspend time is over.
 */
export class PullMessageProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Serves a fresh pull request (may answer later: returns undefined when parked). */
  process(request: RemotingCommand, channel: RemotingChannel): Promise<RemotingCommand | undefined> {
    return this.execute(request, channel, true);
  }

  private async execute(request: RemotingCommand, channel: RemotingChannel, firstTime: boolean): Promise<RemotingCommand | undefined> {
    let header: PullMessageRequestHeader;
    let subscription: ConsumerSubscription;
    try {
      header = PullMessageRequestHeader.decode(request.extFields);
      subscription = this.checkRequest(request, header, channel);
    } catch (error) {
      if (error instanceof NoPermission) return noPermission(request, error);
      throw error;
    }
    const resetOffset = this.ctx.consumerOffsetManager.takeResetOffset(header.consumerGroup, header.topic, header.queueId);
    if (resetOffset !== undefined) return this.respondOffsetReset(request, header, resetOffset);
    const result = await this.ctx.store.getMessage(
      header.consumerGroup,
      header.topic,
      header.queueId,
      header.queueOffset,
      header.maxMsgNums,
      header.maxMsgBytes ?? DEFAULT_MAX_MSG_BYTES,
      subscriptionMessageFilter(subscription, subscription.sqlFilter),
    );
    if (firstTime) this.commitOffsets(header, channel, result);
    const code = responseCode(result.status, header.queueOffset);
    const suspend = firstTime && code === ResponseCode.PULL_NOT_FOUND && (header.sysFlag & PullSysFlag.FLAG_SUSPEND) !== 0;
    if (suspend) {
      this.park(request, channel, header, subscription);
      return undefined;
    }
    return this.respond(request, code, result);
  }

  /** Steps 1–5 of §7.2; returns the subscription to filter with. */
  private checkRequest(request: RemotingCommand, header: PullMessageRequestHeader, channel: RemotingChannel): ConsumerSubscription {
    const { config, subscriptionGroupManager, topicConfigManager } = this.ctx;
    if (!isReadable(config.brokerPermission)) {
      throw new NoPermission(`the broker[${config.brokerIP1}] pulling message is forbidden`, ForbiddenType.BROKER);
    }
    if (request.code === RequestCode.LITE_PULL_MESSAGE && !config.litePullMessageEnable) {
      throw new NoPermission(`the broker[${config.brokerIP1}] for lite pull consumer is forbidden`, ForbiddenType.BROKER);
    }
    const group = subscriptionGroupManager.findSubscriptionGroupConfig(header.consumerGroup);
    if (!group) {
      throw new MQError(
        ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
        `subscription group [${header.consumerGroup}] does not exist, ${FAQ_SUFFIX}`,
      );
    }
    if (!group.consumeEnable) {
      throw new NoPermission(`subscription group no permission, ${header.consumerGroup}`, ForbiddenType.GROUP);
    }
    const topic = topicConfigManager.selectTopicConfig(header.topic);
    if (!topic) {
      throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${header.topic}] not exist, apply first please! ${FAQ_SUFFIX}`);
    }
    if (!isReadable(topic.perm)) {
      throw new NoPermission(`the topic[${header.topic}] pulling message is forbidden`, ForbiddenType.TOPIC);
    }
    checkQueueId(header, topic, channel);
    return this.subscriptionOf(header, group.consumeBroadcastEnable);
  }

  private subscriptionOf(header: PullMessageRequestHeader, broadcastAllowed: boolean): ConsumerSubscription {
    let subscription: ConsumerSubscription;
    if ((header.sysFlag & PullSysFlag.FLAG_SUBSCRIPTION) !== 0) {
      try {
        subscription = buildSubscription(header.topic, header.subscription, header.expressionType, header.subVersion);
      } catch {
        throw new MQError(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "parse the consumer's subscription failed");
      }
    } else {
      const groupInfo = this.ctx.consumerManager.findGroup(header.consumerGroup);
      if (!groupInfo) {
        throw new MQError(ResponseCode.SUBSCRIPTION_NOT_EXIST, `the consumer's group info not exist${FAQ_SUFFIX}`);
      }
      if (!broadcastAllowed && groupInfo.isBroadcasting()) {
        throw new NoPermission(
          `the consumer group[${header.consumerGroup}] can not consume by broadcast way`,
          ForbiddenType.BROADCASTING_DISABLE,
        );
      }
      const found = groupInfo.subscriptions.get(header.topic);
      if (!found) throw new MQError(ResponseCode.SUBSCRIPTION_NOT_EXIST, `the consumer's subscription not exist${FAQ_SUFFIX}`);
      if (found.subVersion < header.subVersion) {
        throw new MQError(ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest");
      }
      subscription = found;
    }
    if (!isTagType(subscription.expressionType)) {
      const sqlFilter = resolvePullSqlFilter(this.ctx.consumerFilterManager, {
        topic: header.topic,
        consumerGroup: header.consumerGroup,
        expression: subscription.subString,
        subVersion: header.subVersion,
        fromRequest: (header.sysFlag & PullSysFlag.FLAG_SUBSCRIPTION) !== 0,
      });
      subscription = { ...subscription, sqlFilter };
    }
    if (subscription.expressionType !== 'TAG' && !this.ctx.config.enablePropertyFilter) {
      throw new MQError(
        ResponseCode.SYSTEM_ERROR,
        `The broker does not support consumer to filter message by ${subscription.expressionType}`,
      );
    }
    return subscription;
  }

  private commitOffsets(header: PullMessageRequestHeader, channel: RemotingChannel, result: GetMessageResult): void {
    const offsets = this.ctx.consumerOffsetManager;
    offsets.commitPullOffset(header.consumerGroup, header.topic, header.queueId, result.nextBeginOffset);
    if ((header.sysFlag & PullSysFlag.FLAG_COMMIT_OFFSET) !== 0) {
      offsets.commitOffset(channel.remoteAddress, header.consumerGroup, header.topic, header.queueId, header.commitOffset);
    }
  }

  private park(request: RemotingCommand, channel: RemotingChannel, header: PullMessageRequestHeader, subscription: ConsumerSubscription): void {
    const { config } = this.ctx;
    this.ctx.pullRequestHoldService.suspend({
      topic: header.topic,
      queueId: header.queueId,
      queueOffset: header.queueOffset,
      suspendTimestamp: Date.now(),
      holdTimeMs: config.longPollingEnable ? header.suspendTimeoutMillis : config.shortPollingTimeMills,
      matches: (tagsCode) => matchesTagsCode(subscription, tagsCode),
      resume: () => this.resume(request, channel),
    });
  }

  /** Re-executes a parked pull (no suspend, no commit) and writes the answer on its channel. */
  private resume(request: RemotingCommand, channel: RemotingChannel): void {
    if (!channel.isActive) return;
    this.execute(request, channel, false)
      .catch((error: unknown) =>
        error instanceof MQError
          ? RemotingCommand.createResponse(request, error.code, error.remark)
          : RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, String(error)),
      )
      .then((response) => {
        if (!response || !channel.isActive) return;
        response.opaque = request.opaque;
        response.serializeType = request.serializeType;
        channel.send(response.markResponse());
      })
      .catch(() => undefined);
  }

  /** PULL_OFFSET_MOVED to where an admin's server-side reset put the group (remoting §9.11). */
  private respondOffsetReset(request: RemotingCommand, header: PullMessageRequestHeader, offset: number): RemotingCommand {
    const response = RemotingCommand.createResponse(request, ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_RESET');
    response.extFields = PullMessageResponseHeader.encode({
      suggestWhichBrokerId: 0,
      nextBeginOffset: offset,
      minOffset: this.ctx.store.getMinOffsetInQueue(header.topic, header.queueId),
      maxOffset: this.ctx.store.getMaxOffsetInQueue(header.topic, header.queueId),
    });
    return response;
  }

  private respond(request: RemotingCommand, code: number, result: GetMessageResult): RemotingCommand {
    const response = RemotingCommand.createResponse(request, code, result.status);
    response.extFields = PullMessageResponseHeader.encode({
      suggestWhichBrokerId: 0,
      nextBeginOffset: result.nextBeginOffset,
      minOffset: result.minOffset,
      maxOffset: result.maxOffset,
    });
    if (code === ResponseCode.SUCCESS) response.body = Buffer.concat(result.messageBufferList, result.bufferTotalSize);
    return response;
  }
}

/** NO_PERMISSION with its forbiddenType. */
class NoPermission extends MQError {
  constructor(remark: string, readonly forbiddenType: number) {
    super(ResponseCode.NO_PERMISSION, remark);
  }
}

function noPermission(request: RemotingCommand, error: NoPermission): RemotingCommand {
  const response = RemotingCommand.createResponse(request, error.code, error.remark);
  response.extFields = { forbiddenType: String(error.forbiddenType) };
  return response;
}

function checkQueueId(header: PullMessageRequestHeader, topic: TopicConfig, channel: RemotingChannel): void {
  if (header.queueId >= 0 && header.queueId < topic.readQueueNums) return;
  throw new MQError(
    ResponseCode.INVALID_PARAMETER,
    `queueId[${header.queueId}] is illegal, topic:[${header.topic}] topicConfig.readQueueNums:[${topic.readQueueNums}] consumer:[${channel.remoteAddress}]`,
  );
}

/** Store status → pull response code (store-and-broker §3.5). */
function responseCode(status: GetMessageStatus, requestedOffset: number): number {
  switch (status) {
    case GetMessageStatus.FOUND:
      return ResponseCode.SUCCESS;
    case GetMessageStatus.NO_MATCHED_MESSAGE:
    case GetMessageStatus.MESSAGE_WAS_REMOVING:
      return ResponseCode.PULL_RETRY_IMMEDIATELY;
    case GetMessageStatus.NO_MATCHED_LOGIC_QUEUE:
    case GetMessageStatus.NO_MESSAGE_IN_QUEUE:
      return requestedOffset !== 0 ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND;
    case GetMessageStatus.OFFSET_FOUND_NULL:
    case GetMessageStatus.OFFSET_OVERFLOW_ONE:
      return ResponseCode.PULL_NOT_FOUND;
    case GetMessageStatus.OFFSET_OVERFLOW_BADLY:
    case GetMessageStatus.OFFSET_TOO_SMALL:
      return ResponseCode.PULL_OFFSET_MOVED;
  }
}
