import {
  isWriteable,
  javaStringHashCode,
  MessageConst,
  MessageExt,
  MessageSysFlag,
  TopicFilterType,
  type TopicConfig,
} from '@mq/common';
import { PutMessageStatus, type PutMessageResult } from '@mq/store';
import type { BrokerContext } from '../broker-context';
import type { CallContext } from './call-context';
import { consistentHash } from './consistent-hash';
import { toMillis } from './durations';
import { messageTypeOf } from './message-codec';
import { peerHost } from './peer-host';
import { recallHandleOf } from '../timer/recall-handle';
import { validateMessage } from './message-validation';
import { applyTimerTransform } from '../timer/timer-message-transform';
import { isHalfMessageRequest, toHalfMessage } from '../transaction/half-message';
import type { TransactionDataStore } from './transaction-data';
import { requireTopic } from './name-validation';
import { topicMessageType } from './route-service';
import { batchStatus, grpcError, OK_STATUS, status, statusFromError } from './status';
import { Code, Encoding, MessageType, type Message, type SendMessageRequest, type SendMessageResponse, type SendResultEntry } from './types';

const PUT_STATUS_CODES: ReadonlyMap<PutMessageStatus, number> = new Map([
  [PutMessageStatus.PUT_OK, Code.OK],
  [PutMessageStatus.FLUSH_DISK_TIMEOUT, Code.MASTER_PERSISTENCE_TIMEOUT],
  [PutMessageStatus.FLUSH_SLAVE_TIMEOUT, Code.SLAVE_PERSISTENCE_TIMEOUT],
  [PutMessageStatus.SLAVE_NOT_AVAILABLE, Code.HA_NOT_AVAILABLE],
]);

/** SendMessage (spec §4.6): validates the whole request, then stores each message and answers one entry per message. */
export class SendService {
  private roundRobin = 0;

  constructor(
    private readonly ctx: BrokerContext,
    private readonly transactions: TransactionDataStore,
  ) {}

  async sendMessage(request: SendMessageRequest, call: CallContext): Promise<SendMessageResponse> {
    const messages = request.messages ?? [];
    if (messages.length === 0) throw grpcError(Code.MESSAGE_CORRUPTED, 'no message to send');
    const topic = requireTopic(messages[0].topic);
    const namespace = messages[0].topic?.resource_namespace ?? '';
    if (messages.some((m) => m.topic?.name !== topic || (m.topic?.resource_namespace ?? '') !== namespace)) {
      throw grpcError(Code.MESSAGE_CORRUPTED, 'messages of one request must share their topic');
    }
    const config = this.ctx.topicConfigManager.selectTopicConfig(topic);
    if (!config) throw grpcError(Code.TOPIC_NOT_FOUND, `topic ${topic} not found`);
    const stored = messages.map((message) => this.toStored(message, config, call, messages.length === 1));
    const entries: SendResultEntry[] = [];
    for (const message of stored) entries.push(await this.put(message));
    return { status: batchStatus(entries), entries };
  }

  private toStored(message: Message, config: TopicConfig, call: CallContext, single: boolean): MessageExt {
    validateMessage(message, this.ctx.maxMessageSize);
    const stored = this.storedMessage(message, config, call);
    const type = messageTypeOf(stored.properties);
    const topicType = topicMessageType(config);
    if (topicType !== 'MIXED' && MessageType[topicType as keyof typeof MessageType] !== type) {
      throw grpcError(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE, `TopicMessageType validate failed, the topic ${config.topicName} is ${topicType}`);
    }
    stored.queueId = this.selectQueue(config, single ? message.system_properties?.message_group : undefined);
    this.redirect(stored);
    return stored;
  }

  /** The broker's put hooks: a transactional message is parked as a half message, a timed one in the timer wheel. */
  private redirect(stored: MessageExt): void {
    if (!isHalfMessageRequest(stored)) {
      applyTimerTransform(stored, this.ctx.config);
      return;
    }
    if (this.ctx.config.rejectTransactionMessage) throw grpcError(Code.FORBIDDEN, 'this broker refuses transactional messages');
    toHalfMessage(stored);
  }

  /** The stored form of a gRPC message (spec §4.6 property mapping). */
  private storedMessage(message: Message, config: TopicConfig, call: CallContext): MessageExt {
    const system = message.system_properties ?? {};
    const stored = new MessageExt(config.topicName, message.body);
    stored.bornHost = peerHost(call.peer);
    stored.storeHost = this.ctx.storeHost;
    stored.bornTimestamp = toMillis(system.born_timestamp) ?? Date.now();
    stored.reconsumeTimes = system.delivery_attempt ?? 0;
    stored.sysFlag =
      (system.body_encoding === Encoding.GZIP ? MessageSysFlag.COMPRESSED_FLAG : 0) |
      (config.topicFilterType === TopicFilterType.MULTI_TAG ? MessageSysFlag.MULTI_TAGS_FLAG : 0);
    stored.putProperties(message.user_properties ?? {});
    const set = (key: string, value: string | undefined): void => {
      if (value !== undefined && value !== '') stored.putProperty(key, value);
    };
    set(MessageConst.PROPERTY_TAGS, system.tag);
    set(MessageConst.PROPERTY_KEYS, (system.keys ?? []).join(' '));
    set(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, system.message_id);
    set(MessageConst.PROPERTY_SHARDING_KEY, system.message_group);
    set(MessageConst.PROPERTY_TRACE_CONTEXT, system.trace_context);
    set(MessageConst.PROPERTY_BORN_HOST, system.born_host || call.peer);
    set(MessageConst.PROPERTY_BORN_TIMESTAMP, String(stored.bornTimestamp));
    set(MessageConst.PROPERTY_PRODUCER_GROUP, config.topicName);
    set(MessageConst.PROPERTY_CLUSTER, this.ctx.config.brokerClusterName);
    const deliverAt = toMillis(system.delivery_timestamp);
    if (deliverAt !== undefined) set(MessageConst.PROPERTY_TIMER_DELIVER_MS, String(deliverAt));
    if (system.message_type === MessageType.TRANSACTION) {
      set(MessageConst.PROPERTY_TRANSACTION_PREPARED, 'true');
      const recoveryMs = toMillis(system.orphaned_transaction_recovery_duration);
      if (recoveryMs !== undefined) set(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS, String(Math.floor(recoveryMs / 1000)));
    }
    return stored;
  }

  /** One message group always lands on one queue (Guava consistent hash, like the reference); others round-robin. */
  private selectQueue(config: TopicConfig, messageGroup: string | undefined): number {
    const writable = isWriteable(config.perm) ? config.writeQueueNums : 0;
    if (writable <= 0) throw grpcError(Code.FORBIDDEN, 'no writable queue');
    if (messageGroup) return consistentHash(javaStringHashCode(messageGroup), writable);
    this.roundRobin = (this.roundRobin + 1) % writable;
    return this.roundRobin;
  }

  private async put(message: MessageExt): Promise<SendResultEntry> {
    let result: PutMessageResult;
    try {
      result = await this.ctx.store.putMessage(message);
    } catch (error) {
      return { status: statusFromError(error) };
    }
    const code = PUT_STATUS_CODES.get(result.putMessageStatus) ?? Code.INTERNAL_SERVER_ERROR;
    if (code !== Code.OK) return { status: status(code, `put message failed: ${result.putMessageStatus}`) };
    const messageId = message.msgId;
    if (isHalfMessageRequest(message)) this.rememberTransaction(message, result);
    return {
      status: OK_STATUS,
      message_id: messageId,
      transaction_id: messageId,
      offset: result.appendMessageResult?.logicsOffset ?? 0,
      recall_handle: recallHandleOf(message, this.ctx.config.brokerName) ?? '',
    };
  }

  private rememberTransaction(half: MessageExt, result: PutMessageResult): void {
    this.transactions.add({
      producerGroup: half.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP) ?? half.topic,
      transactionId: half.msgId,
      messageId: half.msgId,
      commitLogOffset: result.appendMessageResult?.wroteOffset ?? 0,
      tranStateTableOffset: result.appendMessageResult?.logicsOffset ?? 0,
    });
  }
}
