// Shared jest settings for every package: TypeScript through ts-jest (transpile only;
// type checking is the `lint` target's job) and @mq/* resolved to sources, so tests
// never run against a stale build.
const path = require('node:path');

const packagesDir = path.join(__dirname, 'packages');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.jest.json'), diagnostics: false }],
  },
  moduleNameMapper: {
    '^@mq/([a-z-]+)$': `${packagesDir}/$1/src/index.ts`,
  },
  // `testTimeout` is a global-only option in jest 29; per-project timeouts go through a setup file.
  setupFilesAfterEnv: [path.join(__dirname, 'tools', 'jest-timeout.js')],
};
