/** How a command header is serialized: the top byte of a frame's header-length word. */
export const SerializeType = {
  /** UTF-8 JSON text, the default of every Java peer. */
  JSON: 0,
  /** RocketMQ's compact binary layout. */
  ROCKETMQ: 1,
} as const;

/** One of the {@link SerializeType} values. */
export type SerializeType = (typeof SerializeType)[keyof typeof SerializeType];

/** True when `value` names a serialization this codec reads. */
export function isSerializeType(value: number): value is SerializeType {
  return value === SerializeType.JSON || value === SerializeType.ROCKETMQ;
}
