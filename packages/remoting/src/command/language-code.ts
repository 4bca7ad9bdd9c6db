/**
 * RocketMQ's `LanguageCode`: the implementation language a peer announces in every command.
 * The JSON header carries the name, the ROCKETMQ binary header the code.
 *
 * `NODE_JS` exists only on Java peers ≥ 5.3.2 (older ones read it as null), so `JAVA` or
 * `OTHER` are the safe choices for talking to mixed clusters.
 */
export const LanguageCode = {
  JAVA: 0,
  CPP: 1,
  DOTNET: 2,
  PYTHON: 3,
  DELPHI: 4,
  ERLANG: 5,
  RUBY: 6,
  OTHER: 7,
  HTTP: 8,
  GO: 9,
  PHP: 10,
  OMS: 11,
  RUST: 12,
  NODE_JS: 13,
} as const;

/** A known LanguageCode name, e.g. `'JAVA'`. */
export type LanguageName = keyof typeof LanguageCode;

const NAMES_BY_CODE: readonly LanguageName[] = (Object.keys(LanguageCode) as LanguageName[]).sort(
  (a, b) => LanguageCode[a] - LanguageCode[b],
);

/** The name for a language code; an unknown code reads as `'OTHER'`. */
export function languageName(code: number): LanguageName {
  return NAMES_BY_CODE[code] ?? 'OTHER';
}

/** The code for a language name; a name this table lacks is sent as `OTHER`. */
export function languageCodeOf(name: string): number {
  return Object.prototype.hasOwnProperty.call(LanguageCode, name) ? LanguageCode[name as LanguageName] : LanguageCode.OTHER;
}
