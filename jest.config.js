// The whole suite in one jest run: every package and the e2e suites.
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/e2e/jest.config.js'],
};
