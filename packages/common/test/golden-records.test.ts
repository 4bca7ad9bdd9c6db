import {
  compressBody,
  decodeBatchBody,
  decodeProperties,
  decodeStoredRecord,
  decodeStoredRecords,
  encodeBatchBody,
  encodeStoredRecord,
  Message,
  MessageExt,
  MessageSysFlag,
  type StoredRecordInput,
} from '@mq/common';
import { goldenEntries, goldenFile, javaBytes, sortedObject, type JavaRecord } from './golden-manifest';

/**
 * Stored records, pull bodies and batch bodies written by Java's MessageDecoder (and the
 * store's MessageExtEncoder for the V2 record): ours must read what Java reads, and write
 * the same bytes.
 */

/** Compares a record decoded the way a Java client decodes it (body decompressed). */
function expectClientView(message: MessageExt, java: JavaRecord): void {
  expect({
    storeSize: message.storeSize,
    bodyCRC: message.bodyCRC,
    queueId: message.queueId,
    flag: message.flag,
    queueOffset: message.queueOffset,
    commitLogOffset: message.commitLogOffset,
    sysFlag: message.sysFlag,
    bornTimestamp: message.bornTimestamp,
    bornHost: message.bornHost,
    storeTimestamp: message.storeTimestamp,
    storeHost: message.storeHost,
    reconsumeTimes: message.reconsumeTimes,
    preparedTransactionOffset: message.preparedTransactionOffset,
    topic: message.topic,
    properties: sortedObject(message.properties),
    tags: message.tags ?? null,
    keys: message.keys ?? null,
    offsetMsgId: message.offsetMsgId,
    msgId: message.msgId,
  }).toEqual({
    storeSize: java.storeSize,
    bodyCRC: java.bodyCRC,
    queueId: java.queueId,
    flag: java.flag,
    queueOffset: java.queueOffset,
    commitLogOffset: java.commitLogOffset,
    sysFlag: java.sysFlagAfterDecompress,
    bornTimestamp: java.bornTimestamp,
    bornHost: { address: java.bornHost.ip, port: java.bornHost.port },
    storeTimestamp: java.storeTimestamp,
    storeHost: { address: java.storeHost.ip, port: java.storeHost.port },
    reconsumeTimes: java.reconsumeTimes,
    preparedTransactionOffset: java.preparedTransactionOffset,
    topic: java.topic,
    properties: java.properties,
    tags: java.tags,
    keys: java.keys,
    offsetMsgId: java.offsetMsgId,
    msgId: java.clientMsgId,
  });
  expect(message.body.toString('base64')).toBe(javaBytes(java.body).toString('base64'));
}

/** The record input Java encoded, rebuilt from the manifest alone (properties in stored order). */
function recordInputFromJava(java: JavaRecord): StoredRecordInput {
  const compressed = (java.storedSysFlag & MessageSysFlag.COMPRESSED_FLAG) !== 0;
  const body = javaBytes(java.body);
  return {
    topic: java.topic,
    queueId: java.queueId,
    flag: java.flag,
    body: compressed ? compressBody(body).body : body,
    propertiesString: java.propertiesString,
    sysFlag: java.storedSysFlag,
    bornTimestamp: java.bornTimestamp,
    bornHost: { address: java.bornHost.ip, port: java.bornHost.port },
    storeTimestamp: java.storeTimestamp,
    storeHost: { address: java.storeHost.ip, port: java.storeHost.port },
    reconsumeTimes: java.reconsumeTimes,
    preparedTransactionOffset: java.preparedTransactionOffset,
    queueOffset: java.queueOffset,
    commitLogOffset: java.commitLogOffset,
  };
}

describe.each(goldenEntries('stored-record').map((entry) => [entry.file, entry] as const))('golden record %s', (file, entry) => {
  const bytes = goldenFile(file);
  const java = entry.record;

  it('decodes to the fields Java reads', () => {
    const { message, size } = decodeStoredRecord(bytes);
    expect(size).toBe(bytes.length);
    expectClientView(message, java);
  });

  it('keeps the stored sysFlag, body and properties string when not decompressing', () => {
    const { message } = decodeStoredRecord(bytes, 0, { decompressBody: false, checkCRC: true });
    expect(message.sysFlag).toBe(java.storedSysFlag);
    expect(message.body.length).toBe(java.storedBodyLength);
    expect(message.propertiesString).toBe(java.propertiesString);
  });

  it('re-encodes its own decoding byte for byte', () => {
    const { message } = decodeStoredRecord(bytes, 0, { decompressBody: false });
    expect(encodeStoredRecord(message).equals(bytes)).toBe(true);
  });

  it('encodes the same bytes from the values Java put in', () => {
    const encoded = encodeStoredRecord(recordInputFromJava(java));
    expect(encoded.readInt32BE(4)).toBe(java.magicCode);
    expect(encoded.toString('hex')).toBe(bytes.toString('hex'));
  });
});

describe('golden pull body', () => {
  const [entry] = goldenEntries('pull-body');
  const bytes = goldenFile(entry!.file);

  it('splits into the records Java reads', () => {
    const messages = decodeStoredRecords(bytes);
    expect(messages).toHaveLength(entry!.records.length);
    messages.forEach((message, i) => expectClientView(message, entry!.records[i]!));
  });

  it('is the concatenation of the records encoded one by one', () => {
    const encoded = Buffer.concat(entry!.records.map((java) => encodeStoredRecord(recordInputFromJava(java))));
    expect(encoded.toString('hex')).toBe(bytes.toString('hex'));
  });
});

describe('golden batch body', () => {
  const [entry] = goldenEntries('batch-body');
  const bytes = goldenFile(entry!.file);

  it('splits into the messages Java reads', () => {
    const messages = decodeBatchBody(bytes, 'TopicTest');
    expect(
      messages.map((message) => ({
        flag: message.flag,
        body: message.body.toString('base64'),
        properties: sortedObject(message.properties),
      })),
    ).toEqual(entry!.messages.map((java) => ({ flag: java.flag, body: java.body.base64, properties: java.properties })));
  });

  it('encodes the same bytes as MessageDecoder.encodeMessages', () => {
    const messages = entry!.messages.map((java, i) => {
      const message = new Message('TopicTest', javaBytes(java.body), { flag: java.flag });
      message.putProperties(decodeProperties(entry!.propertiesStrings[i]!));
      return message;
    });
    expect(encodeBatchBody(messages).toString('hex')).toBe(bytes.toString('hex'));
  });
});
