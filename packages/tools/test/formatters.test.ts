import { MessageExt, MessageQueue, MQError } from '@mq/common';
import type { ConsumerConnection, TopicRouteData } from '@mq/remoting';
import { describeError, errorCodeName } from '../src/cli/error-description';
import { clusterMembers } from '../src/cli/targets';
import { formatBrokerConfig } from '../src/commands/get-broker-config';
import { formatBrokerStatus } from '../src/commands/broker-status';
import { formatClusterBaseInfo, formatClusterMoreStats } from '../src/commands/cluster-list';
import { formatConsumerConnection } from '../src/commands/consumer-connection';
import { formatConsumerProgress } from '../src/commands/consumer-progress';
import { formatMessagesByKey } from '../src/commands/query-msg-by-key';
import { formatStatsAll, compute24HourSum } from '../src/commands/stats-all';
import { formatTopicRouteList } from '../src/commands/topic-route';
import { formatTopicStatus } from '../src/commands/topic-status';
import { formatWritePermChanges } from '../src/commands/write-perm';
import { selectPermChanges } from '../src/commands/update-topic-perm';
import { formatMessageDetail } from '../src/format/message';

const route = {
  brokerDatas: [
    { brokerName: 'b2', cluster: 'C', brokerAddrs: { 0: '10.0.0.2:10911' }, enableActingMaster: false },
    { brokerName: 'b1', cluster: 'C', brokerAddrs: { 0: '10.0.0.1:10911', 1: '10.0.0.3:10911' }, enableActingMaster: false },
  ],
  queueDatas: [
    { brokerName: 'b1', readQueueNums: 8, writeQueueNums: 8, perm: 6, topicSysFlag: 0 },
    { brokerName: 'b2', readQueueNums: 4, writeQueueNums: 2, perm: 4, topicSysFlag: 0 },
  ],
  filterServerTable: {},
} as unknown as TopicRouteData;

describe('table formatters reproduce mqadmin columns', () => {
  it('topicRoute -l sorts brokers and totals the queues', () => {
    const lines = formatTopicRouteList(route).split('\n');
    expect(lines[0]).toBe(`${'#ClusterName'.padEnd(45)} ${'#BrokerName'.padEnd(32)} ${'#BrokerAddrs'.padEnd(50)} #ReadQueue #WriteQueue #Perm`);
    expect(lines[1]).toBe(`${'C'.padEnd(45)} ${'b1'.padEnd(32)} ${'{0=10.0.0.1:10911, 1=10.0.0.3:10911}'.padEnd(50)} 8          8           6    `);
    expect(lines[3]).toBe('-'.repeat(158));
    expect(lines[4]).toMatch(/^Total:\s+2\s+12\s+10\s+$/);
  });

  it('topicStatus prints a row per queue with an empty time when never updated', () => {
    const text = formatTopicStatus([{ mq: new MessageQueue('T', 'b1', 0), minOffset: 1, maxOffset: 9, lastUpdateTimestamp: 0 }]);
    expect(text).toBe(`${'#Broker Name'.padEnd(32)}  #QID  ${'#Min Offset'.padEnd(20)}  ${'#Max Offset'.padEnd(20)}    #Last Updated\n${'b1'.padEnd(32)}  0     ${'1'.padEnd(20)}  ${'9'.padEnd(20)}    \n`);
  });

  it('consumerProgress sums diff and in-flight', () => {
    const text = formatConsumerProgress({
      consumeTps: 1.5,
      totalLag: 7,
      queues: [
        { mq: new MessageQueue('T', 'b1', 0), brokerOffset: 10, consumerOffset: 5, pullOffset: 7, lastTimestamp: 0, lag: 5 },
        { mq: new MessageQueue('T', 'b1', 1), brokerOffset: 4, consumerOffset: 2, pullOffset: 2, lastTimestamp: 0, lag: 2 },
      ],
    });
    expect(text).toMatch(/^T\s+b1\s+0\s+10\s+5\s+5\s+2\s+N\/A$/m);
    expect(text.endsWith('\nConsume TPS: 1.50\nConsume Diff Total: 7\nConsume Inflight Total: 2\n')).toBe(true);
  });

  it('clusterList reads the runtime table like mqadmin', () => {
    const member = { clusterName: 'C', brokerName: 'b1', brokerId: 0, addr: '10.0.0.1:10911' };
    const runtime = {
      brokerVersionDesc: 'V5_3_3',
      putTps: '12.5 10.1 9.8',
      getTransferredTps: '3 2 1',
      sendThreadPoolQueueSize: '0',
      sendThreadPoolQueueHeadWaitTimeMills: '0',
      pullThreadPoolQueueSize: '1',
      pullThreadPoolQueueHeadWaitTimeMills: '2',
      pageCacheLockTimeMills: '0',
      earliestMessageTimeStamp: '0',
      commitLogDiskRatio: '0.25',
      brokerActive: 'true',
      msgPutTotalYesterdayMorning: '1',
      msgPutTotalTodayMorning: '11',
      msgPutTotalTodayNow: '111',
      msgGetTotalYesterdayMorning: '0',
      msgGetTotalTodayMorning: '5',
      msgGetTotalTodayNow: '6',
    };
    const base = formatClusterBaseInfo([{ ...member, runtime }], 7_200_000).split('\n')[1];
    expect(base).toContain('    12.50(0,0ms)');
    expect(base).toContain('3.00(1,2ms|N,Nms)');
    expect(base).toContain('0-0(0.0w, 0.0, 0.0)');
    expect(base).toMatch(/2\.00\s+0\.2500\s+true$/);
    expect(formatClusterMoreStats([{ ...member, runtime }]).split('\n')[1]).toBe(`C${' '.repeat(15)}  ${'b1'.padEnd(32)} ${'10'.padStart(14)} ${'5'.padStart(14)} ${'100'.padStart(14)} ${'1'.padStart(14)}`);
  });

  it('clusterMembers lists masters and slaves sorted', () => {
    const info = { clusterAddrTable: { C: ['b2', 'b1'] }, brokerAddrTable: { b1: route.brokerDatas[1], b2: route.brokerDatas[0] } } as never;
    expect(clusterMembers(info).map((member) => `${member.brokerName}/${member.brokerId}`)).toEqual(['b1/0', 'b1/1', 'b2/0']);
  });

  it('brokerStatus, getBrokerConfig, queryMsgByKey, write perm and statsAll layouts', () => {
    expect(formatBrokerStatus('a:1', { z: '1', a: '2' }, false)).toBe(`${'a'.padEnd(32)}: 2\n${'z'.padEnd(32)}: 1\n`);
    expect(formatBrokerStatus('a:1', { k: 'v' }, true)).toBe(`${'a:1'.padEnd(24)} ${'k'.padEnd(32)}: v\n`);
    expect(formatBrokerConfig({ label: 'a:1', addr: 'a:1' }, new Map([['brokerName', 'b1']]))).toBe(`============a:1============\n${'brokerName'.padEnd(50)}=  b1\n\n`);
    expect(formatBrokerConfig({ label: 'Master: a:1', addr: 'a:1' }, new Map())).toBe('============Master: a:1============\nBroker[a:1] has no config property!\n');
    const message = new MessageExt('T', Buffer.from('x'));
    message.queueId = 3;
    message.queueOffset = 42;
    expect(formatMessagesByKey([message]).split('\n')[1]).toBe(`${message.msgId.padEnd(50)}    3 ${'42'.padStart(40)}`);
    expect(formatWritePermChanges('wipe', 'b1', [{ namesrvAddr: 'n:9876', topicCount: 3 }])).toBe('wipe write perm of broker[b1] in name server[n:9876] OK, 3\n');
    const stats = formatStatsAll([{ topic: 'T', accumulation: 0, inTps: 1.234, outTps: 0, inMsg24Hour: 9, outMsg24Hour: 0 }]).split('\n');
    expect(stats[1]).toMatch(/^T\s+0\s+1\.23\s+9\s+NO_CONSUMER$/);
    expect(compute24HourSum({ statsDay: { sum: 0, tps: 0, avgpt: 0 }, statsHour: { sum: 5, tps: 0, avgpt: 0 }, statsMinute: { sum: 1, tps: 0, avgpt: 0 } })).toBe(5);
  });

  it('consumerConnection prints clients, subscriptions and consume settings', () => {
    const connection = {
      connectionSet: [{ clientId: '10.0.0.9@1', clientAddr: '10.0.0.9:5555', language: 'JAVA', version: 479 }],
      subscriptionTable: { T: { topic: 'T', subString: 'TagA || TagB' } },
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: 'CLUSTERING',
      consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
    } as unknown as ConsumerConnection;
    const text = formatConsumerConnection(connection);
    expect(text).toContain(`${'10.0.0.9@1'.padEnd(36)} ${'10.0.0.9:5555'.padEnd(22)} ${'JAVA'.padEnd(10)} V5_3_3\n`);
    expect(text).toContain(`\nBelow is subscription:\n${'#Topic'.padEnd(20)} #SubExpression\n${'T'.padEnd(20)} TagA || TagB\n`);
    expect(text.endsWith('\nConsumeType: CONSUME_PASSIVELY\nMessageModel: CLUSTERING\nConsumeFromWhere: CONSUME_FROM_LAST_OFFSET\n')).toBe(true);
  });

  it('message detail labels are 20 wide and the body is printed on request', () => {
    const message = new MessageExt('T', Buffer.from('héllo'), { tags: 'TagA', keys: 'k1' });
    const text = formatMessageDetail(message, true);
    expect(text).toContain(`${'Topic:'.padEnd(20)} T\n${'Tags:'.padEnd(20)} [TagA]\n${'Keys:'.padEnd(20)} [k1]\n`);
    expect(text.endsWith(`${'Message Body:'.padEnd(20)} héllo\n`)).toBe(true);
    expect(formatMessageDetail(message, false)).not.toContain('Message Body:');
  });
});

describe('updateTopicPerm target selection', () => {
  it('selects the master with -b and every broker of the cluster with -c', () => {
    expect(selectPermChanges(route, { brokerAddr: '10.0.0.2:10911' })).toEqual([{ addr: '10.0.0.2:10911', oldPerm: 4, readQueueNums: 4, writeQueueNums: 2, topicSysFlag: 0 }]);
    expect(selectPermChanges(route, { clusterName: 'C' }).map((change) => change.addr)).toEqual(['10.0.0.2:10911', '10.0.0.1:10911']);
    expect(() => selectPermChanges(route, { brokerAddr: '10.0.0.3:10911' })).toThrow('broker not exit or broker is not master');
  });
});

describe('error descriptions', () => {
  it('name the code and carry the remark', () => {
    expect(describeError(new MQError(17, 'No topic route info'))).toBe('TOPIC_NOT_EXIST (17): No topic route info');
    expect(describeError(new MQError(3, 'request type 315 not supported'))).toBe('REQUEST_CODE_NOT_SUPPORTED (3): request type 315 not supported');
    expect(errorCodeName(10003)).toBe('BROKER_NOT_EXIST_EXCEPTION');
    expect(errorCodeName(-3)).toBe('CLIENT_PARAMETER_CHECK_ERROR');
    expect(errorCodeName(99999)).toBe('CODE_99999');
    expect(describeError(new Error('boom'))).toBe('boom');
  });
});
