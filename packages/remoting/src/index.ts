/**
 * @mq/remoting — Apache RocketMQ's native TCP protocol: RemotingCommand, both header
 * serializations, the frame codec, request/response codes, typed headers and bodies,
 * RemotingServer and RemotingClient.
 *
 * @packageDocumentation
 */
export * from './protocol';
export { LanguageCode, languageName, languageCodeOf, type LanguageName } from './command/language-code';
export { MQVersion, mqVersionOrdinal } from './command/mq-version';
export { nextOpaque } from './command/opaque';
export {
  RemotingCommand,
  RemotingCommandFlag,
  commandDefaults,
  type CommandDefaults,
  type ExtFields,
} from './command/remoting-command';
export { SerializeType, isSerializeType } from './command/serialize-type';
export { decodeCommand, encodeCommand, encodeCommandHead } from './codec/command-codec';
export { RemotingDecodeError } from './codec/decode-error';
export { FrameDecoder, type FrameHandler } from './codec/frame-decoder';
export { MAX_FRAME_LENGTH } from './codec/frame-limits';
export { decodeJsonHeader, encodeJsonHeader } from './codec/json-header';
export { decodeRocketmqHeader, rocketmqHeaderLength, writeRocketmqHeader } from './codec/rocketmq-header';
export { parseAddress, type HostPort } from './transport/address';
export type { ChannelLifecycleEvents } from './transport/channel-events';
export { RemotingChannel, type ChannelOptions, type InboundRequestHandler, type RemotingChannelEvents } from './transport/remoting-channel';
export { RemotingClient, type InvokeOptions, type RemotingClientOptions } from './transport/remoting-client';
export { RemotingServer, type RemotingServerOptions, type ServerTlsOptions } from './transport/remoting-server';
export { RequestDispatcher, type RequestProcessor } from './transport/request-dispatcher';
export type { TlsMode } from './transport/tls-sniffer';
