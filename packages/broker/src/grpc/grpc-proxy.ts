import path from 'node:path';
import type { BrokerContext } from '../broker-context';
import type { PopService } from '../pop/pop-service';
import type { EndTransactionProcessor } from '../transaction/end-transaction-processor';
import type { TransactionStateRelay } from '../transaction/transaction-check-service';
import { ClientService } from './client-service';
import { GrpcClientRegistry } from './client-registry';
import { ConsumerService } from './consumer-service';
import { EndTransactionService } from './end-transaction-service';
import { GrpcServer } from './grpc-server';
import { messagingServiceHandlers } from './messaging-service';
import { OrphanedTransactionRelay } from './orphaned-transaction-relay';
import { PullService } from './pull-service';
import { ReceiptHandleRenewer } from './receipt-handle-renewer';
import { RecallService } from './recall-service';
import { RouteService } from './route-service';
import { SendService } from './send-service';
import { loadOrCreateCertificate } from './tls-certificate';
import { TransactionDataStore } from './transaction-data';

/** Where the broker's gRPC API listens. */
export interface GrpcProxyOptions {
  readonly host: string;
  /** `grpcServerPort`; 0 picks a free port. */
  readonly port: number;
  /** Folder of the self-signed certificate (the store root). */
  readonly certDir: string;
  /** A configured key and certificate instead of the self-signed one. */
  readonly tlsFiles?: { keyPath: string; certPath: string };
}

/** The broker modules the gRPC API hands work to. */
export interface GrpcProxyModules {
  readonly pop: PopService;
  /** The END_TRANSACTION processor the remoting API uses. */
  readonly endTransaction: EndTransactionProcessor;
}

/**
 * The broker-embedded RocketMQ 5 gRPC API: the MessagingService RPCs on top of the broker's
 * managers and the POP service.
 */
export class GrpcProxy {
  readonly clients = new GrpcClientRegistry();
  /** Relays the broker's transaction check-backs to gRPC producers. */
  readonly transactionRelay: TransactionStateRelay;
  private readonly server: GrpcServer;
  private readonly renewer: ReceiptHandleRenewer;
  private readonly clientService: ClientService;

  constructor(ctx: BrokerContext, modules: GrpcProxyModules, options: GrpcProxyOptions) {
    const transactions = new TransactionDataStore();
    this.renewer = new ReceiptHandleRenewer(modules.pop, ctx.config, (group) => ctx.subscriptionGroupManager.selectSubscriptionGroupConfig(group));
    this.clientService = new ClientService(ctx, this.clients, this.renewer);
    this.transactionRelay = new OrphanedTransactionRelay(this.clients, transactions);
    this.server = new GrpcServer({
      host: options.host,
      port: options.port,
      handlers: messagingServiceHandlers({
        route: new RouteService(ctx, () => this.server.port),
        send: new SendService(ctx, transactions),
        consumer: new ConsumerService(ctx, modules.pop, this.clients, this.renewer),
        endTransaction: new EndTransactionService(modules.endTransaction, transactions),
        client: this.clientService,
        pull: new PullService(ctx),
        recall: new RecallService(ctx),
      }),
      tls: () => loadOrCreateCertificate(path.join(options.certDir, 'tls'), options.tlsFiles),
    });
  }

  /** The bound port (after start). */
  get port(): number {
    return this.server.port;
  }

  start(): Promise<number> {
    this.renewer.start();
    this.clientService.start();
    return this.server.start();
  }

  shutdown(): Promise<void> {
    this.renewer.shutdown();
    this.clientService.shutdown();
    return this.server.shutdown();
  }
}
