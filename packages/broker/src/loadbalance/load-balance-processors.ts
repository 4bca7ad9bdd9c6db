import { RequestCode, type RemotingClient, type RequestProcessor } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { MessageRequestModeManager } from './message-request-mode-manager';
import { QueryAssignmentProcessor } from './query-assignment-processor';
import { TopicSubscribeInfo } from './topic-subscribe-info';

/** What server-side rebalancing needs beyond the broker context. */
export interface LoadBalanceDeps {
  /** The broker's client to the name servers. */
  readonly client: RemotingClient;
  /** The name servers the broker registers with. */
  readonly namesrvAddresses: () => readonly string[];
}

/**
 * QUERY_ASSIGNMENT (400), SET_MESSAGE_REQUEST_MODE (401) and GET_ALL_MESSAGE_REQUEST_MODE
 * (402) with their processor, for the controller's dispatch table. Loads
 * `config/messageRequestMode.json`, so call it once at start-up.
 */
export function loadBalanceProcessorTable(ctx: BrokerContext, deps: LoadBalanceDeps): [number, RequestProcessor][] {
  const modes = new MessageRequestModeManager(ctx.store.config.storePathRootDir);
  modes.load();
  const subscribeInfo = new TopicSubscribeInfo({ ...deps, config: ctx.config, topicConfigManager: ctx.topicConfigManager });
  const processor = new QueryAssignmentProcessor(ctx, modes, subscribeInfo);
  return [
    [RequestCode.QUERY_ASSIGNMENT, (r) => processor.queryAssignment(r)],
    [RequestCode.SET_MESSAGE_REQUEST_MODE, (r) => processor.setMessageRequestMode(r)],
    [RequestCode.GET_ALL_MESSAGE_REQUEST_MODE, (r) => processor.allMessageRequestModes(r)],
  ];
}
