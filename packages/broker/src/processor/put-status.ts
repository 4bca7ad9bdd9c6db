import { ResponseCode } from '@mq/remoting';
import { PutMessageStatus } from '@mq/store';

/** The response a put status maps to (store-and-broker §2.6). */
export interface PutStatusResponse {
  code: number;
  remark: string | undefined;
  /** True for the codes whose message is stored (0/10/11/12). */
  stored: boolean;
}

/** Maps a store put status to the send response code and Java's remark. */
export function putStatusResponse(status: PutMessageStatus, maxMessageSize: number): PutStatusResponse {
  switch (status) {
    case PutMessageStatus.PUT_OK:
      return { code: ResponseCode.SUCCESS, remark: undefined, stored: true };
    case PutMessageStatus.FLUSH_DISK_TIMEOUT:
      return { code: ResponseCode.FLUSH_DISK_TIMEOUT, remark: undefined, stored: true };
    case PutMessageStatus.FLUSH_SLAVE_TIMEOUT:
      return { code: ResponseCode.FLUSH_SLAVE_TIMEOUT, remark: undefined, stored: true };
    case PutMessageStatus.SLAVE_NOT_AVAILABLE:
      return { code: ResponseCode.SLAVE_NOT_AVAILABLE, remark: undefined, stored: true };
    case PutMessageStatus.MESSAGE_ILLEGAL:
    case PutMessageStatus.PROPERTIES_SIZE_EXCEEDED:
      return {
        code: ResponseCode.MESSAGE_ILLEGAL,
        remark: `the message is illegal, maybe msg body or properties length not matched. msg body length limit ${maxMessageSize}B, msg properties length limit 32KB.`,
        stored: false,
      };
    case PutMessageStatus.SERVICE_NOT_AVAILABLE:
      return {
        code: ResponseCode.SERVICE_NOT_AVAILABLE,
        remark:
          'service not available now. It may be caused by one of the following reasons: the broker\'s disk is full, messages are put to the slave, message store has been shut down, etc.',
        stored: false,
      };
    case PutMessageStatus.OS_PAGE_CACHE_BUSY:
      return { code: ResponseCode.SYSTEM_BUSY, remark: '[PC_SYNCHRONIZED]broker busy, start flow control for a while', stored: false };
    case PutMessageStatus.CREATE_MAPPED_FILE_FAILED:
      return { code: ResponseCode.SYSTEM_ERROR, remark: 'create mapped file failed, server is busy or broken.', stored: false };
    case PutMessageStatus.UNKNOWN_ERROR:
      return { code: ResponseCode.SYSTEM_ERROR, remark: 'UNKNOWN_ERROR', stored: false };
  }
}
