import type { SubscriptionGroupConfig } from '../subscription/subscription-group-config';
import { fromMillis } from './durations';
import type { RetryPolicy, Settings } from './types';

/** Producer retry back-off: 3 attempts, 10 ms doubling up to 1 s (reference values). */
const PRODUCER_BACKOFF: RetryPolicy = {
  max_attempts: 3,
  exponential_backoff: { initial: fromMillis(10), max: fromMillis(1000), multiplier: 2 },
};
/** `receive_batch_size` push consumers use verbatim. */
export const RECEIVE_BATCH_SIZE = 32;

/**
 * The effective Settings answered to a producer (spec §4.5): the client's own echoed, plus an
 * exponential back-off (Java and Node require that strategy), a non-zero body limit, type
 * validation and metrics off.
 */
export function producerSettingsReply(settings: Settings, maxBodySize: number): Settings {
  return {
    ...echoed(settings),
    backoff_policy: PRODUCER_BACKOFF,
    publishing: { topics: settings.publishing?.topics ?? [], max_body_size: maxBodySize, validate_message_type: true },
  };
}

/**
 * The effective Settings answered to a push or simple consumer: `fifo` from the group's
 * `consumeMessageOrderly`, batch 32, long polling `maxLongPollingMs`
 * (`grpcClientConsumerMaxLongPollingTimeoutMillis`), and an exponential redelivery back-off
 * with `max_attempts = retryMaxTimes + 1` (the strategy both Java and Node understand).
 */
export function consumerSettingsReply(settings: Settings, group: SubscriptionGroupConfig | undefined, maxLongPollingMs: number): Settings {
  const subscription = settings.subscription ?? {};
  return {
    ...echoed(settings),
    backoff_policy: {
      max_attempts: (group?.retryMaxTimes ?? 16) + 1,
      exponential_backoff: { initial: fromMillis(1000), max: fromMillis(7_200_000), multiplier: 2 },
    },
    subscription: {
      group: subscription.group,
      subscriptions: subscription.subscriptions ?? [],
      fifo: group?.consumeMessageOrderly ?? false,
      receive_batch_size: RECEIVE_BATCH_SIZE,
      long_polling_timeout: fromMillis(maxLongPollingMs),
    },
  };
}

function echoed(settings: Settings): Settings {
  return {
    client_type: settings.client_type,
    access_point: settings.access_point,
    request_timeout: settings.request_timeout,
    user_agent: settings.user_agent,
    metric: { on: false },
  };
}
