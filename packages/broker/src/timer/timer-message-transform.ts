import { MessageConst, MessageSysFlag, MQError, SystemTopic, type MessageExt } from '@mq/common';
import { ResponseCode } from '@mq/remoting';

/** The timer settings a send is checked against (MessageStoreConfig keys). */
export interface TimerSendConfig {
  timerWheelEnable: boolean;
  timerMaxDelaySec: number;
  timerPrecisionMs: number;
}

const TIMER_PROPERTIES = [
  MessageConst.PROPERTY_TIMER_DELAY_SEC,
  MessageConst.PROPERTY_TIMER_DELAY_MS,
  MessageConst.PROPERTY_TIMER_DELIVER_MS,
  MessageConst.PROPERTY_START_DELIVER_TIME,
];

/**
 * The broker's put hook for timer messages (store-and-broker §7.2): a message carrying a
 * future delivery time is redirected to `rmq_sys_wheel_timer` queue 0 with `TIMER_OUT_MS`
 * (rounded down to the precision), `REAL_TOPIC` and `REAL_QID`. Returns whether it was.
 * @throws MQError SYSTEM_ERROR when timers are disabled, MESSAGE_ILLEGAL for an unparsable
 *   or too distant delivery time.
 */
export function applyTimerTransform(message: MessageExt, config: TimerSendConfig, now = Date.now()): boolean {
  if (!isTimerCandidate(message)) return false;
  if (Number(message.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL) ?? 0) > 0) {
    for (const name of TIMER_PROPERTIES) message.removeProperty(name);
    return false;
  }
  if (!config.timerWheelEnable) {
    throw new MQError(ResponseCode.SYSTEM_ERROR, `accurate timer message is not enabled, timerWheelEnable is ${config.timerWheelEnable}`);
  }
  const deliverMs = deliverTimeOf(message, now);
  if (deliverMs <= now) {
    if (message.getProperty(MessageConst.PROPERTY_TIMER_DEL_UNIQKEY) !== undefined) throw illegal('a timer delete marker must be in the future');
    return false;
  }
  const maxDelayMs = config.timerMaxDelaySec * 1000;
  if (deliverMs - now > maxDelayMs) throw illegal(`timer message delay exceeds the maximum ${maxDelayMs} ms`);
  const p = config.timerPrecisionMs;
  const slotMs = deliverMs % p === 0 ? deliverMs - p : Math.floor(deliverMs / p) * p;
  message.putProperty(MessageConst.PROPERTY_TIMER_OUT_MS, String(slotMs));
  message.putProperty(MessageConst.PROPERTY_REAL_TOPIC, message.topic);
  message.putProperty(MessageConst.PROPERTY_REAL_QUEUE_ID, String(message.queueId));
  message.topic = SystemTopic.TIMER;
  message.queueId = 0;
  return true;
}

function isTimerCandidate(message: MessageExt): boolean {
  const transactionType = message.sysFlag & MessageSysFlag.TRANSACTION_TYPE_MASK;
  if (transactionType !== MessageSysFlag.TRANSACTION_NOT_TYPE && transactionType !== MessageSysFlag.TRANSACTION_COMMIT_TYPE) return false;
  if (message.topic === SystemTopic.TIMER || message.getProperty(MessageConst.PROPERTY_TIMER_OUT_MS) !== undefined) return false;
  return TIMER_PROPERTIES.some((name) => message.getProperty(name) !== undefined);
}

/**
 * The requested delivery time: TIMER_DELAY_SEC, TIMER_DELAY_MS, TIMER_DELIVER_MS in that
 * order, then the ONS `__STARTDELIVERTIME` (absolute ms), which this broker honours too.
 */
function deliverTimeOf(message: MessageExt, now: number): number {
  const relative: [string, number][] = [
    [MessageConst.PROPERTY_TIMER_DELAY_SEC, 1000],
    [MessageConst.PROPERTY_TIMER_DELAY_MS, 1],
  ];
  for (const [name, unitMs] of relative) {
    const value = message.getProperty(name);
    if (value !== undefined) return now + parseLong(name, value) * unitMs;
  }
  for (const name of [MessageConst.PROPERTY_TIMER_DELIVER_MS, MessageConst.PROPERTY_START_DELIVER_TIME]) {
    const value = message.getProperty(name);
    if (value !== undefined) return parseLong(name, value);
  }
  throw illegal('no timer property');
}

function parseLong(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value)) throw illegal(`timer property ${name}=${text} is not a number`);
  return value;
}

function illegal(reason: string): MQError {
  return new MQError(ResponseCode.MESSAGE_ILLEGAL, reason);
}
