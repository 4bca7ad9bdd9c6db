import type { MessageQueue } from '@mq/common';
import { checkAllocateInputs, type AllocateMessageQueueStrategy } from '../allocate-strategy';

/**
 * Splits the queues of brokers named `<idc>@<name>` whose idc is one of `consumerIdcs`:
 * `floor(k / c)` contiguous queues each, the remainder dealt one by one from the end.
 */
export class AllocateMessageQueueByMachineRoom implements AllocateMessageQueueStrategy {
  readonly name = 'MACHINE_ROOM';
  private readonly consumerIdcs: ReadonlySet<string>;

  constructor(consumerIdcs: Iterable<string>) {
    this.consumerIdcs = new Set(consumerIdcs);
  }

  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocateInputs(group, currentCid, mqAll, cidAll)) return [];
    const index = cidAll.indexOf(currentCid);
    const inRooms = mqAll.filter((mq) => {
      const parts = splitLikeJava(mq.brokerName, '@');
      return parts.length === 2 && this.consumerIdcs.has(parts[0]!);
    });
    const each = Math.floor(inRooms.length / cidAll.length);
    const remainder = inRooms.length % cidAll.length;
    const result = inRooms.slice(index * each, index * each + each);
    if (remainder > index) result.push(inRooms[index + each * cidAll.length]!);
    return result;
  }
}

/** Java's `String.split`: trailing empty parts are dropped. */
function splitLikeJava(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
