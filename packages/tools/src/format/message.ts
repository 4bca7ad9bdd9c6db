import { formatHostAddress, type MessageExt } from '@mq/common';
import { javaFormat, javaString } from './java-format';
import { timeMillisToHumanString2 } from './time';

/** The message fields mqadmin's `queryMsgBy*` commands print, as JSON-friendly values. */
export function messageSummary(message: MessageExt): Record<string, unknown> {
  return {
    msgId: message.msgId,
    offsetMsgId: message.offsetMsgId,
    topic: message.topic,
    tags: message.tags,
    keys: message.keys,
    brokerName: message.brokerName,
    queueId: message.queueId,
    queueOffset: message.queueOffset,
    commitLogOffset: message.commitLogOffset,
    reconsumeTimes: message.reconsumeTimes,
    bornTimestamp: message.bornTimestamp,
    storeTimestamp: message.storeTimestamp,
    bornHost: formatHostAddress(message.bornHost),
    storeHost: formatHostAddress(message.storeHost),
    sysFlag: message.sysFlag,
    properties: Object.fromEntries(message.properties),
    body: message.body.toString('utf8'),
  };
}

/**
 * One message as mqadmin `queryMsgById` prints it (`%-20s %s` label/value lines). The body is
 * printed as UTF-8 text when `printBody` is set (mqadmin's `-f`), instead of a temp file path.
 */
export function formatMessageDetail(message: MessageExt, printBody: boolean): string {
  const lines: Array<[string, unknown]> = [
    ['OffsetID:', message.offsetMsgId],
    ['Topic:', message.topic],
    ['Tags:', `[${javaString(message.tags)}]`],
    ['Keys:', `[${javaString(message.keys)}]`],
    ['Queue ID:', message.queueId],
    ['Queue Offset:', message.queueOffset],
    ['CommitLog Offset:', message.commitLogOffset],
    ['Reconsume Times:', message.reconsumeTimes],
    ['Born Timestamp:', timeMillisToHumanString2(message.bornTimestamp)],
    ['Store Timestamp:', timeMillisToHumanString2(message.storeTimestamp)],
    ['Born Host:', formatHostAddress(message.bornHost)],
    ['Store Host:', formatHostAddress(message.storeHost)],
    ['System Flag:', message.sysFlag],
    ['Properties:', javaString(message.properties)],
  ];
  if (printBody) lines.push(['Message Body:', message.body.toString('utf8')]);
  return lines.map(([label, value]) => javaFormat('%-20s %s%n', label, value)).join('');
}

/** Java's `MessageExt.toString()`, which `printMsg` and `consumeMessage` print per message. */
export function messageExtString(message: MessageExt): string {
  return (
    `MessageExt [brokerName=${message.brokerName}, queueId=${message.queueId}, storeSize=${message.storeSize}, queueOffset=${message.queueOffset}, ` +
    `sysFlag=${message.sysFlag}, bornTimestamp=${message.bornTimestamp}, bornHost=${formatHostAddress(message.bornHost)}, storeTimestamp=${message.storeTimestamp}, ` +
    `storeHost=${formatHostAddress(message.storeHost)}, msgId=${message.offsetMsgId}, commitLogOffset=${message.commitLogOffset}, bodyCRC=${message.bodyCRC}, ` +
    `reconsumeTimes=${message.reconsumeTimes}, preparedTransactionOffset=${message.preparedTransactionOffset}, toString()=Message{topic='${message.topic}', ` +
    `flag=${message.flag}, properties=${javaString(message.properties)}, body=[${message.body.length} bytes], transactionId='${javaString(message.transactionId)}'}]`
  );
}

/** `MSGID: <id> <MessageExt> BODY: <text>` (the body only when `printBody`), as `printMsg` and `consumeMessage` print. */
export function formatMessageLine(message: MessageExt, printBody: boolean): string {
  return javaFormat('MSGID: %s %s BODY: %s%n', message.msgId, messageExtString(message), printBody ? message.body.toString('utf8') : 'NOT PRINT BODY');
}
