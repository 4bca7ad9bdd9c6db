import { grpcClientSuite } from '../support/grpc-client-suite';
import { installPythonDriver, pythonDriverCommand, pythonToolchain } from '../support/python-driver';

let python = '';

grpcClientSuite({
  name: 'Python client (rocketmq-python-client, default plaintext, empty credentials)',
  availability: pythonToolchain,
  prepare: async () => {
    python = await installPythonDriver();
  },
  prepareTimeoutMs: 12 * 60_000,
  command: (workload, scratchDir) => pythonDriverCommand(python, workload, scratchDir),
});
