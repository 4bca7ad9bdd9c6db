import { buildGoDriver, goDriverCommand, goToolchain } from '../support/go-driver';
import { grpcClientSuite } from '../support/grpc-client-suite';

let driver = '';

grpcClientSuite({
  name: 'Go client (rocketmq-clients golang/v5, default TLS, no credentials)',
  availability: goToolchain,
  prepare: async () => {
    driver = await buildGoDriver();
  },
  prepareTimeoutMs: 15 * 60_000,
  command: (workload, scratchDir) => goDriverCommand(driver, workload, scratchDir),
});
