import { javaStringHashCode, type Message, type MessageQueue } from '@mq/common';

/**
 * Picks the queue of an ordered send (Java's `MessageQueueSelector`): messages with the same
 * `arg` should map to the same queue so they keep their order.
 */
export type MessageQueueSelector<A = unknown> = (queues: readonly MessageQueue[], message: Message, arg: A) => MessageQueue;

/**
 * Java's `SelectMessageQueueByHash`: `abs(arg.hashCode()) % size`, with Java's String
 * hash for strings (numbers hash as Java ints).
 */
export const selectMessageQueueByHash: MessageQueueSelector<string | number> = (queues, _message, arg) => {
  const hash = typeof arg === 'number' ? arg | 0 : javaStringHashCode(arg);
  return queues[Math.abs(hash % queues.length)]!;
};

/** Java's `SelectMessageQueueByRandom`. */
export const selectMessageQueueByRandom: MessageQueueSelector = (queues) => queues[Math.floor(Math.random() * queues.length)]!;
