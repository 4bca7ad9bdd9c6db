/**
 * fastjson-compatible text for the broker's config files: `Map`s whose keys are numbers are
 * written with unquoted keys (`{0:12,1:40}`) as Java writes them. Reading uses
 * `@mq/remoting`'s `parseJavaJson`.
 */
export { parseJavaJson } from '@mq/remoting';

/** Serialises `value`; `Map<number, V>` becomes an object with unquoted integer keys. */
export function stringifyJavaJson(value: unknown): string {
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [key, item] of value) {
      const name = typeof key === 'number' ? String(key) : JSON.stringify(String(key));
      parts.push(`${name}:${stringifyJavaJson(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(stringifyJavaJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return stringifyJavaJson(json.call(value));
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${stringifyJavaJson(item)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
