import { createOffsetMessageId, type HostAddress } from '@mq/common';
import type { AppendMessageResult } from '../store-status';

/** An `AppendMessageResult` whose offsetMsgId text is built only when someone reads it. */
export class AppendResult implements AppendMessageResult {
  private cachedMsgId: string | undefined;

  constructor(
    readonly wroteOffset: number,
    readonly wroteBytes: number,
    readonly storeTimestamp: number,
    readonly logicsOffset: number,
    private readonly storeHost: HostAddress,
    /** Commit-log offset of each record (one for a single message). */
    private readonly recordOffsets: readonly number[],
  ) {}

  get msgNum(): number {
    return this.recordOffsets.length;
  }

  get msgId(): string {
    this.cachedMsgId ??= this.recordOffsets.map((offset) => createOffsetMessageId(this.storeHost, offset)).join(',');
    return this.cachedMsgId;
  }
}
