import { MQError } from '@mq/common';
import { RemotingCommand } from '../command/remoting-command';
import { SerializeType } from '../command/serialize-type';
import { ResponseCode } from '../protocol/response-code';
import { RemotingDecodeError } from './decode-error';
import { FrameOutput } from './frame-output';
import { decodeHeaderWord, encodeHeaderWord } from './header-word';
import { HEADER_WORD_SIZE, LENGTH_FIELD_SIZE, MAX_FRAME_LENGTH, MAX_HEADER_LENGTH } from './frame-limits';
import { decodeJsonHeaderAt, encodeJsonHeader } from './json-header';
import { decodeRocketmqHeader, rocketmqHeaderLength, writeRocketmqHeader } from './rocketmq-header';

const PREFIX_SIZE = LENGTH_FIELD_SIZE + HEADER_WORD_SIZE;
/** Most UTF-8 bytes one UTF-16 code unit can take. */
const MAX_UTF8_BYTES_PER_UNIT = 3;
/**
 * Bodies up to this size are copied behind their head, so a batch of frames leaves in one
 * buffer; larger ones travel uncopied.
 */
const COPY_BODY_LIMIT = 16 * 1024;

/**
 * Appends the frame of `command` to `out`: length, header word and header written in place,
 * the body copied when small and kept as its own piece otherwise. Throws MQError, appending
 * nothing, when the frame would exceed the 16 MiB limit.
 */
export function appendCommand(command: RemotingCommand, out: FrameOutput): void {
  appendCommandHead(command, out);
  const body = command.body;
  if (!body || body.length === 0) return;
  if (body.length <= COPY_BODY_LIMIT) out.append(body);
  else out.appendUncopied(body);
}

/** Appends everything of the frame of `command` but its body to `out`. */
function appendCommandHead(command: RemotingCommand, out: FrameOutput): void {
  let headerLength: number;
  if (command.serializeType === SerializeType.ROCKETMQ) {
    headerLength = rocketmqHeaderLength(command);
    checkFrameSize(command, headerLength);
    out.reserve(PREFIX_SIZE + headerLength);
    writeRocketmqHeader(command, out.slab, out.end + PREFIX_SIZE);
  } else {
    const text = encodeJsonHeader(command);
    checkFrameSize(command, text.length);
    out.reserve(PREFIX_SIZE + MAX_UTF8_BYTES_PER_UNIT * text.length);
    headerLength = out.slab.write(text, out.end + PREFIX_SIZE, 'utf8');
    checkFrameSize(command, headerLength);
  }
  const frameLength = HEADER_WORD_SIZE + headerLength + (command.body?.length ?? 0);
  out.slab.writeUInt32BE(frameLength, out.end);
  out.slab.writeUInt32BE(encodeHeaderWord(command.serializeType, headerLength), out.end + LENGTH_FIELD_SIZE);
  out.end += PREFIX_SIZE + headerLength;
}

function checkFrameSize(command: RemotingCommand, headerLength: number): void {
  const frameSize = PREFIX_SIZE + headerLength + (command.body?.length ?? 0);
  if (headerLength > MAX_HEADER_LENGTH || frameSize > MAX_FRAME_LENGTH) {
    throw new MQError(
      ResponseCode.SYSTEM_ERROR,
      `command code ${command.code} encodes to at least ${frameSize} bytes (header ${headerLength}), over the ${MAX_FRAME_LENGTH}-byte frame limit`,
    );
  }
}

/**
 * Everything of a frame except the body: length, header-length word and header, in the
 * command's serialization. Send the body (if any) right after it; keeping it apart avoids
 * copying it. Throws MQError when the frame would exceed the 16 MiB limit.
 */
export function encodeCommandHead(command: RemotingCommand): Buffer {
  const out = new FrameOutput(0);
  appendCommandHead(command, out);
  return out.take()[0];
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
  const command =
    serializeType === SerializeType.JSON
      ? decodeJsonHeaderAt(frame, HEADER_WORD_SIZE, headerEnd)
      : decodeRocketmqHeader(frame.subarray(HEADER_WORD_SIZE, headerEnd));
  command.serializeType = serializeType;
  if (frame.length > headerEnd) command.body = frame.subarray(headerEnd);
  return command;
}
