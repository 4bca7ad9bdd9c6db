import { MQError } from '@mq/common';
import { RemotingCommand } from '../command/remoting-command';
import { SerializeType } from '../command/serialize-type';
import { ResponseCode } from '../protocol/response-code';
import { RemotingDecodeError } from './decode-error';
import { decodeHeaderWord, encodeHeaderWord } from './header-word';
import { HEADER_WORD_SIZE, LENGTH_FIELD_SIZE, MAX_FRAME_LENGTH, MAX_HEADER_LENGTH } from './frame-limits';
import { decodeJsonHeader, encodeJsonHeader } from './json-header';
import { decodeRocketmqHeader, rocketmqHeaderLength, writeRocketmqHeader } from './rocketmq-header';

const PREFIX_SIZE = LENGTH_FIELD_SIZE + HEADER_WORD_SIZE;

/**
 * Everything of a frame except the body: length, header-length word and header, in the
 * command's serialization. Send the body (if any) right after it; keeping it apart avoids
 * copying it. Throws MQError when the frame would exceed the 16 MiB limit.
 */
export function encodeCommandHead(command: RemotingCommand): Buffer {
  const bodyLength = command.body?.length ?? 0;
  let head: Buffer;
  let headerLength: number;
  if (command.serializeType === SerializeType.ROCKETMQ) {
    headerLength = rocketmqHeaderLength(command);
    head = Buffer.allocUnsafe(PREFIX_SIZE + headerLength);
    writeRocketmqHeader(command, head, PREFIX_SIZE);
  } else {
    const text = encodeJsonHeader(command);
    headerLength = Buffer.byteLength(text);
    head = Buffer.allocUnsafe(PREFIX_SIZE + headerLength);
    head.write(text, PREFIX_SIZE, 'utf8');
  }
  const frameLength = HEADER_WORD_SIZE + headerLength + bodyLength;
  if (headerLength > MAX_HEADER_LENGTH || frameLength + LENGTH_FIELD_SIZE > MAX_FRAME_LENGTH) {
    throw new MQError(
      ResponseCode.SYSTEM_ERROR,
      `command code ${command.code} encodes to ${frameLength + LENGTH_FIELD_SIZE} bytes (header ${headerLength}), over the ${MAX_FRAME_LENGTH}-byte frame limit`,
    );
  }
  head.writeUInt32BE(frameLength, 0);
  head.writeUInt32BE(encodeHeaderWord(command.serializeType, headerLength), LENGTH_FIELD_SIZE);
  return head;
}

/** The whole frame of `command` in one buffer (copies the body; for tests and tools). */
export function encodeCommand(command: RemotingCommand): Buffer {
  const head = encodeCommandHead(command);
  return command.body?.length ? Buffer.concat([head, command.body]) : head;
}

/**
 * Decodes one frame without its length field (what {@link FrameDecoder} emits). The body is
 * a view into `frame`, not a copy. Throws {@link RemotingDecodeError} on malformed input.
 */
export function decodeCommand(frame: Buffer): RemotingCommand {
  if (frame.length < HEADER_WORD_SIZE) throw new RemotingDecodeError(`frame of ${frame.length} bytes has no header-length word`);
  const { serializeType, headerLength } = decodeHeaderWord(frame.readUInt32BE(0), frame.length);
  const headerEnd = HEADER_WORD_SIZE + headerLength;
  const header = frame.subarray(HEADER_WORD_SIZE, headerEnd);
  const command = serializeType === SerializeType.JSON ? decodeJsonHeader(header) : decodeRocketmqHeader(header);
  command.serializeType = serializeType;
  if (frame.length > headerEnd) command.body = frame.subarray(headerEnd);
  return command;
}
