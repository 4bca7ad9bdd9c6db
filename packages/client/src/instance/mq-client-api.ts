import { MQError, getLogger, type MessageQueue } from '@mq/common';
import {
  CheckClientRequestBody,
  ConsumerSendMsgBackRequestHeader,
  EndTransactionRequestHeader,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  GetMaxOffsetRequestHeader,
  GetMinOffsetRequestHeader,
  GetRouteInfoRequestHeader,
  HeartbeatData,
  LockBatchRequestBody,
  LockBatchResponseBody,
  OffsetResponseHeader,
  QueryConsumerOffsetRequestHeader,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SearchOffsetRequestHeader,
  TopicRouteData,
  UnlockBatchRequestBody,
  UnregisterClientRequestHeader,
  UpdateConsumerOffsetRequestHeader,
  type BodyInit,
  type HeaderInit,
} from '@mq/remoting';
import { ClientErrorCode } from '../client-error-code';

const log = getLogger('MQClientAPI');

/** Header inits of the calls below. */
type EndTransactionInit = HeaderInit<typeof EndTransactionRequestHeader.fields>;
type SendBackInit = HeaderInit<typeof ConsumerSendMsgBackRequestHeader.fields>;

/**
 * Typed client → name server / broker calls over one {@link RemotingClient} (Java's
 * `MQClientAPIImpl`). Name-server calls stick to one server and move on to the next when it
 * cannot be reached. Failed answers become MQError with the broker's code and remark.
 */
export class MQClientAPI {
  private namesrvIndex = Math.floor(Math.random() * 1024);

  constructor(
    readonly remoting: RemotingClient,
    private readonly namesrvAddrs: readonly string[],
    readonly timeoutMs: number,
  ) {}

  /** The configured name servers. */
  get namesrvAddresses(): readonly string[] {
    return this.namesrvAddrs;
  }

  /** Sends to the current name server, failing over to the others on connection errors. */
  async invokeNamesrv(request: RemotingCommand, timeoutMs = this.timeoutMs): Promise<RemotingCommand> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.namesrvAddrs.length; attempt++) {
      const addr = this.namesrvAddrs[this.namesrvIndex % this.namesrvAddrs.length]!;
      try {
        return await this.remoting.invoke(addr, request, timeoutMs);
      } catch (error) {
        lastError = error;
        log.warn({ addr, err: (error as Error).message }, 'name server call failed, trying the next one');
        this.namesrvIndex++;
      }
    }
    throw new MQError(
      ClientErrorCode.NO_NAME_SERVER_EXCEPTION,
      `no name server answered (${this.namesrvAddrs.join(';')}): ${(lastError as Error | undefined)?.message ?? 'no address'}`,
      { cause: lastError },
    );
  }

  /** Calls `addr` and returns the response when its code is SUCCESS (or one of `accepted`). */
  async call(addr: string, request: RemotingCommand, timeoutMs = this.timeoutMs, accepted: readonly number[] = []): Promise<RemotingCommand> {
    const response = await this.remoting.invoke(addr, request, timeoutMs);
    return expectCode(response, request, accepted);
  }

  /** The topic's route, or undefined when the name server does not know the topic. */
  async getTopicRoute(topic: string, timeoutMs = this.timeoutMs): Promise<TopicRouteData | undefined> {
    const request = RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, GetRouteInfoRequestHeader.encode({ topic }));
    const response = await this.invokeNamesrv(request, timeoutMs);
    if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
    expectCode(response, request);
    return response.body ? TopicRouteData.decode(response.body) : undefined;
  }

  async sendHeartbeat(addr: string, heartbeat: BodyInit<typeof HeartbeatData>): Promise<void> {
    await this.call(addr, RemotingCommand.createRequest(RequestCode.HEART_BEAT, {}, HeartbeatData.encode(heartbeat)));
  }

  async unregisterClient(addr: string, header: HeaderInit<typeof UnregisterClientRequestHeader.fields>): Promise<void> {
    await this.call(addr, RemotingCommand.createRequest(RequestCode.UNREGISTER_CLIENT, UnregisterClientRequestHeader.encode(header)));
  }

  async getConsumerIdList(addr: string, consumerGroup: string): Promise<string[]> {
    const request = RemotingCommand.createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, GetConsumerListByGroupRequestHeader.encode({ consumerGroup }));
    const response = await this.call(addr, request);
    return response.body ? GetConsumerListByGroupResponseBody.decode(response.body).consumerIdList : [];
  }

  /** The group's stored offset of a queue; throws MQError(QUERY_NOT_FOUND) when it has none. */
  async queryConsumerOffset(addr: string, header: HeaderInit<typeof QueryConsumerOffsetRequestHeader.fields>): Promise<number> {
    const response = await this.call(addr, RemotingCommand.createRequest(RequestCode.QUERY_CONSUMER_OFFSET, QueryConsumerOffsetRequestHeader.encode(header)));
    return OffsetResponseHeader.decode(response.extFields).offset;
  }

  async updateConsumerOffsetOneway(addr: string, header: HeaderInit<typeof UpdateConsumerOffsetRequestHeader.fields>): Promise<void> {
    await this.remoting.invokeOneway(addr, RemotingCommand.createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, UpdateConsumerOffsetRequestHeader.encode(header)).markOneway());
  }

  async updateConsumerOffset(addr: string, header: HeaderInit<typeof UpdateConsumerOffsetRequestHeader.fields>): Promise<void> {
    await this.call(addr, RemotingCommand.createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, UpdateConsumerOffsetRequestHeader.encode(header)));
  }

  async getMaxOffset(addr: string, mq: MessageQueue): Promise<number> {
    const header = GetMaxOffsetRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId, bname: mq.brokerName });
    return this.offsetCall(addr, RemotingCommand.createRequest(RequestCode.GET_MAX_OFFSET, header));
  }

  async getMinOffset(addr: string, mq: MessageQueue): Promise<number> {
    const header = GetMinOffsetRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId, bname: mq.brokerName });
    return this.offsetCall(addr, RemotingCommand.createRequest(RequestCode.GET_MIN_OFFSET, header));
  }

  async searchOffset(addr: string, mq: MessageQueue, timestamp: number): Promise<number> {
    const header = SearchOffsetRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId, timestamp, bname: mq.brokerName });
    return this.offsetCall(addr, RemotingCommand.createRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, header));
  }

  /** Locks queues for an orderly consumer; resolves with the queues this client now holds. */
  async lockBatch(addr: string, body: BodyInit<typeof LockBatchRequestBody>): Promise<LockBatchResponseBody['lockOKMQSet']> {
    const response = await this.call(addr, RemotingCommand.createRequest(RequestCode.LOCK_BATCH_MQ, {}, LockBatchRequestBody.encode(body)));
    return response.body ? LockBatchResponseBody.decode(response.body).lockOKMQSet : [];
  }

  async unlockBatch(addr: string, body: BodyInit<typeof UnlockBatchRequestBody>): Promise<void> {
    await this.call(addr, RemotingCommand.createRequest(RequestCode.UNLOCK_BATCH_MQ, {}, UnlockBatchRequestBody.encode(body)));
  }

  /** CHECK_CLIENT_CONFIG: whether the broker can filter by a subscription; MQError with the broker's code and remark when not. */
  async checkClientInBroker(addr: string, body: BodyInit<typeof CheckClientRequestBody>): Promise<void> {
    await this.call(addr, RemotingCommand.createRequest(RequestCode.CHECK_CLIENT_CONFIG, {}, CheckClientRequestBody.encode(body)));
  }

  async consumerSendMessageBack(addr: string, header: SendBackInit, timeoutMs: number): Promise<void> {
    await this.call(addr, RemotingCommand.createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, ConsumerSendMsgBackRequestHeader.encode(header)), timeoutMs);
  }

  async endTransactionOneway(addr: string, header: EndTransactionInit, remark?: string): Promise<void> {
    const request = RemotingCommand.createRequest(RequestCode.END_TRANSACTION, EndTransactionRequestHeader.encode(header)).markOneway();
    request.remark = remark;
    await this.remoting.invokeOneway(addr, request);
  }

  private async offsetCall(addr: string, request: RemotingCommand): Promise<number> {
    return OffsetResponseHeader.decode((await this.call(addr, request)).extFields).offset;
  }
}

/** Returns the response when its code is SUCCESS or accepted; else throws MQError(code, remark). */
export function expectCode(response: RemotingCommand, request: RemotingCommand, accepted: readonly number[] = []): RemotingCommand {
  if (response.code === ResponseCode.SUCCESS || accepted.includes(response.code)) return response;
  throw new MQError(response.code, response.remark ?? `request ${request.code} failed with code ${response.code}`);
}
