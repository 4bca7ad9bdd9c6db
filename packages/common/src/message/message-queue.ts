/**
 * One queue of a topic on one broker. `key` is a stable string usable as a Map key.
 */
export class MessageQueue {
  /** `topic@brokerName@queueId`, unique per queue. */
  readonly key: string;

  constructor(
    readonly topic: string,
    readonly brokerName: string,
    readonly queueId: number,
  ) {
    this.key = `${topic}@${brokerName}@${queueId}`;
  }

  equals(other: MessageQueue): boolean {
    return this.key === other.key;
  }

  /** Java's ordering (`compareTo`): topic, then brokerName, then queueId. */
  compareTo(other: MessageQueue): number {
    if (this.topic !== other.topic) return this.topic < other.topic ? -1 : 1;
    if (this.brokerName !== other.brokerName) return this.brokerName < other.brokerName ? -1 : 1;
    return this.queueId - other.queueId;
  }

  toString(): string {
    return `MessageQueue [topic=${this.topic}, brokerName=${this.brokerName}, queueId=${this.queueId}]`;
  }
}
