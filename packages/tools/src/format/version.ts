const V4_0_0_SNAPSHOT = 212;
const V5_0_0_SNAPSHOT = 412;
const HIGHER_VERSION = 612;
const ORDINALS_PER_MINOR = 20;

/**
 * Java's `MQVersion.getVersionDesc(ordinal)` for 4.x and 5.x (`V4_9_8`, `V5_0_0_SNAPSHOT`,
 * `HIGHER_VERSION` past 5.9.9). 3.x ordinals, irregular in the Java enum, print as the number.
 */
export function mqVersionDesc(ordinal: number): string {
  if (ordinal >= HIGHER_VERSION) return 'HIGHER_VERSION';
  if (ordinal < V4_0_0_SNAPSHOT) return String(ordinal);
  const [major, base] = ordinal >= V5_0_0_SNAPSHOT ? [5, V5_0_0_SNAPSHOT] : [4, V4_0_0_SNAPSHOT];
  const step = ordinal - base;
  const minor = Math.floor(step / ORDINALS_PER_MINOR);
  const patch = Math.floor((step % ORDINALS_PER_MINOR) / 2);
  return `V${major}_${minor}_${patch}${step % 2 === 0 ? '_SNAPSHOT' : ''}`;
}
