import path from 'node:path';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import protobuf from 'protobufjs';

/** Folder holding `apache/rocketmq/v2/*.proto`; the same relative place from src/grpc and dist/grpc. */
export const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'proto');

const PROTO_FILES = ['apache/rocketmq/v2/service.proto', 'apache/rocketmq/v2/admin.proto'];

/** How decoded messages look: see types.ts. */
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: Number,
  enums: Number,
  bytes: Buffer,
  arrays: true,
  objects: true,
  oneofs: true,
};

let root: protobuf.Root | undefined;

/** The parsed `apache.rocketmq.v2` schema (loaded once, with the bundled google/protobuf types). */
export function rocketmqSchema(): protobuf.Root {
  if (root) return root;
  const loaded = new protobuf.Root();
  loaded.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(PROTO_ROOT, target));
  loaded.loadSync(PROTO_FILES, { keepCase: true });
  loaded.resolveAll();
  root = loaded;
  return loaded;
}

/** Encodes a plain object (types.ts shape) as the named message. */
export function encodeMessage(typeName: string, value: object): Buffer {
  return encodeAs(rocketmqSchema().lookupType(typeName), value);
}

/** Decodes bytes of the named message into a plain object (types.ts shape). */
export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  return decodeAs(rocketmqSchema().lookupType(typeName), bytes) as T;
}

function encodeAs(type: protobuf.Type, value: object): Buffer {
  const bytes = type.encode(type.fromObject(value)).finish();
  // Under Node protobufjs already writes into a Buffer: hand it over without copying.
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeAs(type: protobuf.Type, bytes: Uint8Array): object {
  return type.toObject(type.decode(bytes), TO_OBJECT);
}

/** The resolved type of a method's request or response, its codecs generated now rather than on the first call. */
function preparedType(type: protobuf.Type | null): protobuf.Type {
  if (!type) throw new Error('unresolved gRPC method type');
  return type.setup();
}

/** A grpc-js service definition built from a service of the schema, e.g. `apache.rocketmq.v2.MessagingService`. */
export function serviceDefinition(serviceName: string): ServiceDefinition {
  const service = rocketmqSchema().lookupService(serviceName);
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of Object.values(service.methods)) {
    method.resolve();
    const requestType = preparedType(method.resolvedRequestType);
    const responseType = preparedType(method.resolvedResponseType);
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: method.requestStream ?? false,
      responseStream: method.responseStream ?? false,
      requestSerialize: (value) => encodeAs(requestType, value),
      requestDeserialize: (bytes) => decodeAs(requestType, bytes),
      responseSerialize: (value) => encodeAs(responseType, value),
      responseDeserialize: (bytes) => decodeAs(responseType, bytes),
    };
  }
  return definition;
}
