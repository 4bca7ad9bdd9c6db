import { MessageQueue, MQError } from '@mq/common';
import type { ConsumerProgress } from '@mq/client';
import type { ConsumerConnection } from '@mq/remoting';
import { formatGroupConsumeSummaries, groupOfRetryTopic, summarizeGroup } from '../src/commands/consumer-progress-groups';
import { consumerProgressCommand } from '../src/commands/consumer-progress';
import type { CommandContext } from '../src/cli/admin-command';

const HEADER = '#Group                                                            #Count  #Version                 #Type  #Model          #TPS     #Diff Total';

function connection(fields: Partial<ConsumerConnection>): ConsumerConnection {
  return {
    connectionSet: [],
    consumeType: 'CONSUME_PASSIVELY',
    messageModel: 'CLUSTERING',
    consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
    subscriptionTable: {},
    ...fields,
  } as ConsumerConnection;
}

function client(version: number): ConsumerConnection['connectionSet'][number] {
  return { clientId: `127.0.0.1@${version}`, clientAddr: '127.0.0.1:1', language: 'JAVA', version };
}

function progress(consumeTps: number, ...offsets: Array<[number, number]>): ConsumerProgress {
  const queues = offsets.map(([brokerOffset, consumerOffset], queueId) => ({
    mq: new MessageQueue('T', 'b1', queueId),
    brokerOffset,
    consumerOffset,
    pullOffset: consumerOffset,
    lastTimestamp: 0,
    lag: Math.max(0, brokerOffset - consumerOffset),
  }));
  return { queues, consumeTps, totalLag: queues.reduce((sum, queue) => sum + queue.lag, 0) };
}

describe('consumerProgress without -g: rows', () => {
  it('prints mqadmin golden lines for push, pull, broadcast and offline groups', () => {
    const text = formatGroupConsumeSummaries([
      summarizeGroup('PushGroup', progress(12.9, [10, 4], [5, 5]), connection({ connectionSet: [client(479), client(413)] })),
      summarizeGroup('PullGroup', progress(0, [3, 1]), connection({ consumeType: 'CONSUME_ACTIVELY', connectionSet: [client(409)] })),
      summarizeGroup('PopGroup', undefined, connection({ consumeType: 'CONSUME_POP', connectionSet: [client(479)] })),
      summarizeGroup('Broadcast', progress(1, [2, 0]), connection({ messageModel: 'BROADCASTING', connectionSet: [client(479)] })),
      summarizeGroup('Gone', progress(0.5, [7, 2], [1, 3]), undefined),
    ]);
    expect(text.split('\n')).toEqual([
      HEADER,
      'PushGroup                                                         2       V5_0_0                   PUSH   CLUSTERING      12       6',
      'PullGroup                                                         1       V4_9_8                   PULL                   0        2',
      'PopGroup                                                          1       V5_3_3                   PUSH                   0        0',
      'Broadcast                                                         1       V5_3_3                   PUSH   BROADCASTING    1        2',
      'Gone                                                              0       OFFLINE                                         0        3',
      '',
    ]);
  });

  it('prints only the header when the cluster has no group, and keeps a 64-character group name', () => {
    expect(formatGroupConsumeSummaries([])).toBe(`${HEADER}\n`);
    const long = 'G'.repeat(70);
    expect(formatGroupConsumeSummaries([summarizeGroup(long, undefined, undefined)]).split('\n')[1]).toBe(
      `${'G'.repeat(64)}  0       OFFLINE                                         0        0`,
    );
  });

  it('names the group of plain and POP retry topics like KeyBuilder.parseGroup', () => {
    expect(groupOfRetryTopic('%RETRY%Billing')).toBe('Billing');
    expect(groupOfRetryTopic('%RETRY%Billing+Orders')).toBe('Billing');
    expect(groupOfRetryTopic('%RETRY%Billing_Orders')).toBe('Billing_Orders');
    expect(groupOfRetryTopic('%RETRY%a+b+c')).toBe('a+b+c');
  });
});

describe('consumerProgress without -g: collection', () => {
  function fakeAdmin(calls: string[]): CommandContext['admin'] {
    return {
      topicList: async () => ['TBW102', '%RETRY%Online', 'Orders', '%DLQ%Online', '%RETRY%Offline', '%RETRY%Broken'],
      consumerProgress: async (group: string) => {
        calls.push(`stats ${group}`);
        if (group === 'Broken') throw new MQError(1, 'broker down');
        return progress(3, [4, 1]);
      },
      consumerConnections: async (group: string) => {
        calls.push(`connections ${group}`);
        if (group !== 'Online') throw new MQError(206, `the consumer group[${group}] not online`);
        return connection({ connectionSet: [client(479)] });
      },
    } as unknown as CommandContext['admin'];
  }

  it('asks for stats and connections of each %RETRY% group, in topic-list order, and survives failures', async () => {
    const calls: string[] = [];
    const result = await consumerProgressCommand.run({ admin: fakeAdmin(calls), namesrvAddr: undefined }, {});
    expect(calls.sort()).toEqual(['connections Broken', 'connections Offline', 'connections Online', 'stats Broken', 'stats Offline', 'stats Online']);
    expect(result.data).toEqual([
      { group: 'Online', count: 1, version: 479, consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeTps: 3, diffTotal: 3 },
      { group: 'Offline', count: 0, consumeTps: 3, diffTotal: 3 },
      { group: 'Broken', count: 0, consumeTps: 0, diffTotal: 0 },
    ]);
    expect(result.text.split('\n').map((line) => line.split(/\s+/)[0])).toEqual(['#Group', 'Online', 'Offline', 'Broken', '']);
  });
});
