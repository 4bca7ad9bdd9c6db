import path from 'node:path';
import { getLogger } from '@mq/common';
import { MessageRequestModeSerializeWrapper, type MessageRequestMode } from '@mq/remoting';
import { ConfigFile } from '../persistence/config-file';

const log = getLogger('MessageRequestModeManager');

/** How one consumer group reads one topic's assigned queues (SET_MESSAGE_REQUEST_MODE). */
export interface MessageRequestModeSetting {
  readonly topic: string;
  readonly consumerGroup: string;
  readonly mode: MessageRequestMode;
  /** POP only: a consumer also pops the queues of this many consumers after it (≤ 0: every queue). */
  readonly popShareQueueNum: number;
}

/**
 * The per topic/group request modes operators set with mqadmin `setConsumeMode`, persisted
 * to `config/messageRequestMode.json` in Java's layout (topic → group → setting).
 */
export class MessageRequestModeManager {
  private readonly table = new Map<string, Map<string, MessageRequestModeSetting>>();
  private readonly file: ConfigFile;

  constructor(storePathRootDir: string) {
    this.file = new ConfigFile(path.join(storePathRootDir, 'config', 'messageRequestMode.json'));
  }

  /** Replaces the table with the file's (or its `.bak`'s) content; start-up only. */
  load(): void {
    this.file.load((text) => this.decode(text));
  }

  /** Writes the table to disk; resolves false (already logged) when the write failed. */
  persist(): Promise<boolean> {
    return this.file.persist(this.encode());
  }

  /** Sets (or replaces) the mode of `setting.topic` for `setting.consumerGroup`. */
  set(setting: MessageRequestModeSetting): void {
    this.put(setting.topic, setting.consumerGroup, setting);
    log.info({ ...setting }, 'message request mode set');
  }

  /** The mode set for a topic and group, if any. */
  get(topic: string, consumerGroup: string): MessageRequestModeSetting | undefined {
    return this.table.get(topic)?.get(consumerGroup);
  }

  /** The file's content, also the GET_ALL_MESSAGE_REQUEST_MODE body. */
  encode(): string {
    const messageRequestModeMap = Object.fromEntries(
      [...this.table].map(([topic, groups]) => [topic, Object.fromEntries(groups)]),
    );
    return MessageRequestModeSerializeWrapper.toJson({ messageRequestModeMap });
  }

  /** Replaces the table with `text`'s; an entry without its own topic/group takes its map keys. */
  decode(text: string): void {
    const { messageRequestModeMap } = MessageRequestModeSerializeWrapper.decode(text);
    this.table.clear();
    for (const [topic, groups] of Object.entries(messageRequestModeMap)) {
      for (const [consumerGroup, entry] of Object.entries(groups)) {
        this.put(topic, consumerGroup, {
          topic: entry.topic ?? topic,
          consumerGroup: entry.consumerGroup ?? consumerGroup,
          mode: entry.mode,
          popShareQueueNum: entry.popShareQueueNum,
        });
      }
    }
  }

  private put(topic: string, consumerGroup: string, setting: MessageRequestModeSetting): void {
    let groups = this.table.get(topic);
    if (!groups) {
      groups = new Map();
      this.table.set(topic, groups);
    }
    groups.set(consumerGroup, setting);
  }
}
