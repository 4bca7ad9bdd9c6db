import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';

/**
 * Decodes a required request body with one of remoting's typed body codecs.
 * @throws MQError SYSTEM_ERROR when the body is missing or does not decode.
 */
export function decodeRequestBody<T>(codec: { decode(body: Uint8Array): T }, body: Buffer | undefined, what: string): T {
  if (!body || body.length === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, `${what} body is missing`);
  return codec.decode(body);
}
