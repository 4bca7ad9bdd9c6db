/** Outcome of a put (RocketMQ's `PutMessageStatus`, spec §2.6 table). */
export enum PutMessageStatus {
  PUT_OK = 'PUT_OK',
  FLUSH_DISK_TIMEOUT = 'FLUSH_DISK_TIMEOUT',
  FLUSH_SLAVE_TIMEOUT = 'FLUSH_SLAVE_TIMEOUT',
  SLAVE_NOT_AVAILABLE = 'SLAVE_NOT_AVAILABLE',
  SERVICE_NOT_AVAILABLE = 'SERVICE_NOT_AVAILABLE',
  CREATE_MAPPED_FILE_FAILED = 'CREATE_MAPPED_FILE_FAILED',
  MESSAGE_ILLEGAL = 'MESSAGE_ILLEGAL',
  PROPERTIES_SIZE_EXCEEDED = 'PROPERTIES_SIZE_EXCEEDED',
  OS_PAGE_CACHE_BUSY = 'OS_PAGE_CACHE_BUSY',
  UNKNOWN_ERROR = 'UNKNOWN_ERROR',
}

/** Outcome of a read by queue offset (RocketMQ's `GetMessageStatus`, spec §3.5). */
export enum GetMessageStatus {
  FOUND = 'FOUND',
  NO_MATCHED_MESSAGE = 'NO_MATCHED_MESSAGE',
  MESSAGE_WAS_REMOVING = 'MESSAGE_WAS_REMOVING',
  OFFSET_FOUND_NULL = 'OFFSET_FOUND_NULL',
  OFFSET_OVERFLOW_BADLY = 'OFFSET_OVERFLOW_BADLY',
  OFFSET_OVERFLOW_ONE = 'OFFSET_OVERFLOW_ONE',
  OFFSET_TOO_SMALL = 'OFFSET_TOO_SMALL',
  NO_MATCHED_LOGIC_QUEUE = 'NO_MATCHED_LOGIC_QUEUE',
  NO_MESSAGE_IN_QUEUE = 'NO_MESSAGE_IN_QUEUE',
}

/** Where a put landed (RocketMQ's `AppendMessageResult`). */
export interface AppendMessageResult {
  /** Commit-log offset of the first record. */
  readonly wroteOffset: number;
  /** Bytes of all records (excluding any BLANK filler). */
  readonly wroteBytes: number;
  /** offsetMsgId; comma-joined ids for a batch. */
  readonly msgId: string;
  readonly storeTimestamp: number;
  /** Queue offset of the (first) message. */
  readonly logicsOffset: number;
  readonly msgNum: number;
}

/** Result of `putMessage` / `putMessages`. */
export interface PutMessageResult {
  readonly putMessageStatus: PutMessageStatus;
  /** Present when the records were appended (PUT_OK and the flush/replica timeouts). */
  readonly appendMessageResult?: AppendMessageResult;
  /** Why a put was refused, for the response remark. */
  readonly remark?: string;
}

/** True when the message is stored (PUT_OK or a timeout that still kept it). */
export function isPutStored(status: PutMessageStatus): boolean {
  return (
    status === PutMessageStatus.PUT_OK ||
    status === PutMessageStatus.FLUSH_DISK_TIMEOUT ||
    status === PutMessageStatus.FLUSH_SLAVE_TIMEOUT ||
    status === PutMessageStatus.SLAVE_NOT_AVAILABLE
  );
}
