import { CommonErrorCode, MQError, type MessageQueue } from '@mq/common';
import { checkAllocateInputs, type AllocateMessageQueueStrategy } from '../allocate-strategy';

/** Tells in which machine room a broker's queue and a consumer are deployed. */
export interface MachineRoomResolver {
  brokerDeployIn(messageQueue: MessageQueue): string;
  consumerDeployIn(clientId: string): string;
}

/**
 * Consumers take the queues of their own machine room (split by the inner strategy); the
 * queues of rooms without any live consumer are split among all consumers.
 */
export class AllocateMachineRoomNearby implements AllocateMessageQueueStrategy {
  readonly name: string;

  constructor(
    private readonly inner: AllocateMessageQueueStrategy,
    private readonly resolver: MachineRoomResolver,
  ) {
    this.name = `MACHINE_ROOM_NEARBY-${inner.name}`;
  }

  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocateInputs(group, currentCid, mqAll, cidAll)) return [];
    const queuesByRoom = groupByRoom(mqAll, (mq) => this.resolver.brokerDeployIn(mq), (mq) => `mq ${mq.toString()}`);
    const cidsByRoom = groupByRoom(cidAll, (cid) => this.resolver.consumerDeployIn(cid), (cid) => `consumer id ${cid}`);
    const myRoom = this.resolver.consumerDeployIn(currentCid);
    const result: MessageQueue[] = [];
    const myRoomQueues = queuesByRoom.get(myRoom);
    if (myRoomQueues) result.push(...this.inner.allocate(group, currentCid, myRoomQueues, cidsByRoom.get(myRoom) ?? []));
    for (const room of [...queuesByRoom.keys()].sort()) {
      if (room !== myRoom && !cidsByRoom.has(room)) result.push(...this.inner.allocate(group, currentCid, queuesByRoom.get(room)!, cidAll));
    }
    return result;
  }
}

function groupByRoom<T>(items: readonly T[], roomOf: (item: T) => string, describe: (item: T) => string): Map<string, T[]> {
  const byRoom = new Map<string, T[]>();
  for (const item of items) {
    const room = roomOf(item);
    if (!room) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `Machine room is null for ${describe(item)}`);
    const list = byRoom.get(room);
    if (list) list.push(item);
    else byRoom.set(room, [item]);
  }
  return byRoom;
}
