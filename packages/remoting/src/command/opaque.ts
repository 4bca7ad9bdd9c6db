let lastOpaque = -1;

/**
 * The next request id from the process-wide counter (as Java does): starts at 0 and wraps
 * around within the int32 range.
 */
export function nextOpaque(): number {
  lastOpaque = (lastOpaque + 1) | 0;
  return lastOpaque;
}
