import { MQError, getLogger } from '@mq/common';
import { RemotingCommand } from '../command/remoting-command';
import { requestCodeName } from '../protocol/request-code';
import { ResponseCode } from '../protocol/response-code';
import type { RemotingChannel } from './remoting-channel';

/**
 * Serves one request code. Returns the response, or nothing: for one-way requests, and for
 * requests the processor will answer later itself with `channel.send` (e.g. a long-polled
 * pull). Throwing MQError answers with its code and remark; any other throw answers
 * SYSTEM_ERROR.
 */
export type RequestProcessor = (
  request: RemotingCommand,
  channel: RemotingChannel,
) => Promise<RemotingCommand | void> | RemotingCommand | void;

const log = getLogger('RequestDispatcher');

/**
 * Routes incoming requests to processors by request code and writes their responses on the
 * channel the request came from, echoing opaque and serialization. Counts the requests in
 * progress so an owner can drain them on shutdown.
 */
export class RequestDispatcher {
  private readonly processors = new Map<number, RequestProcessor>();
  private defaultProcessor: RequestProcessor | undefined;
  private inProgress = 0;
  private idleWaiters: Array<() => void> = [];

  /** Serves `code` with `processor`, replacing any earlier one. */
  registerProcessor(code: number, processor: RequestProcessor): void {
    this.processors.set(code, processor);
  }

  /** Serves every code without a processor of its own. */
  registerDefaultProcessor(processor: RequestProcessor): void {
    this.defaultProcessor = processor;
  }

  /** Requests whose processor has not finished yet. */
  get requestsInProgress(): number {
    return this.inProgress;
  }

  /** Resolves once no request is in progress. */
  whenIdle(): Promise<void> {
    if (this.inProgress === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs the processor for `request` and answers on `channel` unless it is one-way. */
  dispatch(request: RemotingCommand, channel: RemotingChannel): void {
    const processor = this.processors.get(request.code) ?? this.defaultProcessor;
    if (!processor) {
      this.answer(request, channel, notSupported(request, channel));
      return;
    }
    this.inProgress++;
    let result: ReturnType<RequestProcessor>;
    try {
      result = processor(request, channel);
    } catch (error) {
      this.finish(request, channel, failureResponse(request, channel, error));
      return;
    }
    if (isPromiseLike(result)) {
      result.then(
        (response) => this.finish(request, channel, response ?? undefined),
        (error: unknown) => this.finish(request, channel, failureResponse(request, channel, error)),
      );
    } else {
      this.finish(request, channel, result ?? undefined);
    }
  }

  private finish(request: RemotingCommand, channel: RemotingChannel, response: RemotingCommand | undefined): void {
    if (--this.inProgress === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
    if (response) this.answer(request, channel, response);
  }

  private answer(request: RemotingCommand, channel: RemotingChannel, response: RemotingCommand): void {
    if (request.isOneway || !channel.isActive) return;
    response.opaque = request.opaque;
    response.serializeType = request.serializeType;
    response.markResponse();
    try {
      channel.send(response);
    } catch (error) {
      channel.send(failureResponse(request, channel, error));
    }
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<RemotingCommand | void> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

function notSupported(request: RemotingCommand, channel: RemotingChannel): RemotingCommand {
  const remark = ` request type ${request.code} not supported`;
  log.warn({ peer: channel.remoteAddress, code: request.code }, remark);
  return RemotingCommand.createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, remark);
}

function failureResponse(request: RemotingCommand, channel: RemotingChannel, error: unknown): RemotingCommand {
  const fields = { peer: channel.remoteAddress, code: request.code, request: requestCodeName(request.code) };
  if (error instanceof MQError) {
    log.debug({ ...fields, responseCode: error.code }, error.remark);
    return RemotingCommand.createResponse(request, error.code, error.remark);
  }
  log.error({ ...fields, err: error }, 'request processor failed');
  return RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, String(error));
}
