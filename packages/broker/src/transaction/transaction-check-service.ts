import {
  decodeStoredRecord,
  encodeStoredRecord,
  getLogger,
  MessageConst,
  PermName,
  SystemGroup,
  SystemTopic,
  type MessageExt,
} from '@mq/common';
import { CheckTransactionStateRequestHeader, RemotingCommand, RequestCode } from '@mq/remoting';
import { isPutStored } from '@mq/store';
import type { BrokerContext } from '../broker-context';
import { realQueueId } from '../message/inner-message';
import { copyInto, TRANSACTION_QUEUE_ID } from './half-message';
import { parseOpBody } from './transaction-op-log';

const log = getLogger('TransactionalMessageCheckService');

/** Records read per scan of the half or op queue. */
const SCAN_BATCH = 32;
/** Java stops a queue's check after this much work in one run. */
const MAX_CHECK_RUN_MS = 60_000;
/** Client host recorded for the system group's offset commits. */
const CHECK_CLIENT_HOST = 'broker-transaction-check';

/** Op records read from the op queue: which half offsets are finished. */
interface OpScan {
  /** Half offsets an op lists. */
  removed: Set<number>;
  /** Queue offset of each op record, with the largest half offset it lists. */
  records: { opOffset: number; maxHalfOffset: number }[];
  /** Next op offset after the scan. */
  end: number;
}

/**
 * Asks producers that are not remoting clients (e.g. gRPC ones) for a transaction's state.
 * Receives the re-appended half message, already addressed to its real topic and queue.
 */
export interface TransactionStateRelay {
  /** True when a producer of the message's group was asked. */
  askProducer(group: string, half: MessageExt): boolean;
}

/**
 * The transaction check-back (store-and-broker §9.4): every `transactionCheckInterval`
 * it walks the half queue from the committed offset of `CID_RMQ_SYS_TRANS`, skips half
 * messages an op record finished, discards those checked `transactionCheckMax` times (to
 * `TRANS_CHECK_MAX_TIME_TOPIC`), and for each one older than `transactionTimeOut` (or its
 * `CHECK_IMMUNITY_TIME_IN_SECONDS`) re-appends it with one more `TRANSACTION_CHECK_TIMES`
 * and asks a live producer of its group with CHECK_TRANSACTION_STATE. Progress lives in
 * `consumerOffset.json`, so it survives restarts.
 */
export class TransactionCheckService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: BrokerContext,
    private readonly relay?: TransactionStateRelay,
  ) {}

  /** Starts the periodic check. */
  start(): void {
    this.timer = setInterval(() => this.runOnce(), this.ctx.config.transactionCheckInterval);
    this.timer.unref();
  }

  /** Stops the check and waits for a run in progress. Idempotent. */
  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs one check now (after the previous one); resolves when it is done. */
  runOnce(): Promise<void> {
    this.running = this.running.then(() =>
      this.check().catch((err: unknown) => log.error({ err }, 'transaction check failed')),
    );
    return this.running;
  }

  private async check(): Promise<void> {
    const startedAt = Date.now();
    const halfEnd = this.ctx.store.getMaxOffsetInQueue(SystemTopic.TRANS_HALF, TRANSACTION_QUEUE_ID);
    let halfOffset = this.committedOffset(SystemTopic.TRANS_HALF);
    const ops = await this.scanOps(this.committedOffset(SystemTopic.TRANS_OP_HALF), halfOffset);
    while (halfOffset < halfEnd && Date.now() - startedAt < MAX_CHECK_RUN_MS) {
      if (!ops.removed.has(halfOffset)) {
        const half = await this.readHalf(halfOffset);
        if (!half || half.storeTimestamp > startedAt || !(await this.handlePending(half))) break;
      }
      halfOffset += 1;
    }
    this.commit(SystemTopic.TRANS_HALF, halfOffset);
    this.commit(SystemTopic.TRANS_OP_HALF, opOffsetAfter(ops, halfOffset));
  }

  /** Handles one unfinished half message; false when the scan must stop at it. */
  private async handlePending(half: MessageExt): Promise<boolean> {
    const { config, store } = this.ctx;
    const checkTimes = Number(half.getProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES) ?? 0) || 0;
    const tooOld = Date.now() - half.storeTimestamp > store.config.fileReservedTime * 3_600_000;
    if (checkTimes >= config.transactionCheckMax || tooOld) return this.discard(half);
    if (Date.now() - half.bornTimestamp <= immunityOf(half, config.transactionTimeOut)) return false;
    const copy = copyInto(half, SystemTopic.TRANS_HALF, TRANSACTION_QUEUE_ID);
    copy.putProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, String(checkTimes + 1));
    const put = await store.putMessage(copy);
    if (!isPutStored(put.putMessageStatus) || !put.appendMessageResult) return false;
    const stored = await store.lookMessageByOffset(put.appendMessageResult.wroteOffset);
    if (stored) this.askProducer(stored);
    return true;
  }

  /** Moves a half message that will never be resolved to `TRANS_CHECK_MAX_TIME_TOPIC`. */
  private async discard(half: MessageExt): Promise<boolean> {
    const topic = SystemTopic.TRANS_CHECK_MAX_TIME;
    this.ctx.topicConfigManager.createTopicIfAbsent(topic, 1, PermName.PERM_READ | PermName.PERM_WRITE);
    const put = await this.ctx.store.putMessage(copyInto(half, topic, 0));
    log.warn({ halfOffset: half.queueOffset, msgId: half.msgId, status: put.putMessageStatus }, 'half message discarded after too many checks');
    return isPutStored(put.putMessageStatus);
  }

  /** CHECK_TRANSACTION_STATE (one-way) to one live producer of the message's group. */
  private askProducer(half: MessageExt): void {
    const group = half.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP) ?? '';
    const producer = this.ctx.producerManager.anyChannelOf(group);
    if (!producer) {
      if (this.relay?.askProducer(group, addressedToRealQueue(half))) return;
      log.warn({ group, halfOffset: half.queueOffset }, 'no live producer to check the transaction with');
      return;
    }
    const uniqKey = half.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    const realTopic = half.getProperty(MessageConst.PROPERTY_REAL_TOPIC);
    const header = CheckTransactionStateRequestHeader.encode({
      topic: realTopic,
      tranStateTableOffset: half.queueOffset,
      commitLogOffset: half.commitLogOffset,
      msgId: uniqKey,
      transactionId: uniqKey,
      offsetMsgId: half.offsetMsgId,
      bname: this.ctx.config.brokerName,
    });
    const request = RemotingCommand.createRequest(RequestCode.CHECK_TRANSACTION_STATE, header);
    request.body = encodeStoredRecord(addressedToRealQueue(half));
    try {
      producer.channel.invokeOneway(request);
    } catch (err) {
      log.warn({ group, client: producer.remoteAddr, err }, 'CHECK_TRANSACTION_STATE failed');
    }
  }

  /** Reads the op queue from `opOffset`; ops for half offsets below `halfOffset` are done already. */
  private async scanOps(opOffset: number, halfOffset: number): Promise<OpScan> {
    const scan: OpScan = { removed: new Set(), records: [], end: opOffset };
    const opEnd = this.ctx.store.getMaxOffsetInQueue(SystemTopic.TRANS_OP_HALF, TRANSACTION_QUEUE_ID);
    while (scan.end < opEnd) {
      const result = await this.ctx.store.getMessage(SystemGroup.TRANSACTION, SystemTopic.TRANS_OP_HALF, TRANSACTION_QUEUE_ID, scan.end, SCAN_BATCH);
      if (result.messageBufferList.length === 0) break;
      result.messageBufferList.forEach((record, i) => {
        const offsets = parseOpBody(decodeStoredRecord(record, 0, { decompressBody: false }).message.body);
        for (const offset of offsets) if (offset >= halfOffset) scan.removed.add(offset);
        scan.records.push({ opOffset: result.messageQueueOffsets[i] as number, maxHalfOffset: Math.max(-1, ...offsets) });
      });
      scan.end = result.nextBeginOffset;
    }
    return scan;
  }

  private async readHalf(offset: number): Promise<MessageExt | undefined> {
    const result = await this.ctx.store.getMessage(SystemGroup.TRANSACTION, SystemTopic.TRANS_HALF, TRANSACTION_QUEUE_ID, offset, 1);
    const record = result.messageBufferList[0];
    return record && result.messageQueueOffsets[0] === offset ? decodeStoredRecord(record, 0, { decompressBody: false }).message : undefined;
  }

  private committedOffset(topic: string): number {
    const stored = this.ctx.consumerOffsetManager.queryOffset(SystemGroup.TRANSACTION, topic, TRANSACTION_QUEUE_ID);
    return stored >= 0 ? stored : this.ctx.store.getMinOffsetInQueue(topic, TRANSACTION_QUEUE_ID);
  }

  private commit(topic: string, offset: number): void {
    this.ctx.consumerOffsetManager.commitOffset(CHECK_CLIENT_HOST, SystemGroup.TRANSACTION, topic, TRANSACTION_QUEUE_ID, offset);
  }
}

/** The half message as the producer sees it: in its real topic and queue. */
function addressedToRealQueue(half: MessageExt): MessageExt {
  half.topic = half.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? half.topic;
  half.queueId = realQueueId(half);
  return half;
}

/** How long a half message is left alone: `CHECK_IMMUNITY_TIME_IN_SECONDS` but at least `transactionTimeOut`. */
function immunityOf(half: MessageExt, transactionTimeOut: number): number {
  const seconds = Number(half.getProperty(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS) ?? NaN);
  return Number.isFinite(seconds) ? Math.max(seconds * 1000, transactionTimeOut) : transactionTimeOut;
}

/** The op offset after the leading op records whose half messages are all behind `halfOffset`. */
function opOffsetAfter(scan: OpScan, halfOffset: number): number {
  const pending = scan.records.find((record) => record.maxHalfOffset >= halfOffset);
  return pending ? pending.opOffset : scan.end;
}
