/**
 * The subset of Java's `String.format` that RocketMQ's mqadmin uses for its tables:
 * `%s`, `%d`, `%f` with an optional `-` or `0` flag, width and precision, plus `%n` and `%%`.
 * Keeping the Java format strings verbatim keeps our columns byte-identical to mqadmin's.
 */
const SPECIFIER = /%(-|0)?(\d+)?(?:\.(\d+))?([sdfn%])/g;

/** Formats `args` into `format` like Java's `String.format` (for the specifiers above); `%n` is `\n`. */
export function javaFormat(format: string, ...args: readonly unknown[]): string {
  let next = 0;
  return format.replace(SPECIFIER, (_match, flag: string | undefined, width: string | undefined, precision: string | undefined, conversion: string) => {
    if (conversion === 'n') return '\n';
    if (conversion === '%') return '%';
    const text = convert(conversion, args[next++], precision === undefined ? undefined : Number(precision));
    const size = width === undefined ? 0 : Number(width);
    return flag === '0' ? zeroPad(text, size) : pad(text, size, flag === '-');
  });
}

function convert(conversion: string, value: unknown, precision: number | undefined): string {
  if (conversion === 'd') return String(Math.trunc(Number(value)));
  if (conversion === 'f') return Number(value).toFixed(precision ?? 6);
  const text = javaString(value);
  return precision === undefined ? text : text.slice(0, precision);
}

/** `String.valueOf` for the values our commands print: `null` for absent, `{k=v, k2=v2}` for maps. */
export function javaString(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Map) return `{${[...value].map(([key, entry]) => `${javaString(key)}=${javaString(entry)}`).join(', ')}}`;
  return String(value);
}

function pad(text: string, width: number, leftAlign: boolean): string {
  if (text.length >= width) return text;
  const fill = ' '.repeat(width - text.length);
  return leftAlign ? text + fill : fill + text;
}

function zeroPad(text: string, width: number): string {
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  return (negative ? '-' : '') + digits.padStart(width - (negative ? 1 : 0), '0');
}

/** Java's `UtilAll.frontStringAtLeast`: at most `size` leading characters. */
export function frontStringAtLeast(text: string, size: number): string {
  return text.length > size ? text.slice(0, size) : text;
}
