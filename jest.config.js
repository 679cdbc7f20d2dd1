const { readFileSync } = require('node:fs');

const swcConfig = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;
// Jest resolves the workspace aliases itself, through moduleNameMapper below.
delete swcConfig.jsc.baseUrl;
delete swcConfig.jsc.paths;

const moduleNameMapper = {
  '^@compliance/(.*)$': '<rootDir>/libs/$1/src/index.ts',
};

const transform = { '^.+\\.ts$': ['@swc/jest', swcConfig] };

function project(displayName, testMatch, extra = {}) {
  return {
    displayName,
    testMatch,
    transform,
    moduleNameMapper,
    testEnvironment: 'node',
    rootDir: __dirname,
    roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
    setupFiles: ['<rootDir>/test/setup-env.ts'],
    ...extra,
  };
}

/** Three tiers: pure logic, real servers, and the whole platform through the gateway. */
module.exports = {
  projects: [
    project('unit', ['**/*.spec.ts']),
    project('integration', ['**/*.integration-spec.ts'], {
      setupFilesAfterEnv: ['<rootDir>/test/slow-tests.ts'],
    }),
    project('e2e', ['**/*.e2e-spec.ts'], { setupFilesAfterEnv: ['<rootDir>/test/slow-tests.ts'] }),
  ],
};
