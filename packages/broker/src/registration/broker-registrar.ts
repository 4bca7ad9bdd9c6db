import { crc32, getLogger, isReadable, isWriteable, type TopicConfig } from '@mq/common';
import {
  RegisterBrokerBody,
  RegisterBrokerRequestHeader,
  type BodyInit,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  UnregisterBrokerRequestHeader,
  type RemotingClient,
} from '@mq/remoting';
import type { BrokerConfig } from '../config/broker-config';
import type { TopicConfigManager } from '../topic/topic-config-manager';

const log = getLogger('BrokerRegistrar');

/** Clamp of `registerNameServerPeriod`, as Java. */
const MIN_PERIOD_MS = 10_000;
const MAX_PERIOD_MS = 60_000;
/** Java's first periodic registration runs 10 s after start. */
const FIRST_PERIODIC_DELAY_MS = 10_000;

/**
 * Registers the broker with every name server (REGISTER_BROKER with a RegisterBrokerBody
 * and its CRC): at start, every `registerNameServerPeriod`, and right after topics change;
 * unregisters at shutdown (remoting §9.1, §9.3).
 */
export class BrokerRegistrar {
  private firstTimer: NodeJS.Timeout | undefined;
  private periodicTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: BrokerConfig,
    private readonly topics: TopicConfigManager,
    private readonly client: RemotingClient,
  ) {}

  /** The name-server addresses of `namesrvAddr`. */
  get namesrvAddresses(): string[] {
    return this.config.namesrvAddr.split(';').map((a) => a.trim()).filter((a) => a !== '');
  }

  /** `brokerIP1:listenPort`. */
  get brokerAddr(): string {
    return `${this.config.brokerIP1}:${this.config.listenPort}`;
  }

  /** Registers now, then periodically. */
  async start(): Promise<void> {
    await this.registerAll();
    const period = Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, this.config.registerNameServerPeriod));
    this.firstTimer = setTimeout(() => {
      void this.registerAll();
      this.periodicTimer = setInterval(() => void this.registerAll(), period);
      this.periodicTimer.unref();
    }, FIRST_PERIODIC_DELAY_MS);
    this.firstTimer.unref();
  }

  /** Stops the periodic registration and unregisters from every name server. */
  async shutdown(): Promise<void> {
    clearTimeout(this.firstTimer);
    clearInterval(this.periodicTimer);
    const request = () =>
      RemotingCommand.createRequest(
        RequestCode.UNREGISTER_BROKER,
        UnregisterBrokerRequestHeader.encode({
          brokerName: this.config.brokerName,
          brokerAddr: this.brokerAddr,
          clusterName: this.config.brokerClusterName,
          brokerId: this.config.brokerId,
        }),
      );
    await Promise.all(this.namesrvAddresses.map((addr) => this.send(addr, request(), 'unregister')));
  }

  /** Registers `topics` (all topics when omitted) with every name server. */
  async registerAll(topics?: readonly TopicConfig[]): Promise<void> {
    const body = RegisterBrokerBody.encode(this.registerBody(topics));
    const bodyCrc32 = crc32(body);
    await Promise.all(
      this.namesrvAddresses.map((addr) => {
        const request = RemotingCommand.createRequest(
          RequestCode.REGISTER_BROKER,
          RegisterBrokerRequestHeader.encode({
            brokerName: this.config.brokerName,
            brokerAddr: this.brokerAddr,
            clusterName: this.config.brokerClusterName,
            haServerAddr: `${this.config.brokerIP2}:${this.config.haListenPort}`,
            brokerId: this.config.brokerId,
            enableActingMaster: false,
            compressed: false,
            bodyCrc32,
          }),
          body,
        );
        return this.send(addr, request, 'register');
      }),
    );
  }

  /** RegisterBrokerBody (5.x shape). */
  private registerBody(topics?: readonly TopicConfig[]): BodyInit<typeof RegisterBrokerBody> {
    const snapshot = this.topics.snapshot(topics);
    this.maskWithBrokerPermission(snapshot.topicConfigTable);
    return {
      filterServerList: [],
      topicConfigSerializeWrapper: {
        dataVersion: snapshot.dataVersion,
        mappingDataVersion: { counter: 0, stateVersion: 0, timestamp: snapshot.dataVersion.timestamp },
        topicConfigTable: snapshot.topicConfigTable,
        topicQueueMappingDetailMap: {},
        topicQueueMappingInfoMap: {},
      },
    };
  }

  /** Java advertises `perm & brokerPermission` for every topic while the broker is not read-write. */
  private maskWithBrokerPermission(table: Record<string, TopicConfig>): void {
    const brokerPerm = this.config.brokerPermission;
    if (isReadable(brokerPerm) && isWriteable(brokerPerm)) return;
    for (const topic of Object.values(table)) topic.perm &= brokerPerm;
  }

  private async send(addr: string, request: RemotingCommand, what: string): Promise<void> {
    try {
      const response = await this.client.invoke(addr, request, this.config.registerBrokerTimeoutMills);
      if (response.code !== ResponseCode.SUCCESS) {
        log.warn({ namesrv: addr, code: response.code, remark: response.remark }, `${what} broker refused`);
      }
    } catch (err) {
      log.warn({ namesrv: addr, err }, `${what} broker failed`);
    }
  }
}
