import type { RemotingChannel } from './remoting-channel';

/** Connection events a {@link RemotingServer} or {@link RemotingClient} emits for upper layers. */
export interface ChannelLifecycleEvents {
  /** A connection is established (accepted, or opened by the client) and ready to use. */
  connect: [channel: RemotingChannel];
  /** A connection closed; its pending requests have been rejected. */
  close: [channel: RemotingChannel];
  /** A connection saw no traffic for the idle time and is being closed. */
  idle: [channel: RemotingChannel];
}
