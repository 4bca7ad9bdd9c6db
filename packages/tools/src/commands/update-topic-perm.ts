import type { Admin } from '@mq/client';
import { MQError } from '@mq/common';
import { ResponseCode, type TopicRouteData } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { brokerTarget, permOption, requiredString, type BrokerTarget } from '../cli/args';
import { masterAddress } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/** A broker of the route whose topic permission `updateTopicPerm` changes. */
interface PermChange {
  addr: string;
  oldPerm: number;
  readQueueNums: number;
  writeQueueNums: number;
  topicSysFlag: number;
}

/** The masters of the route that the `-b`/`-c` target selects, with their current queue data. */
export function selectPermChanges(route: TopicRouteData, target: BrokerTarget): PermChange[] {
  const changes: PermChange[] = [];
  for (const broker of route.brokerDatas) {
    const addr = masterAddress(broker);
    const queue = route.queueDatas.find((data) => data.brokerName === broker.brokerName);
    if (!addr || !queue) continue;
    const selected = 'brokerAddr' in target ? addr === target.brokerAddr : broker.cluster === target.clusterName;
    if (selected) changes.push({ addr, oldPerm: queue.perm, readQueueNums: queue.readQueueNums, writeQueueNums: queue.writeQueueNums, topicSysFlag: queue.topicSysFlag });
  }
  if (changes.length === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, 'updateTopicPerm error broker not exit or broker is not master!');
  return changes;
}

async function applyPerm(admin: Admin, topic: string, change: PermChange, perm: number): Promise<string> {
  if (change.oldPerm === perm) return javaFormat('new perm equals to the old one!%n');
  await admin.createTopic(change.addr, { topic, perm, readQueueNums: change.readQueueNums, writeQueueNums: change.writeQueueNums, topicSysFlag: change.topicSysFlag });
  return javaFormat('update topic perm from %s to %s in %s success.%n', change.oldPerm, perm, change.addr);
}

/** `mqadmin updateTopicPerm`: re-creates the topic on the selected masters with a new permission. */
export const updateTopicPermCommand: AdminCommand = {
  name: 'updateTopicPerm',
  description: 'Update topic perm.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'create topic to which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'create topic to which cluster' },
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-p, --perm <perm>', description: "set topic's permission(2|4|6), intro[2:W; 4:R; 6:RW]" },
  ],
  async run({ admin }, options) {
    const topic = requiredString(options, 'topic');
    requiredString(options, 'perm');
    const perm = permOption(options, 'perm', 6);
    const changes = selectPermChanges(await admin.topicRoute(topic), brokerTarget(options));
    const lines: string[] = [];
    for (const change of changes) lines.push(await applyPerm(admin, topic, change, perm));
    return { data: changes.map((change) => ({ brokerAddr: change.addr, oldPerm: change.oldPerm, perm })), text: lines.join('') };
  },
};
