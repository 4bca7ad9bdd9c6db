import type { ConsumeFromWhere, MessageModel } from '@mq/remoting';
import type { ClientOptions } from '../client-options';
import type { MQClientInstance } from '../instance/mq-client-instance';
import type { AllocateMessageQueueStrategy } from '../rebalance/allocate-strategy';
import { AllocateMessageQueueAveragely } from '../rebalance/strategies/averagely';
import { LocalFileOffsetStore, defaultLocalOffsetStoreDir } from './local-file-offset-store';
import type { OffsetStore } from './offset-store';
import { RemoteBrokerOffsetStore } from './remote-broker-offset-store';

/** The options the push and lite pull consumers share. */
export interface ConsumerGroupOptions extends ClientOptions {
  group: string;
  messageModel?: MessageModel;
  consumeFromWhere?: ConsumeFromWhere;
  consumeTimestamp?: string;
  allocateMessageQueueStrategy?: AllocateMessageQueueStrategy;
  pullThresholdForQueue?: number;
  pullThresholdSizeForQueue?: number;
  rebalanceIntervalMs?: number;
}

/** {@link ConsumerGroupOptions} consumer fields with the defaults both Java consumers agree on. */
export interface ConsumerGroupSettings {
  group: string;
  messageModel: MessageModel;
  consumeFromWhere: ConsumeFromWhere;
  consumeTimestamp?: string;
  allocateMessageQueueStrategy: AllocateMessageQueueStrategy;
  pullThresholdForQueue: number;
  pullThresholdSizeForQueue: number;
  rebalanceIntervalMs: number;
}

/** Applies the shared consumer defaults. */
export function resolveConsumerGroupSettings(options: ConsumerGroupOptions): ConsumerGroupSettings {
  return {
    group: options.group,
    messageModel: options.messageModel ?? 'CLUSTERING',
    consumeFromWhere: options.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET',
    consumeTimestamp: options.consumeTimestamp,
    allocateMessageQueueStrategy: options.allocateMessageQueueStrategy ?? new AllocateMessageQueueAveragely(),
    pullThresholdForQueue: options.pullThresholdForQueue ?? 1000,
    pullThresholdSizeForQueue: options.pullThresholdSizeForQueue ?? 100,
    rebalanceIntervalMs: options.rebalanceIntervalMs ?? 20_000,
  };
}

/** Where a consumer keeps its offsets: a local file when broadcasting, the broker when clustering. */
export function createConsumerOffsetStore(
  instance: MQClientInstance,
  settings: Pick<ConsumerGroupSettings, 'group' | 'messageModel'>,
  localOffsetStoreDir: string | undefined,
): OffsetStore {
  return settings.messageModel === 'BROADCASTING'
    ? new LocalFileOffsetStore(localOffsetStoreDir ?? defaultLocalOffsetStoreDir(), instance.clientId, settings.group)
    : new RemoteBrokerOffsetStore(instance, settings.group);
}
