import { MQError, decodeOffsetMessageId } from '@mq/common';
import {
  ConsumeMessageDirectlyResultRequestHeader,
  GetConsumerRunningInfoRequestHeader,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  type RemotingChannel,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';

/** How long the broker waits for the client (Java: 10 s). */
const CLIENT_CALL_TIMEOUT_MS = 10_000;
/** Clients older than this (MQVersion V3_1_8_SNAPSHOT) cannot answer these calls. */
const MIN_CLIENT_VERSION = 62;

/**
 * Admin calls the broker relays to one online consumer and whose answer it returns as-is
 * (remoting §8.14, §8.17): GET_CONSUMER_RUNNING_INFO (307) and CONSUME_MESSAGE_DIRECTLY (309).
 */
export class ClientForwardingProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Forwards 307 with the same ext fields; the body is the client's ConsumerRunningInfo. */
  consumerRunningInfo(request: RemotingCommand): Promise<RemotingCommand> {
    const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
    const channel = this.findClient(header.consumerGroup, header.clientId);
    const forwarded = RemotingCommand.createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, { ...request.extFields });
    return this.relay(request, channel, forwarded);
  }

  /** Reads the stored record the offsetMsgId names and asks the client to consume it. */
  async consumeMessageDirectly(request: RemotingCommand): Promise<RemotingCommand> {
    const header = ConsumeMessageDirectlyResultRequestHeader.decode(request.extFields);
    const channel = this.findClient(header.consumerGroup, header.clientId ?? '');
    const { commitLogOffset } = decodeOffsetMessageId(header.msgId ?? '');
    const record = await this.ctx.store.selectOneMessageByOffset(commitLogOffset);
    if (!record) throw new MQError(ResponseCode.SYSTEM_ERROR, `no message at commit log offset ${commitLogOffset} (msgId ${header.msgId})`);
    const ext = { ...request.extFields, brokerName: this.ctx.config.brokerName };
    const forwarded = RemotingCommand.createRequest(RequestCode.CONSUME_MESSAGE_DIRECTLY, ext, Buffer.from(record));
    return this.relay(request, channel, forwarded);
  }

  private findClient(group: string, clientId: string): RemotingChannel {
    const info = [...(this.ctx.consumerManager.findGroup(group)?.channels.values() ?? [])].find((c) => c.clientId === clientId);
    if (!info) throw new MQError(ResponseCode.SYSTEM_ERROR, `The Consumer <${group}> <${clientId}> not online`);
    if (info.version < MIN_CLIENT_VERSION) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `The Consumer <${group}> Version <${info.version}> too low to finish, please upgrade it to V3_1_8_SNAPSHOT`);
    }
    return info.channel;
  }

  private async relay(request: RemotingCommand, channel: RemotingChannel, forwarded: RemotingCommand): Promise<RemotingCommand> {
    let answer: RemotingCommand;
    try {
      answer = await channel.invoke(forwarded, CLIENT_CALL_TIMEOUT_MS);
    } catch (error) {
      const timedOut = error instanceof MQError && error.code === ResponseCode.RPC_TIME_OUT;
      const code = timedOut ? ResponseCode.CONSUME_MSG_TIMEOUT : ResponseCode.SYSTEM_ERROR;
      throw new MQError(code, `invoke consumer ${channel.remoteAddress} failed: ${(error as Error).message}`);
    }
    const response = RemotingCommand.createResponse(request, answer.code, answer.remark);
    response.extFields = answer.extFields;
    response.body = answer.body;
    return response;
  }
}
