import type { BrokerContext } from '../broker-context';
import { recallTimerMessage } from '../timer/timer-recall';
import type { CallContext } from './call-context';
import { requireTopic } from './name-validation';
import { peerHost } from './peer-host';
import { topicMessageType } from './route-service';
import { grpcError, OK_STATUS } from './status';
import { Code, type RecallMessageRequest, type RecallMessageResponse } from './types';

/** Topic types a timer message may be recalled from (the reference's DELAY type check; MIXED accepts all). */
const RECALLABLE_TOPIC_TYPES: ReadonlySet<string> = new Set(['DELAY', 'MIXED']);

/**
 * RecallMessage (spec §4.15): cancels a pending timer message by the handle its send answered.
 * Broker refusals keep their mapping (§2.3): recall disabled ⇒ FORBIDDEN, unknown topic ⇒
 * TOPIC_NOT_FOUND, a malformed handle or one whose message was already delivered ⇒
 * INTERNAL_SERVER_ERROR.
 */
export class RecallService {
  constructor(private readonly ctx: BrokerContext) {}

  async recallMessage(request: RecallMessageRequest, call: CallContext): Promise<RecallMessageResponse> {
    const topic = requireTopic(request.topic);
    const config = this.ctx.topicConfigManager.selectTopicConfig(topic);
    if (config && !RECALLABLE_TOPIC_TYPES.has(topicMessageType(config))) {
      throw grpcError(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE, `TopicMessageType validate failed, the topic ${topic} is ${topicMessageType(config)}, not DELAY`);
    }
    const messageId = await recallTimerMessage(this.ctx, { topic, recallHandle: request.recall_handle ?? '', bornHost: peerHost(call.peer) });
    return { status: OK_STATUS, message_id: messageId };
  }
}
