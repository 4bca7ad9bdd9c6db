import path from 'node:path';
import { buildDriverProject, type DriverResult, type JavaDriverBuild } from './java';

/** The official Java gRPC client the drivers are built against: newest 5.x on Maven Central. */
export const GRPC_JAVA_CLIENT_VERSION = '5.2.0';

const E2E = path.resolve(__dirname, '..');
const GRPC_JAVA_PROJECT = path.join(E2E, 'grpc-java');

/** Every gRPC driver's result line also says whether the client used TLS. */
export interface GrpcDriverResult extends DriverResult {
  sslEnabled: boolean;
}

/**
 * Builds the `grpc-java/` drivers (or reuses an earlier build). Their sources include the
 * remoting drivers' option, JSON and wait helpers, so `java/src` is part of the cache key.
 */
export function buildGrpcJavaDrivers(): Promise<JavaDriverBuild> {
  const pom = path.join(GRPC_JAVA_PROJECT, 'pom.xml');
  return buildDriverProject(
    {
      pom,
      sources: [pom, path.join(GRPC_JAVA_PROJECT, 'src'), path.join(E2E, 'java', 'src')],
      key: `grpc-${GRPC_JAVA_CLIENT_VERSION}`,
      mavenArgs: [`-Drocketmq.version=${GRPC_JAVA_CLIENT_VERSION}`],
    },
    `rocketmq-client-java ${GRPC_JAVA_CLIENT_VERSION}`,
  );
}
