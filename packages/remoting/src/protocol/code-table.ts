/**
 * Builds a number → name lookup over a `name → code` table. When two names share a code,
 * the one declared first wins, so tables list the preferred (current) name first.
 */
export function reverseCodeTable(table: Readonly<Record<string, number>>): ReadonlyMap<number, string> {
  const byCode = new Map<number, string>();
  for (const [name, code] of Object.entries(table)) {
    if (!byCode.has(code)) byCode.set(code, name);
  }
  return byCode;
}
