/** Date and time renderings of RocketMQ's `UtilAll`, in the local time zone like the Java tool. */

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** `yyyy-MM-dd HH:mm:ss` (Java's `UtilAll.formatDate(date, YYYY_MM_DD_HH_MM_SS)`). */
export function formatDateTime(timestampMs: number): string {
  const date = new Date(timestampMs);
  return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** `yyyy-MM-dd HH:mm:ss,SSS` (Java's `UtilAll.timeMillisToHumanString2`). */
export function timeMillisToHumanString2(timestampMs: number): string {
  return `${formatDateTime(timestampMs)},${String(new Date(timestampMs).getMilliseconds()).padStart(3, '0')}`;
}
