// Three tiers: unit specs beside the code, integration tests against a real database,
// e2e tests against the built application over HTTP.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

// NestJS 12 and a few of its dependencies ship as ESM only; Jest on Node 20 needs them compiled.
const esmPackages = ['@nestjs', 'file-type', 'uid', 'load-esm', 'pg-boss', 'serialize-error', 'non-error', 'rrule-temporal'];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@turbota/([^/]+)$': '<rootDir>/libs/$1/src',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/slow-tests.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'], setupFilesAfterEnv: ['<rootDir>/tests/support/slow-tests.ts'] },
  ],
};
