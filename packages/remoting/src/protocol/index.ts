/** RocketMQ's protocol catalogue: request/response codes, typed headers and body schemas. */
export * from './request-code';
export * from './response-code';
export * from './java-values';
export * from './header-codec';
export * from './headers';
export * from './json';
export * from './bodies';
export * from './route-queues';
