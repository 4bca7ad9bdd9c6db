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
import type { RouteService } from './route-service';
import type { SendService } from './send-service';
import { grpcError, statusFromError } from './status';
import { Code, type ReceiveMessageRequest, type StatusResponse, type TelemetryCommand } from './types';

const log = getLogger('GrpcMessagingService');

/** The services behind `apache.rocketmq.v2.MessagingService`. */
export interface MessagingServices {
  readonly route: RouteService;
  readonly send: SendService;
  readonly consumer: ConsumerService;
  readonly client: ClientService;
  readonly endTransaction: EndTransactionService;
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
    ReceiveMessage: (call: ServerWritableStream<ReceiveMessageRequest, object>) => receiveMessage(services.consumer, call),
    AckMessage: unary((r) => services.consumer.ackMessage(r)),
    ForwardMessageToDeadLetterQueue: unary((r) => services.consumer.forwardMessageToDeadLetterQueue(r)),
    EndTransaction: unary((r) => services.endTransaction.endTransaction(r)),
    NotifyClientTermination: unary((r, c) => services.client.notifyClientTermination(r, c)),
    ChangeInvisibleDuration: unary((r) => services.consumer.changeInvisibleDuration(r)),
    Telemetry: (call: ServerDuplexStream<TelemetryCommand, TelemetryCommand>) => telemetry(services.client, call),
    PullMessage: unimplemented('PullMessage'),
    UpdateOffset: unimplemented('UpdateOffset'),
    GetOffset: unimplemented('GetOffset'),
    QueryOffset: unimplemented('QueryOffset'),
    RecallMessage: unary(() => {
      throw grpcError(Code.UNSUPPORTED, 'recalling timer messages is not supported by this broker yet');
    }),
    SyncLiteSubscription: unimplemented('SyncLiteSubscription'),
  };
}

/** Server streaming: one status element, the messages, the delivery timestamp; always ended before the deadline. */
function receiveMessage(consumer: ConsumerService, call: ServerWritableStream<ReceiveMessageRequest, object>): void {
  const aborted = new AbortController();
  call.on('cancelled', () => aborted.abort());
  const write = (element: object): void => {
    if (!aborted.signal.aborted) call.write(element);
  };
  const run = async (): Promise<void> => consumer.receiveMessage(call.request, callContext(call), write, aborted.signal);
  run()
    .catch((error: unknown) => {
      write({ status: statusFromError(error) });
      write({ delivery_timestamp: { seconds: Math.floor(Date.now() / 1000), nanos: 0 } });
    })
    .finally(() => {
      if (!aborted.signal.aborted) call.end();
    });
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
