/** RocketMQ's protocol catalogue: request/response codes, typed headers and body schemas. */
export {};
