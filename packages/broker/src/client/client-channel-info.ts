/**
 * One client connection as the broker knows it from heartbeats: which client, speaking which
 * language and version, last heard from when.
 *
 * `C` is the transport's connection handle; it is used only as an identity.
 */
export interface ClientChannelInfo<C> {
  readonly channel: C;
  readonly clientId: string;
  /** `language` of the client's requests (JAVA, CPP, ...). */
  readonly language: string;
  /** `version` of the client's requests (MQVersion ordinal). */
  readonly version: number;
  /** `ip:port` of the peer. */
  readonly remoteAddr: string;
  lastUpdateTimestamp: number;
}
