module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  globals: { MQ_JEST_TIMEOUT_MS: 300_000 },
};
