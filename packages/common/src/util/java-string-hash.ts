/**
 * Java's `String.hashCode()` over the UTF-16 code units of `value`, as a signed int32.
 * RocketMQ stores it as the consume-queue tags code, so it must match Java exactly.
 */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) {
    hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  }
  return hash;
}
