import type { Admin } from '@mq/client';
import { getBrokerConfigCommand } from '../src/commands/get-broker-config';

/** An Admin stand-in: one cluster of broker b1 (master + slave) and b2 (master only). */
function stubAdmin(): { admin: Admin; asked: string[] } {
  const asked: string[] = [];
  const brokerAddrTable = {
    b1: { brokerName: 'b1', cluster: 'C', brokerAddrs: { 0: 'm1:10911', 1: 's1:10911' } },
    b2: { brokerName: 'b2', cluster: 'C', brokerAddrs: { 0: 'm2:10911' } },
  };
  const admin = {
    clusterInfo: async () => ({ brokerAddrTable, clusterAddrTable: { C: ['b2', 'b1'] } }),
    brokerConfig: async (addr: string) => {
      asked.push(addr);
      return new Map([['brokerIP1', addr.split(':')[0]]]);
    },
  };
  return { admin: admin as unknown as Admin, asked };
}

describe('getBrokerConfig', () => {
  it('labels a cluster\'s masters "Master:" and their slaves "My Master: ...=====Slave:", as mqadmin does', async () => {
    const { admin, asked } = stubAdmin();
    const result = await getBrokerConfigCommand.run({ admin, namesrvAddr: 'n:9876' }, { clusterName: 'C' });
    expect(asked).toEqual(['m1:10911', 's1:10911', 'm2:10911']);
    const banners = result.text.split('\n').filter((line) => line.startsWith('='));
    expect(banners).toEqual([
      '============Master: m1:10911============',
      '============My Master: m1:10911=====Slave: s1:10911============',
      '============Master: m2:10911============',
    ]);
    expect(result.text).toContain(`${'brokerIP1'.padEnd(50)}=  s1\n`);
  });

  it('labels a single broker by its address', async () => {
    const { admin, asked } = stubAdmin();
    const result = await getBrokerConfigCommand.run({ admin, namesrvAddr: 'n:9876' }, { brokerAddr: 'm2:10911' });
    expect(asked).toEqual(['m2:10911']);
    expect(result.text.startsWith('============m2:10911============\n')).toBe(true);
  });
});
