import {
  status as grpcStatus,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { getLogger } from '@mq/common';
import { callContext, type CallContext } from './call-context';
import type { ClientService } from './client-service';
import type { ConsumerService } from './consumer-service';
import type { EndTransactionService } from './end-transaction-service';
import type { PullService } from './pull-service';
import type { RecallService } from './recall-service';
import type { RouteService } from './route-service';
import type { SendService } from './send-service';
import { statusFromError } from './status';
import type { PullMessageRequest, ReceiveMessageRequest, Status, StatusResponse, TelemetryCommand } from './types';

const log = getLogger('GrpcMessagingService');

/** The services behind `apache.rocketmq.v2.MessagingService`. */
export interface MessagingServices {
  readonly route: RouteService;
  readonly send: SendService;
  readonly consumer: ConsumerService;
  readonly client: ClientService;
  readonly endTransaction: EndTransactionService;
  readonly pull: PullService;
  readonly recall: RecallService;
}

type UnaryHandler<Req> = (request: Req, call: CallContext) => object | Promise<object>;

/**
 * Wraps a unary handler with the common pipeline (spec §4.2): headers → context
 * (CLIENT_ID_REQUIRED), dispatch, and every failure answered in-band as `{status}`.
 */
function unary<Req>(handler: UnaryHandler<Req>) {
  return (call: ServerUnaryCall<Req, object>, callback: sendUnaryData<object>): void => {
    const run = async (): Promise<object> => handler(call.request, callContext(call));
    run().then(
      (response) => callback(null, response),
      (error: unknown) => callback(null, { status: statusFromError(error) } satisfies StatusResponse),
    );
  };
}

function unimplemented(method: string) {
  return (_call: unknown, callback: sendUnaryData<object>): void =>
    callback({ code: grpcStatus.UNIMPLEMENTED, details: `${method} is not implemented` });
}

/** grpc-js handlers of every MessagingService RPC. */
export function messagingServiceHandlers(services: MessagingServices): UntypedServiceImplementation {
  return {
    QueryRoute: unary((r, _c) => services.route.queryRoute(r)),
    Heartbeat: unary((r, c) => services.client.heartbeat(r, c)),
    SendMessage: unary((r, c) => services.send.sendMessage(r, c)),
    QueryAssignment: unary((r) => services.route.queryAssignment(r)),
    ReceiveMessage: serverStream<ReceiveMessageRequest>(
      (r, c, write, signal) => services.consumer.receiveMessage(r, c, write, signal),
      (status) => [{ status }, { delivery_timestamp: { seconds: Math.floor(Date.now() / 1000), nanos: 0 } }],
    ),
    AckMessage: unary((r, c) => services.consumer.ackMessage(r, c)),
    ForwardMessageToDeadLetterQueue: unary((r, c) => services.consumer.forwardMessageToDeadLetterQueue(r, c)),
    EndTransaction: unary((r) => services.endTransaction.endTransaction(r)),
    NotifyClientTermination: unary((r, c) => services.client.notifyClientTermination(r, c)),
    ChangeInvisibleDuration: unary((r, c) => services.consumer.changeInvisibleDuration(r, c)),
    Telemetry: (call: ServerDuplexStream<TelemetryCommand, TelemetryCommand>) => telemetry(services.client, call),
    PullMessage: serverStream<PullMessageRequest>((r, c, write, signal) => services.pull.pullMessage(r, c, write, signal), (status) => [{ status }]),
    UpdateOffset: unary((r, c) => services.pull.updateOffset(r, c)),
    GetOffset: unary((r) => services.pull.getOffset(r)),
    QueryOffset: unary((r) => services.pull.queryOffset(r)),
    RecallMessage: unary((r, c) => services.recall.recallMessage(r, c)),
    SyncLiteSubscription: unimplemented('SyncLiteSubscription'),
  };
}

type StreamHandler<Req> = (request: Req, call: CallContext, write: (element: object) => void, signal: AbortSignal) => Promise<void>;

/**
 * Server streaming (ReceiveMessage, PullMessage): the handler writes its elements; a failure is
 * answered in-band with `failure(status)`; writes stop once the client cancelled; the stream is
 * always ended (handlers finish before the deadline).
 */
function serverStream<Req>(handler: StreamHandler<Req>, failure: (status: Status) => object[]) {
  return (call: ServerWritableStream<Req, object>): void => {
    const aborted = new AbortController();
    call.on('cancelled', () => aborted.abort());
    const write = (element: object): void => {
      if (!aborted.signal.aborted) call.write(element);
    };
    const run = async (): Promise<void> => handler(call.request, callContext(call), write, aborted.signal);
    run()
      .catch((error: unknown) => failure(statusFromError(error)).forEach(write))
      .finally(() => {
        if (!aborted.signal.aborted) call.end();
      });
  };
}

/**
 * Bidirectional Telemetry: every Settings is answered on the same stream; writes go through
 * one function so the client's command channel is that same writer. Unusable Settings close the
 * stream with INVALID_ARGUMENT (4xxxx codes) or INTERNAL.
 */
function telemetry(client: ClientService, call: ServerDuplexStream<TelemetryCommand, TelemetryCommand>): void {
  let context: CallContext;
  try {
    context = callContext(call);
  } catch (error) {
    call.write({ status: statusFromError(error) });
    call.end();
    return;
  }
  const channel = (command: TelemetryCommand): void => {
    if (!call.writableEnded && !call.cancelled) call.write(command);
  };
  call.on('data', (command: TelemetryCommand) => {
    try {
      const reply = client.telemetry(command, context, channel);
      if (reply) channel(reply);
    } catch (error) {
      const status = statusFromError(error);
      log.warn({ clientId: context.clientId, code: status.code, reason: status.message }, 'telemetry command rejected');
      const code = (status.code ?? 0) >= 40000 && (status.code ?? 0) < 50000 ? grpcStatus.INVALID_ARGUMENT : grpcStatus.INTERNAL;
      call.emit('error', { code, details: status.message });
    }
  });
  const detach = (): void => client.detachChannel(context.clientId, channel);
  call.on('end', () => {
    detach();
    call.end();
  });
  call.on('cancelled', detach);
  call.on('error', detach);
}
