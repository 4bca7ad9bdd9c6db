import { MQError, getLogger, type MessageQueue } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { MQClientInstance } from '../instance/mq-client-instance';
import { OFFSET_NOT_FOUND, OFFSET_UNREADABLE, OffsetTable, type OffsetStore, type ReadOffsetType } from './offset-store';

const log = getLogger('RemoteBrokerOffsetStore');

/** Clustering offsets, kept on the broker that hosts each queue (Java's `RemoteBrokerOffsetStore`). */
export class RemoteBrokerOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();

  constructor(
    private readonly instance: MQClientInstance,
    private readonly group: string,
  ) {}

  async load(): Promise<void> {}

  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.update(mq, offset, increaseOnly);
  }

  async readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number> {
    const inMemory = this.table.get(mq);
    if (type === 'MEMORY') return inMemory ?? OFFSET_NOT_FOUND;
    if (type === 'MEMORY_FIRST_THEN_STORE' && inMemory !== undefined) return inMemory;
    try {
      const offset = await this.fetchFromBroker(mq);
      this.table.update(mq, offset, false);
      return offset;
    } catch (error) {
      if (error instanceof MQError && error.code === ResponseCode.QUERY_NOT_FOUND) return OFFSET_NOT_FOUND;
      log.warn({ mq: mq.key, err: (error as Error).message }, 'cannot read the consumer offset from the broker');
      return OFFSET_UNREADABLE;
    }
  }

  async persistAll(mqs: readonly MessageQueue[]): Promise<void> {
    await Promise.all(mqs.map((mq) => this.persist(mq)));
  }

  async persist(mq: MessageQueue): Promise<void> {
    const offset = this.table.get(mq);
    if (offset === undefined) return;
    const addr = this.instance.findBrokerAddressInPublish(mq.brokerName);
    if (!addr) return;
    await this.instance.api
      .updateConsumerOffset(addr, { consumerGroup: this.group, topic: mq.topic, queueId: mq.queueId, commitOffset: offset, bname: mq.brokerName })
      .catch((error: Error) => log.warn({ mq: mq.key, offset, err: error.message }, 'offset commit failed'));
  }

  removeOffset(mq: MessageQueue): void {
    this.table.remove(mq);
  }

  snapshot(): ReadonlyArray<[MessageQueue, number]> {
    return this.table.entries();
  }

  private async fetchFromBroker(mq: MessageQueue): Promise<number> {
    let addr = this.instance.findBrokerAddressInPublish(mq.brokerName);
    if (!addr) {
      await this.instance.updateTopicRoute(mq.topic);
      addr = this.instance.findBrokerAddressInPublish(mq.brokerName);
    }
    if (!addr) throw new MQError(ResponseCode.SYSTEM_ERROR, `The broker[${mq.brokerName}] not exist`);
    return this.instance.api.queryConsumerOffset(addr, { consumerGroup: this.group, topic: mq.topic, queueId: mq.queueId, bname: mq.brokerName });
  }
}
