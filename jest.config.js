/**
 * One runner, three projects:
 *   unit         *.spec.ts beside the code — pure logic, no services
 *   integration  *.int-spec.ts — real PostgreSQL and Redis
 *   e2e          test/*.e2e-spec.ts — the api and worker booted, driven over HTTP
 *   browser      test/browser/*.browser-spec.ts — the built web app in Chromium (playwright-core) against them
 *   faults       test/faults/*.fault-spec.ts — the built api and worker as child processes
 *                under injected faults (`npm run test:faults`: builds first, runs serially)
 * The global setup creates a fresh database for the run (real migrations) and drops
 * it afterwards; each integration and e2e file works on its own copy of it
 * (test/setup/file-database.ts); each Jest worker gets its own BullMQ prefix
 * (test/setup/env.ts), and its pg connections commit without waiting for fsync.
 * ts-jest transpiles only (isolatedModules); `npm run typecheck` checks types.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const FILE_DATABASE = '<rootDir>/test/setup/file-database.ts';

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  setupFiles: ['<rootDir>/test/setup/env.ts'],
};

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  transform: common.transform,
  moduleNameMapper: common.moduleNameMapper,
  // Four workers on a 2-core machine: the files mostly wait (on PostgreSQL, the worker's
  // jobs, Chromium), using a fifth to a third of a core each (ADR 0036).
  maxWorkers: 4,
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/architecture/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], setupFilesAfterEnv: [FILE_DATABASE] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], setupFilesAfterEnv: [FILE_DATABASE] },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFilesAfterEnv: [FILE_DATABASE, '<rootDir>/test/setup/browser-timeout.ts'],
    },
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      setupFilesAfterEnv: [FILE_DATABASE, '<rootDir>/test/faults/kit/jest-setup.ts'],
    },
  ],
};
