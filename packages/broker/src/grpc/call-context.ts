import type { Metadata } from '@grpc/grpc-js';
import { Code } from './types';
import { grpcError } from './status';

/** What the handlers need from a call's headers (spec §3.1). */
export interface CallContext {
  readonly clientId: string;
  readonly language: string;
  readonly clientVersion: string;
  /** `ip:port` of the peer. */
  readonly peer: string;
  /** Epoch ms at which the call's deadline passes; `Infinity` without a deadline. */
  readonly deadline: number;
}

/** The part of a grpc-js call the context is read from. */
export interface CallLike {
  readonly metadata: Metadata;
  getPeer(): string;
  getDeadline(): Date | number;
}

function header(metadata: Metadata, key: string): string {
  const value = metadata.get(key)[0];
  return value === undefined ? '' : value.toString();
}

/** Reads the headers of a call; a blank `x-mq-client-id` is CLIENT_ID_REQUIRED (the only mandatory header). */
export function callContext(call: CallLike): CallContext {
  const clientId = header(call.metadata, 'x-mq-client-id').trim();
  if (clientId === '') throw grpcError(Code.CLIENT_ID_REQUIRED, 'client id cannot be empty');
  const deadline = call.getDeadline();
  return {
    clientId,
    language: header(call.metadata, 'x-mq-language'),
    clientVersion: header(call.metadata, 'x-mq-client-version'),
    peer: call.getPeer(),
    deadline: deadline instanceof Date ? deadline.getTime() : deadline,
  };
}
