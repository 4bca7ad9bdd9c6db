import { ResponseCode } from '../protocol/response-code';
import type { LanguageName } from './language-code';
import { MQVersion } from './mq-version';
import { nextOpaque } from './opaque';
import { SerializeType } from './serialize-type';

/** Bits of {@link RemotingCommand.flag}. */
export const RemotingCommandFlag = {
  /** Set on responses; a frame without it is a request. */
  RESPONSE: 1,
  /** Set on requests that must not be answered. */
  ONEWAY: 2,
} as const;

/** Command-specific header fields: Java's `extFields`, every value a string. */
export type ExtFields = Record<string, string>;

/**
 * Sets one ext field, also when the key is `__proto__` (a plain assignment would hit the
 * prototype setter and drop it).
 */
export function setExtField(ext: ExtFields, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(ext, key, { value, enumerable: true, writable: true, configurable: true });
  else ext[key] = value;
}

/** Settings shared by every command this process creates. */
export interface CommandDefaults {
  /** Announced implementation language; default `JAVA` (understood by every Java peer). */
  language: LanguageName;
  /** Announced `MQVersion` ordinal; default {@link MQVersion.CURRENT_VERSION}. */
  version: number;
}

/** Process-wide defaults for new commands; change them once at start-up. */
export const commandDefaults: CommandDefaults = {
  language: 'JAVA',
  version: MQVersion.CURRENT_VERSION,
};

/**
 * One request or response of the remoting protocol (Java's `RemotingCommand`): the header
 * fields plus an optional body. Encoded by the frame codec in either serialization.
 */
export class RemotingCommand {
  /** Request code (a request) or response code (a response). */
  code: number;
  /** Sender's LanguageCode name; names this side does not know are kept as received. */
  language: string;
  /** Sender's `MQVersion` ordinal. */
  version: number;
  /** Request id; a response carries the opaque of its request. */
  opaque: number;
  /** {@link RemotingCommandFlag} bits. */
  flag: number;
  /** Human-readable text, e.g. an error message. */
  remark: string | undefined;
  /** Command-specific header fields. */
  extFields: ExtFields | undefined;
  /** Payload bytes, often a view into the received frame. */
  body: Buffer | undefined;
  /** The header serialization this command arrived in, or will be sent in. */
  serializeType: SerializeType;

  constructor(code: number, flag = 0, opaque = nextOpaque()) {
    this.code = code;
    this.language = commandDefaults.language;
    this.version = commandDefaults.version;
    this.opaque = opaque;
    this.flag = flag;
    this.remark = undefined;
    this.extFields = undefined;
    this.body = undefined;
    this.serializeType = SerializeType.JSON;
  }

  /** A new request with a fresh opaque, sent with the JSON header. */
  static createRequest(code: number, extFields?: ExtFields, body?: Buffer): RemotingCommand {
    const request = new RemotingCommand(code);
    request.extFields = extFields;
    request.body = body;
    return request;
  }

  /**
   * The response to `request`: same opaque, RESPONSE flag, and the request's serialization,
   * so a peer gets its answer in the header format it spoke.
   */
  static createResponse(request: RemotingCommand, code: number = ResponseCode.SUCCESS, remark?: string): RemotingCommand {
    const response = new RemotingCommand(code, RemotingCommandFlag.RESPONSE, request.opaque);
    response.remark = remark;
    response.serializeType = request.serializeType;
    return response;
  }

  /** True for a response (flag bit 0). */
  get isResponse(): boolean {
    return (this.flag & RemotingCommandFlag.RESPONSE) !== 0;
  }

  /** True for a one-way request (flag bit 1): the receiver must not answer. */
  get isOneway(): boolean {
    return (this.flag & RemotingCommandFlag.ONEWAY) !== 0;
  }

  /** Marks this request one-way and returns it. */
  markOneway(): this {
    this.flag |= RemotingCommandFlag.ONEWAY;
    return this;
  }

  /** Marks this command as a response and returns it. */
  markResponse(): this {
    this.flag |= RemotingCommandFlag.RESPONSE;
    return this;
  }
}
