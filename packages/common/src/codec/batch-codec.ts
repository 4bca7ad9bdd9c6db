import { CommonErrorCode, MQError } from '../errors';
import { Message } from '../message/message';
import { decodeProperties, encodeProperties, MAX_PROPERTIES_LENGTH } from '../message/properties-codec';

/** TOTALSIZE + MAGICCODE + BODYCRC + FLAG + BODYLENGTH + PROPERTIESLENGTH. */
const FIXED_ENTRY_SIZE = 4 + 4 + 4 + 4 + 4 + 2;

interface BatchEntryPlan {
  message: Message;
  properties: string;
  propertiesLength: number;
  size: number;
}

function planEntry(message: Message): BatchEntryPlan {
  const properties = encodeProperties(message.properties);
  const propertiesLength = Buffer.byteLength(properties, 'utf8');
  if (propertiesLength > MAX_PROPERTIES_LENGTH) {
    throw new MQError(
      CommonErrorCode.MESSAGE_ILLEGAL,
      `message properties are ${propertiesLength} bytes, more than the maximum ${MAX_PROPERTIES_LENGTH}`,
    );
  }
  return { message, properties, propertiesLength, size: FIXED_ENTRY_SIZE + message.body.length + propertiesLength };
}

function writeEntry(entry: BatchEntryPlan, target: Buffer, offset: number): number {
  const { message } = entry;
  let pos = target.writeInt32BE(entry.size, offset);
  pos = target.writeInt32BE(0, pos); // MAGICCODE: ignored by the broker
  pos = target.writeInt32BE(0, pos); // BODYCRC: the broker recomputes it
  pos = target.writeInt32BE(message.flag, pos);
  pos = target.writeInt32BE(message.body.length, pos);
  target.set(message.body, pos);
  pos = target.writeInt16BE(entry.propertiesLength, pos + message.body.length);
  return pos + target.write(entry.properties, pos, entry.propertiesLength, 'utf8');
}

/**
 * The SEND_BATCH_MESSAGE body (remoting spec §5.7): per message TOTALSIZE, MAGICCODE 0,
 * BODYCRC 0, FLAG, BODYLENGTH + BODY, PROPERTIESLENGTH (int16) + PROPERTIES. Topic, queue
 * and the other header fields travel in the request header, not here.
 */
export function encodeBatchBody(messages: readonly Message[]): Buffer {
  const entries = messages.map(planEntry);
  const target = Buffer.allocUnsafe(entries.reduce((sum, entry) => sum + entry.size, 0));
  let pos = 0;
  for (const entry of entries) pos = writeEntry(entry, target, pos);
  return target;
}

function corrupt(offset: number, problem: string): MQError {
  return new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `corrupt batch message body at byte ${offset}: ${problem}`);
}

function decodeBatchEntry(source: Buffer, offset: number, topic: string): { message: Message; size: number } {
  if (offset + FIXED_ENTRY_SIZE > source.length) throw corrupt(offset, 'truncated entry header');
  const size = source.readInt32BE(offset);
  if (size < FIXED_ENTRY_SIZE || offset + size > source.length) {
    throw corrupt(offset, `TOTALSIZE ${size} does not fit the ${source.length - offset} bytes left`);
  }
  const end = offset + size;
  const flag = source.readInt32BE(offset + 12);
  const bodyLength = source.readInt32BE(offset + 16);
  const bodyStart = offset + 20;
  if (bodyLength < 0 || bodyStart + bodyLength + 2 > end) throw corrupt(offset, `BODYLENGTH ${bodyLength} overruns the entry`);
  const propertiesStart = bodyStart + bodyLength + 2;
  const propertiesLength = source.readInt16BE(propertiesStart - 2);
  if (propertiesLength < 0 || propertiesStart + propertiesLength !== end) {
    throw corrupt(offset, `PROPERTIESLENGTH ${propertiesLength} does not match TOTALSIZE ${size}`);
  }
  const message = new Message(topic, source.subarray(bodyStart, bodyStart + bodyLength), { flag });
  message.putProperties(decodeProperties(source.toString('utf8', propertiesStart, end)));
  return { message, size };
}

/**
 * Splits a SEND_BATCH_MESSAGE body into its messages (bodies are views into `source`).
 * `topic` (from the request header) is given to each. Raises MQError(MESSAGE_ILLEGAL) on
 * truncated or inconsistent input.
 */
export function decodeBatchBody(source: Buffer, topic = ''): Message[] {
  const messages: Message[] = [];
  let offset = 0;
  while (offset < source.length) {
    const { message, size } = decodeBatchEntry(source, offset, topic);
    messages.push(message);
    offset += size;
  }
  return messages;
}
