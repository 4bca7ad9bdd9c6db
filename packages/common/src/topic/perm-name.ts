/** Permission bits of topics, queues and brokers (Java's `PermName`). */
export const PermName = {
  PERM_PRIORITY: 0x8,
  PERM_READ: 0x4,
  PERM_WRITE: 0x2,
  PERM_INHERIT: 0x1,
  /** Bit indexes, as used by the subscription group `forbiddenTable`. */
  INDEX_PERM_PRIORITY: 3,
  INDEX_PERM_READ: 2,
  INDEX_PERM_WRITE: 1,
  INDEX_PERM_INHERIT: 0,
} as const;

export function isReadable(perm: number): boolean {
  return (perm & PermName.PERM_READ) === PermName.PERM_READ;
}

export function isWriteable(perm: number): boolean {
  return (perm & PermName.PERM_WRITE) === PermName.PERM_WRITE;
}

/** True when auto-creation may copy this topic (the INHERIT bit, as on `TBW102`). */
export function isInherited(perm: number): boolean {
  return (perm & PermName.PERM_INHERIT) === PermName.PERM_INHERIT;
}

export function isPriority(perm: number): boolean {
  return (perm & PermName.PERM_PRIORITY) === PermName.PERM_PRIORITY;
}

/** Readable or writeable. */
export function isAccessible(perm: number): boolean {
  return isReadable(perm) || isWriteable(perm);
}

/** A valid topic or broker perm: an integer with `0 <= perm < 8`. */
export function isValidPerm(perm: number): boolean {
  return Number.isInteger(perm) && perm >= 0 && perm < PermName.PERM_PRIORITY;
}

/** Java's `perm2String`: `R`, `W`, `X` (inherit) or `-` in that order, e.g. 6 → `RW-`. */
export function perm2String(perm: number): string {
  return (isReadable(perm) ? 'R' : '-') + (isWriteable(perm) ? 'W' : '-') + (isInherited(perm) ? 'X' : '-');
}
