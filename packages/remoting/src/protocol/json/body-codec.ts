import { BeanOf, BeanProps, BeanType } from './body-schema';
import { decodeJson } from './body-decoder';
import { parseJavaJson } from './java-json-reader';
import { JsonStyle, writeJavaJson } from './java-json-writer';

/** Reads and writes one JSON body class. */
export interface BodyCodec<P extends BeanProps> {
  /** The schema, usable inside other schemas. */
  readonly type: BeanType<P>;
  /**
   * Parses a body as Java writes it (either style).
   * @throws MQError SYSTEM_ERROR on malformed JSON or a value of the wrong type.
   */
  decode(body: Uint8Array | string): BeanOf<P>;
  /** The body's JSON text (`java` style unless told otherwise). */
  toJson(value: BeanOf<P, 'init'>, style?: JsonStyle): string;
  /** The body as UTF-8 bytes (`java` style unless told otherwise). */
  encode(value: BeanOf<P, 'init'>, style?: JsonStyle): Buffer;
}

/** Wraps a bean schema into a body codec. */
export function bodyCodec<P extends BeanProps>(type: BeanType<P>): BodyCodec<P> {
  return {
    type,
    decode: (body) => decodeJson(type, parseJavaJson(body)) as BeanOf<P>,
    toJson: (value, style) => writeJavaJson(type, value, style),
    encode: (value, style) => Buffer.from(writeJavaJson(type, value, style), 'utf8'),
  };
}

/** The decoded TypeScript type of a body codec. */
export type BodyOf<C> = C extends BodyCodec<infer P> ? BeanOf<P> : never;
/** What a body codec's `encode` accepts (every property optional; Java defaults fill in). */
export type BodyInit<C> = C extends BodyCodec<infer P> ? BeanOf<P, 'init'> : never;
