/**
 * @mq/common — the message model, codecs, ids, naming rules, config, logging and errors
 * shared by every @mq package.
 *
 * @packageDocumentation
 */
export * from './errors';
export * from './crc32';
export * from './int64';
export * from './logger';
