// Default per-test timeout of a jest project: 30 s for package suites, longer where a project
// sets MQ_JEST_TIMEOUT_MS in its config's `globals` (the e2e suites start real processes).
jest.setTimeout(globalThis.MQ_JEST_TIMEOUT_MS ?? 30_000);
