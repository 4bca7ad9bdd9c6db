import { RequestCode, type RequestProcessor } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { AckMessageProcessor } from './ack-message-processor';
import { ChangeInvisibleTimeProcessor } from './change-invisible-time-processor';
import { NotificationProcessor } from './notification-processor';
import { PeekMessageProcessor } from './peek-message-processor';
import { PollingInfoProcessor } from './polling-info-processor';
import { PopMessageProcessor } from './pop-message-processor';
import { PopPollingLimits } from './pop-polling-limits';
import type { PopService } from './pop-service';

/** The remoting POP family (codes 200050–200055, 200151) served by `pop`. */
export function popProcessorTable(ctx: BrokerContext, pop: PopService): [number, RequestProcessor][] {
  const limits = new PopPollingLimits();
  const popMessage = new PopMessageProcessor(ctx, pop, limits);
  const acks = new AckMessageProcessor(ctx, pop);
  const change = new ChangeInvisibleTimeProcessor(ctx, pop);
  const peek = new PeekMessageProcessor(ctx, pop);
  const notification = new NotificationProcessor(ctx, pop, limits);
  const pollingInfo = new PollingInfoProcessor(ctx, limits);
  return [
    [RequestCode.POP_MESSAGE, (r) => popMessage.process(r)],
    [RequestCode.ACK_MESSAGE, (r) => acks.ack(r)],
    [RequestCode.BATCH_ACK_MESSAGE, (r) => acks.batchAck(r)],
    [RequestCode.CHANGE_MESSAGE_INVISIBLETIME, (r) => change.process(r)],
    [RequestCode.PEEK_MESSAGE, (r) => peek.process(r)],
    [RequestCode.NOTIFICATION, (r) => notification.process(r)],
    [RequestCode.POLLING_INFO, (r) => pollingInfo.process(r)],
  ];
}
