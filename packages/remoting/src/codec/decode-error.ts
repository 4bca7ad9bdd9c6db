import { MQError } from '@mq/common';
import { ResponseCode } from '../protocol/response-code';

/**
 * Bytes from a peer that are not a valid remoting frame. The connection that produced them
 * cannot be resynchronised, so its owner logs the error and closes it (as Java peers do).
 */
export class RemotingDecodeError extends MQError {
  constructor(remark: string) {
    super(ResponseCode.SYSTEM_ERROR, remark);
    this.name = 'RemotingDecodeError';
  }
}
