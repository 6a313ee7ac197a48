/**
 * Three projects: fast unit tests beside the code (src/**\/*.spec.ts), the web app's pure modules
 * (web/src/**\/*.spec.ts), and end-to-end tests in test/ that boot the real app against real
 * PostgreSQL and Redis (the browser tests among them drive the built web app in Chromium).
 */
const transform = {
  // Files are transpiled one by one (type-checking is `npm run typecheck`); @formatjs ships
  // ES modules only, so it is compiled to CommonJS for Jest's module system.
  '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
};
const transformIgnorePatterns = ['/node_modules/(?!@formatjs/|n2words/)'];

module.exports = {
  // A global option: Jest ignores testTimeout inside a project, so e2e tests ran on the 5 s default.
  testTimeout: 60000,
  // End-to-end tests start servers, worker processes and private Redis and PostgreSQL servers;
  // a handle a failed test leaves behind must not keep CI waiting after the last test. Look
  // for leaks with `npx jest --detectOpenHandles <file>`.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      // The web app's pure modules (placeables, diff, keymap, interface text), in Node.
      displayName: 'web',
      testEnvironment: 'node',
      roots: ['<rootDir>/web/src'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper: { '^~/(.*)$': '<rootDir>/web/src/$1' },
      transform: {
        '^.+\\.(ts|tsx|js)$': ['ts-jest', { tsconfig: 'web/tsconfig.spec.json' }],
      },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
